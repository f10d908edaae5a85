import assert from "node:assert/strict";
import { parse } from "../hcl/document.ts";
import { parseType } from "./types.ts";
import { canonical, sameValue, typeAt } from "./types_equal.ts";
import { toJson } from "../hcl/value.ts";

const value = (text: string) =>
  parse(`v = ${text}\n`, "t.tfvars", { tfvars: true }).get("v")!.value;

const CASES: Array<[string, string, string, boolean]> = [
  ["bool", '"true"', "true", true],
  ["bool", '"true"', "false", false],
  ["number", "60 * 60 * 24", "86400", true],
  ["number", "60 * 60 * 24", "86401", false],
  ["map(number)", '{ a = "3" }', "{ a = 3 }", true],
  ["object({ enabled = bool })", '{ enabled = "true" }', "{ enabled = true }", true],
  ["any", '"true"', "true", false],
  ["list(string)", '["a", 1]', '["a", "1"]', true],
  ["set(string)", '["b", "a", "a"]', '["a", "b"]', true],
  ["object({ a = string, b = optional(number, 1) })", '{ a = "x" }', '{ a = "x", b = 1 }', true],
  // A part of an object (the shared file's record of a path): compared key by key, each typed.
  ["object({ enabled = bool, name = string })", '{ enabled = "true" }', "{ enabled = true }", true],
  [
    "object({ enabled = bool, name = string })",
    '{ enabled = "true" }',
    "{ enabled = false }",
    false,
  ],
  [
    "object({ enabled = bool, name = string })",
    "{ enabled = true }",
    '{ enabled = true, name = "x" }',
    false,
  ],
];

for (const [type, a, b, want] of CASES) {
  Deno.test(`sameValue(${a}, ${b}) as ${type} is ${want}`, () => {
    assert.equal(sameValue(value(a), value(b), parseType(type)), want);
    assert.equal(sameValue(value(b), value(a), parseType(type)), want);
  });
}

Deno.test("typeAt() follows object attributes, map keys and list indexes", () => {
  const t = parseType("object({ s = object({ enabled = bool }), m = map(list(number)) })");
  assert.deepEqual(typeAt(t, ["s", "enabled"]), { kind: "bool" });
  assert.deepEqual(typeAt(t, ["m", "any key", 3]), { kind: "number" });
  assert.equal(typeAt(t, ["undeclared"]), undefined);
  assert.equal(typeAt(parseType("any"), ["k"]), undefined);
  assert.equal(typeAt(undefined, []), undefined);
});

Deno.test("canonical() holds a map in key order and converts its values", () => {
  const v = canonical(value('{ b = "2", a = 1 }'), parseType("map(number)"));
  assert.equal(toJson(v), '{"a":1,"b":2}');
  const partial = canonical(value('{ z = "true" }'), parseType("object({ z = bool, y = string })"));
  assert.equal(toJson(partial), '{"z":true}');
});
