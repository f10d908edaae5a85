// The literal fast path (lib/hcl/expression_literal.ts) against the full parser: where it reads a value,
// the same value (same key order, same number text) ending at the same offset; where the full
// parser refuses the text, no value.
import { deepStrictEqual, strictEqual } from "node:assert";
import fc from "fast-check";
import { Cursor } from "../lib/hcl/cursor.ts";
import { type Attribute, type Item, parse } from "../lib/hcl/document.ts";
import { parseExpression } from "../lib/hcl/expression.ts";
import { readLiteral } from "../lib/hcl/expression_literal.ts";
import { HclExpression, HclNumber, type Value } from "../lib/hcl/value.ts";
import { hclValue, tfvarsFile } from "./_generate.ts";
import { runs } from "./_runs.ts";

/** Exactly the same value: types, number texts, key order. */
function same(a: Value, b: Value): boolean {
  if (a === null || typeof a !== "object") return a === b;
  if (a instanceof HclNumber) return b instanceof HclNumber && a.text === b.text;
  if (a instanceof HclExpression) {
    return b instanceof HclExpression && a.source === b.source &&
      JSON.stringify(a.problem) === JSON.stringify(b.problem);
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (!(b instanceof Map) || a.size !== b.size) return false;
  const bk = [...b.keys()];
  return [...a].every(([k, v], i) => bk[i] === k && same(v, b.get(k)!));
}

/** The fast reading of `source` as an attribute's value agrees with the full parser's. */
function agrees(source: string): string {
  const text = `a = ${source}\n`;
  const fast = new Cursor(text, "t.tfvars", 4);
  const value = readLiteral(fast);
  let full: { end: number; value: Value } | undefined;
  try {
    full = parseExpression(new Cursor(text, "t.tfvars", 4), false);
  } catch {
    full = undefined;
  }
  if (value === undefined) return fast.pos === 4 ? "" : `${source}: moved the cursor`;
  if (!full) return `${source}: read a value the full parser refuses`;
  if (fast.pos !== full.end) return `${source}: ends at ${fast.pos}, not ${full.end}`;
  return same(value, full.value) ? "" : `${source}: a different value`;
}

const CASES = [
  `"plain"`,
  `""`,
  `"a\\"b\\\\c\\n\\t\\r"`,
  `"\\u00e9"`,
  `"e\u0301"`, // NFC: é
  `"$x %y $$ %%"`,
  `"$\${x}"`,
  `"%%{x}"`,
  `"\${x}"`,
  `"a" + "b"`,
  `"a" # c`,
  `"a" // c`,
  `"a" /* c */`,
  `"a" /* c */ + 1`,
  `"a"[0]`,
  `"a" [0]`,
  `"a".b`,
  `"a" ? 1 : 2`,
  `1`,
  `1.50`,
  `1e3`,
  `-2.5E-2`,
  `-0`,
  `- 1`,
  `--1`,
  `1.`,
  `1.x`,
  `1 / 2`,
  `1 == 1`,
  `true`,
  `false`,
  `null`,
  `truex`,
  `true-1`,
  `x`,
  `f(1)`,
  `p::f(1)`,
  `[]`,
  `[1, 2, 3]`,
  `[1, 2, 3,]`,
  `[\n  "a", # c\n  "b",\n]`,
  `[1\n+ 2]`,
  `[1 ...]`,
  `[1][0]`,
  `[1] [0]`,
  `[for x in [1] : x]`,
  `[ for x in [1] : x]`,
  `[forx]`,
  `{}`,
  `{ a = 1, b = "x" }`,
  `{ a = 1, a = 2, b = 3 }`,
  `{ "a b" = 1 }`,
  `{ a: 1 }`,
  `{ a == 1 }`,
  `{ a => 1 }`,
  `{ true = 1 }`,
  `{ null = 1 }`,
  `{ 1 = 1 }`,
  `{ a.b = 1 }`,
  `{\n  a = 1 # c\n  b = [1, 2]\n  c = { d = null }\n}`,
  `{\n  a = 1\r\n}`,
  `{ a = 1\r b = 2 }`,
  `{ a = 1 b = 2 }`,
  `{ for k, v in {} : k => v }`,
  `{ "\${k}" = 1 }`,
  `{ a = [1][0] }`,
  `"unterminated`,
  `[1, 2`,
  `{ a = 1`,
  `[${"[".repeat(70)}${"]".repeat(70)}]`,
  `${"[".repeat(1200)}${"]".repeat(1200)}`,
  `<<EOT\nx\nEOT`,
];

Deno.test("readLiteral agrees with the full parser on hand-written cases", () => {
  deepStrictEqual(CASES.map(agrees).filter((w) => w !== ""), []);
});

Deno.test("readLiteral agrees with the full parser on generated values", () => {
  fc.assert(
    fc.property(hclValue(), (source) => strictEqual(agrees(source), "")),
    runs(20_261_203, 2000),
  );
});

// Bits of HCL strung together at random: mostly not valid, never read differently.
const TOKENS = [
  '"a"',
  '"',
  "\\",
  "\\n",
  "${",
  "$",
  "%{",
  "1",
  "-",
  "0.5",
  "e3",
  "true",
  "null",
  "x",
  "[",
  "]",
  "{",
  "}",
  ",",
  "=",
  ":",
  " ",
  "\n",
  "\r\n",
  "#c\n",
  "/*c*/",
  "(",
  ")",
  "+",
  ".",
  "?",
  "for ",
].map((t) => fc.constant(t));

Deno.test("readLiteral agrees with the full parser on random token strings", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(...TOKENS), { maxLength: 14 }).map((ts) => ts.join("")),
      (source) => strictEqual(agrees(source), ""),
    ),
    runs(20_261_203, 5000),
  );
});

