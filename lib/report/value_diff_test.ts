import assert from "node:assert/strict";
import { parse } from "../hcl/document.ts";
import { clipPair, differences, subPath } from "./value_diff.ts";
import { toHcl } from "../hcl/value.ts";
import { parseType } from "../terraform/types.ts";

const value = (text: string) => parse(`v = ${text}\n`).get("v")!.value;

Deno.test("differences() lists the keys and elements that differ, one each", () => {
  const a = value('{ a = 1, b = { c = [1, 2], d = "x" }, e = true }');
  const b = value('{ a = 1, b = { c = [1, 3, 4], d = "x" }, f = 1 }');
  const out = differences(a, b).map((d) =>
    `${subPath(d.keys)}: ${d.from === undefined ? "-" : toHcl(d.from)} → ${
      d.to === undefined ? "-" : toHcl(d.to)
    }`
  );
  assert.deepEqual(out, [".b.c: 2 → -", ".b.c: - → 3", ".b.c: - → 4", ".e: true → -", ".f: - → 1"]);
  const lists = differences(value("[1, 2, 3]"), value("[1, 5, 3]"));
  assert.deepEqual(lists.map((d) => [d.keys, d.element]), [[[1], undefined]]);
  const removed = differences(value("[1, 2, 2, 3]"), value("[2, 3]"));
  assert.deepEqual(removed.map((d) => [toHcl(d.from!), d.element]), [["1", true], ["2", true]]);
});

Deno.test("clipPair() cuts around the first difference, never inside the shared start", () => {
  const shared = "x".repeat(80);
  const [a, b] = clipPair(`"${shared}A-tail"`, `"${shared}B-tail"`, 40);
  assert.equal(a, `…${"x".repeat(10)}A-tail"`);
  assert.equal(b, `…${"x".repeat(10)}B-tail"`);
  assert.deepEqual(clipPair("short", "other"), ["short", "other"]);
  const [c] = clipPair("ab" + "y".repeat(100), "ac", 20);
  assert.equal(c, "ab" + "y".repeat(17) + "…");
});

Deno.test("differences() of typed values lists only what differs after conversion", () => {
  const type = parseType("object({ enabled = bool, sizes = map(number), name = string })");
  const a = value('{ enabled = "true", sizes = { a = "3", b = 1 }, name = "x" }');
  const b = value('{ enabled = true, sizes = { a = 3, b = 2 }, name = "y" }');
  assert.deepEqual(differences(a, b, type).map((d) => d.keys), [["sizes", "b"], ["name"]]);
  assert.deepEqual(differences(a, b).map((d) => d.keys), [
    ["enabled"],
    ["sizes", "a"],
    ["sizes", "b"],
    ["name"],
  ]);
});
