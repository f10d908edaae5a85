// Property tests over generated tfvars files (tests/_generate.ts): the round trip is the identity,
// the attributes are the ones written, the structure is hcl2json's and the values terraform's.
import { deepStrictEqual, strictEqual } from "node:assert";
import fc from "fast-check";
import { type Document, parse, print } from "../lib/hcl/document.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { HclNumber, toHcl, toPlain, type Value, valuesEqual } from "../lib/hcl/value.ts";
import { hclValue, terraformFmt, tfvarsFile } from "./_generate.ts";
import { needs, which } from "./_cli.ts";
import { canonical, noTerraform, terraformRead } from "./_terraform.ts";
import { disagreement } from "../lib/hcl/eval_agree.ts";
import { runs } from "./_runs.ts";

const RUNS = runs(20_240_611, 200);
const SEED = RUNS.seed;

Deno.test("parse() round-trips generated tfvars files and finds their attributes", () => {
  fc.assert(
    fc.property(tfvarsFile(), ({ text, names }) => {
      const doc = parse(text, "gen.tfvars", { tfvars: true });
      strictEqual(print(doc), text);
      deepStrictEqual(doc.attributes.map((a) => a.name), names);
      assertTiled(doc);
      assertAttributeSpans(doc);
    }),
    runs(SEED, 400),
  );
});

Deno.test("parse() reads generated tfvars files with hcl2json's structure", async () => {
  await fc.assert(
    fc.asyncProperty(tfvarsFile(), async ({ text }) => {
      const theirs = await readWithHcl(text, "gen.tfvars"); // throws if the file is not valid HCL
      const doc = parse(text, "gen.tfvars", { tfvars: true });
      deepStrictEqual(doc.attributes.map((a) => a.name).sort(), Object.keys(theirs).sort());
      for (const a of doc.attributes) deepStrictEqual(disagreement(a.value, theirs[a.name]), "");
    }),
    RUNS,
  );
});

Deno.test({
  name: "hclValue() yields values that terraform reads as parse() does (one console call)",
  ignore: noTerraform !== undefined,
  async fn() {
    const sources = fc.sample(hclValue(), runs(SEED, 150));
    const readings = await terraformRead(sources);
    const wrong = sources.flatMap((source, i) => {
      const r = readings[i];
      const theirs = "value" in r ? canonical(r.value) : `error ${r.error}`;
      const ours = canonical(valueOf(source));
      return ours === theirs ? [] : [`${source}: tfsync ${ours}, terraform ${theirs}`];
    });
    deepStrictEqual(wrong, []);
  },
});

Deno.test("toHcl() writes generated values so that parse() reads them back", () => {
  fc.assert(
    fc.property(hclValue(), (source) => {
      const value = valueOf(source);
      strictEqual(valuesEqual(valueOf(toHcl(value)), value), true, toHcl(value));
    }),
    RUNS,
  );
});

Deno.test("parse() reads generated number literals exactly", () => {
  fc.assert(
    fc.property(numberLiteral(), (literal) => {
      const value = valueOf(literal);
      strictEqual(value instanceof HclNumber, true);
      const { text } = value as HclNumber;
      strictEqual(/^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/.test(text), true, `canonical: ${text}`);
      deepStrictEqual(exact(text), exact(literal));
    }),
    runs(SEED, 1000),
  );
});

Deno.test("parse() tells numbers apart exactly where doubles cannot", () => {
  let closeCalls = 0;
  fc.assert(
    fc.property(
      numberLiteral().chain((x) => fc.tuple(fc.constant(x), relatedLiteral(x))),
      ([x, y]) => {
        const same = valuesEqual(valueOf(x), valueOf(y));
        strictEqual(same, deepEqual(exact(x), exact(y)), `${x} vs ${y}`);
        if (!same && Number(x) === Number(y)) closeCalls++;
      },
    ),
    runs(SEED, 1000),
  );
  strictEqual(
    closeCalls > 50,
    true,
    `only ${closeCalls} pairs were equal as doubles but not exactly`,
  );
});

needs(
  { terraform: which("terraform") },
  "parse() round-trips terraform fmt's output of generated files",
  async () => {
    const files = fc.sample(tfvarsFile(), runs(SEED, 80));
    const formatted = await terraformFmt(files.map((f) => f.text));
    if (formatted === undefined) throw new Error("terraform fmt gave no output");
    files.forEach(({ text }, i) => {
      const doc = parse(formatted[i], "fmt.tfvars", { tfvars: true });
      strictEqual(print(doc), formatted[i]);
      deepStrictEqual(plainValues(doc), plainValues(parse(text, "gen.tfvars", { tfvars: true })));
    });
  },
);