Deno.test("a parsed document's values are the full parser's, value by value", () => {
  fc.assert(
    fc.property(tfvarsFile(), ({ text }) => {
      const doc = parse(text, "gen.tfvars", { tfvars: true });
      for (const a of doc.attributes) {
        const full = parseExpression(new Cursor(text, "gen.tfvars", a.valueStart), false);
        strictEqual(a.valueEnd, full.end);
        strictEqual(same(a.value, full.value), true, text.slice(a.valueStart, a.valueEnd));
      }
    }),
    runs(20_261_203, 400),
  );
});

/** Every attribute of a document, in blocks too. */
function attributes(items: Item[]): Attribute[] {
  return items.flatMap((i) =>
    i.kind === "attribute" ? [i] : i.kind === "block" ? attributes(i.items) : []
  );
}

/** The .tfvars and .tf files under a folder (none when it does not exist). */
function files(dir: URL): URL[] {
  const out: URL[] = [];
  try {
    for (const e of Deno.readDirSync(dir)) {
      const url = new URL(encodeURIComponent(e.name) + (e.isDirectory ? "/" : ""), dir);
      if (e.isDirectory) out.push(...files(url));
      else if (/\.(tfvars|tf)$/.test(e.name)) out.push(url);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out;
}

Deno.test("the corpus's and the fixtures' values are the full parser's, value by value", () => {
  const all = [
    ...files(new URL("../../shared/corpus/", import.meta.url)),
    ...files(new URL("../fixtures/", import.meta.url)),
  ];
  strictEqual(all.length > 100, true, "the corpus is there");
  let compared = 0;
  for (const url of all) {
    const text = Deno.readTextFileSync(url);
    let doc;
    try {
      doc = parse(text, url.pathname, { tfvars: url.pathname.endsWith(".tfvars") });
    } catch {
      continue; // a file the parser refuses (the corpus test names them)
    }
    for (const a of attributes(doc.items)) {
      const full = parseExpression(new Cursor(text, url.pathname, a.valueStart), false);
      strictEqual(a.valueEnd, full.end, `${url.pathname}:${a.line}`);
      strictEqual(same(a.value, full.value), true, `${url.pathname}:${a.line}`);
      compared++;
    }
  }
  strictEqual(compared > 1000, true);
});
