import { deepStrictEqual, strictEqual } from "node:assert";
import {
  HclExpression,
  HclNumber,
  hclString,
  toHcl,
  toJson,
  toPlain,
  type Value,
  valuesEqual,
} from "./value.ts";

const n = (text: string): HclNumber => HclNumber.parse(text)!;
const e = (source: string): HclExpression => new HclExpression(source);
const m = (entries: [string, Value][]): Map<string, Value> => new Map(entries);

const NUMBERS: [string, string | undefined][] = [
  ["1", "1"],
  ["1.0", "1"],
  ["1.50", "1.5"],
  ["0", "0"],
  ["-0", "0"],
  ["0.000", "0"],
  ["-0.0e5", "0"],
  ["007", "7"],
  ["1e3", "1000"],
  ["1E+3", "1000"],
  ["120e-1", "12"],
  ["2.5e-2", "0.025"],
  ["-2.5E-2", "-0.025"],
  ["1e-3", "0.001"],
  ["123.456e2", "12345.6"],
  ["12345678901234567890", "12345678901234567890"],
  ["1.5e20", "150000000000000000000"],
  ["1.23e-25", "0.000000000000000000000000123"],
  ["abc", undefined],
  ["1.", undefined],
  [".5", undefined],
  ["--1", undefined],
  ["1e", undefined],
  ["+1", undefined],
  ["", undefined],
];

for (const [literal, want] of NUMBERS) {
  Deno.test(`HclNumber.parse() reads ${JSON.stringify(literal)} as ${want ?? "malformed"}`, () => {
    strictEqual(HclNumber.parse(literal)?.text, want);
  });
}

Deno.test("HclNumber.toNumber() gives the nearest double", () => {
  strictEqual(n("1.5").toNumber(), 1.5);
  strictEqual(n("-0.025").toNumber(), -0.025);
  strictEqual(n("12345678901234567891").toNumber(), 12345678901234567000);
});

const EQUAL: [string, Value, Value, boolean][] = [
  ["equal numbers written differently", n("1.0"), n("1"), true],
  ["numbers beyond doubles", n("12345678901234567890"), n("12345678901234567891"), false],
  ["a number and its string", n("1"), "1", false],
  ["strings", "a", "a", true],
  ["strings of different case", "a", "A", false],
  ["null and false", null, false, false],
  ["null and null", null, null, true],
  ["tuples", ["a", "b"], ["a", "b"], true],
  ["tuples in another order", ["a", "b"], ["b", "a"], false],
  ["tuples of different length", ["a"], ["a", "a"], false],
  [
    "objects in another key order",
    m([["a", n("1")], ["b", n("2")]]),
    m([["b", n("2")], ["a", n("1")]]),
    true,
  ],
  ["objects with different values", m([["a", n("1")]]), m([["a", n("2")]]), false],
  ["objects with an extra key", m([["a", n("1")]]), m([["a", n("1")], ["b", null]]), false],
  ["an object and a tuple", m([]), [], false],
  ["expressions differing in whitespace", e("a + b"), e("a+b"), true],
  ["different expressions", e("a.b"), e("a.c"), false],
  ["an expression and its hcl2json string", e("var.x"), "${var.x}", false],
  ["nested values", [m([["k", [n("1"), null]]])], [m([["k", [n("1.0"), null]]])], true],
];

for (const [name, a, b, want] of EQUAL) {
  Deno.test(`valuesEqual() compares ${name}`, () => {
    strictEqual(valuesEqual(a, b), want);
    strictEqual(valuesEqual(b, a), want);
  });
}

Deno.test("toJson() writes numbers exactly and expressions as hcl2json does", () => {
  const v = m([
    ["big", n("12345678901234567891")],
    ["list", [n("1.5"), "s", true, null]],
    ["ref", e("var.x")],
    ["nested", m([["q", 'say "hi"']])],
  ]);
  strictEqual(
    toJson(v),
    '{"big":12345678901234567891,"list":[1.5,"s",true,null],"ref":"${var.x}","nested":{"q":"say \\"hi\\""}}',
  );
});

Deno.test("toPlain() gives JavaScript values with doubles", () => {
  const v = m([["n", n("0.1")], ["l", [e("a.b"), false]], ["o", m([["x", null]])]]);
  deepStrictEqual(toPlain(v), { n: 0.1, l: ["${a.b}", false], o: { x: null } });
});

const HCL: [string, Value, string][] = [
  ["a list", ["a", "b"], '["a", "b"]'],
  ["an empty object", m([]), "{}"],
  [
    "an object with an identifier and a quoted key",
    m([["a", n("1")], ["b-c d", true]]),
    '{ a = 1, "b-c d" = true }',
  ],
  ["a key named for, quoted", m([["for", n("1")], ["in", n("2")]]), '{ "for" = 1, in = 2 }'],
  ["an expression", e("var.x"), "var.x"],
  ["null", null, "null"],
  ["a big number", n("12345678901234567891"), "12345678901234567891"],
];

for (const [name, v, want] of HCL) {
  Deno.test(`toHcl() writes ${name}`, () => {
    strictEqual(toHcl(v), want);
  });
}

Deno.test("hclString() escapes quotes, backslashes and control characters", () => {
  strictEqual(hclString('a"b\\c\nd\re\tf\u0001g'), '"a\\"b\\\\c\\nd\\re\\tf\\u0001g"');
  strictEqual(hclString("${x} %{y} é $ %"), '"$${x} %%{y} é $ %"', "template sequences escaped");
});