/** Parses `v = <source>` and returns its value. */
function valueOf(source: string): Value {
  return parse(`v = ${source}\n`, "v.tfvars", { tfvars: true }).get("v")!.value;
}

function plainValues(doc: Document): Record<string, unknown> {
  return Object.fromEntries(doc.attributes.map((a) => [a.name, toPlain(a.value)]));
}

function deepEqual(a: unknown, b: unknown): boolean {
  try {
    deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** The items cover the text from start to end, without gaps or overlaps. */
function assertTiled(doc: Document): void {
  let at = 0;
  for (const item of doc.items) {
    strictEqual(item.start, at);
    at = item.end;
  }
  strictEqual(at, doc.text.length);
}

/** Each attribute's spans hold what they say: its name, a value that reads alone, its comments. */
function assertAttributeSpans(doc: Document): void {
  for (const a of doc.attributes) {
    strictEqual(doc.text.startsWith(a.name, a.nameStart), true);
    strictEqual(doc.lineOf(a.nameStart), a.line);
    strictEqual(doc.lineOf(a.valueEnd), a.endLine);
    const value = valueOf(doc.text.slice(a.valueStart, a.valueEnd));
    strictEqual(valuesEqual(value, a.value), true, "the value's text reads alone");
    if (a.comment) {
      strictEqual(/^(#|\/\/|\/\*)/.test(doc.raw(a.comment)), true);
      strictEqual(doc.lineOf(a.comment.start), a.endLine);
    }
    const leading = parse(doc.text.slice(a.leadingStart, a.start), "lead.tfvars", { tfvars: true });
    strictEqual(leading.items.every((i) => i.kind === "trivia" && i.isComment), true);
  }
}

/** A number literal of up to 40 digits with an exponent up to ±40: beyond doubles, often. */
function numberLiteral(): fc.Arbitrary<string> {
  return fc.tuple(
    fc.constantFrom("", "-"),
    fc.stringMatching(/^[0-9]{1,20}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: "" }),
    fc.option(
      fc.tuple(
        fc.constantFrom("e", "E"),
        fc.constantFrom("", "+", "-"),
        fc.integer({ min: 0, max: 40 }),
      ),
      {
        nil: undefined,
      },
    ),
  ).map(([sign, int, frac, exp]) => `${sign}${int}${frac && "." + frac}${exp ? exp.join("") : ""}`);
}

/** Another literal for the same number (re-spelled), or for a neighbour (its last digit moved). */
function relatedLiteral(literal: string): fc.Arbitrary<string> {
  const { negative, digits, exponent } = split(literal);
  const respelled = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(100)).map(
    ([zerosLeft, zerosRight, cut]) => {
      const d = "0".repeat(zerosLeft) + digits + "0".repeat(zerosRight);
      const point = 1 + (cut % d.length);
      const e = exponent - zerosRight + (d.length - point);
      const mantissa = d.slice(0, point) + (point < d.length ? "." + d.slice(point) : "");
      return `${negative ? "-" : ""}${mantissa}${e === 0 ? "" : "e" + e}`;
    },
  );
  const last = Number(digits.at(-1));
  const neighbour = `${negative ? "-" : ""}${digits.slice(0, -1)}${
    last === 9 ? 8 : last + 1
  }e${exponent}`;
  return fc.oneof(respelled, fc.constant(neighbour));
}

/** A literal as digits × 10^exponent. */
function split(literal: string): { negative: boolean; digits: string; exponent: number } {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(literal)!;
  const [, sign, int, frac = "", exp = "0"] = m;
  return { negative: sign === "-", digits: int + frac, exponent: Number(exp) - frac.length };
}

/** The exact value of a literal, by BigInt: sign, digits without trailing zeros, exponent. */
function exact(literal: string): [boolean, bigint, number] {
  const { negative, digits, exponent } = split(literal);
  let n = BigInt(digits);
  let e = exponent;
  if (n === 0n) return [false, 0n, 0];
  while (n % 10n === 0n) n /= 10n, e++;
  return [negative, n, e + 0]; // + 0: no -0 from "e-0"
}
