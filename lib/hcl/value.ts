// Values of HCL literal expressions, as hashicorp/hcl (hcl2json) reads them.
//
// Numbers are Terraform's: 512-bit binary floats, kept as the text terraform prints for them
// (12345678901234567890 and 12345678901234567891 differ, though JSON doubles cannot tell).
import { type BigFloat, format, parseDecimal } from "./eval_number.ts";

/**
 * A number as terraform prints it (`jsonencode`): no exponent, no trailing fraction zeros; "-0"
 * only as the result of arithmetic (it equals "0").
 */
export class HclNumber {
  /** The text terraform prints; computed when first asked (intermediate results never are). */
  declare readonly text: string;
  #big: BigFloat | undefined;
  constructor(text: string | undefined, big?: BigFloat) {
    this.#big = big;
    // An own, enumerable property: deep equality of values compares numbers by their text. A
    // literal's is a plain value (a file holds many numbers); a result's is formatted when read.
    if (text !== undefined) this.text = text;
    else {
      let formatted: string | undefined;
      Object.defineProperty(this, "text", {
        enumerable: true,
        get: () => formatted ??= format(this.#big!),
      });
    }
  }
  /** The 512-bit value, for arithmetic. */
  get big(): BigFloat {
    return this.#big ??= parseDecimal(this.text);
  }
  static fromBig(big: BigFloat): HclNumber {
    return new HclNumber(undefined, big);
  }
  /** Parses an HCL number literal (`1`, `1.50`, `1e3`, `-2.5E-2`). Returns undefined when malformed. */
  static parse(literal: string): HclNumber | undefined {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
    if (!m) return undefined;
    const [, sign, int, frac = "", exp = "0"] = m;
    let digits = int + frac;
    let point = int.length + Number(exp); // position of the decimal point in digits
    if (point < 0) {
      digits = "0".repeat(-point) + digits;
      point = 0;
    }
    if (point > digits.length) digits += "0".repeat(point - digits.length);
    let whole = digits.slice(0, point).replace(/^0+/, "") || "0";
    const fraction = digits.slice(point).replace(/0+$/, "");
    if (whole === "0" && fraction === "") return new HclNumber("0");
    if (whole === "") whole = "0";
    // Up to 150 significant digits, the exact decimal is the shortest text of its 512-bit value.
    if ((whole + fraction).replace(/^0+/, "").length > 150) {
      return HclNumber.fromBig(parseDecimal(literal));
    }
    return new HclNumber(`${sign}${whole}${fraction ? "." + fraction : ""}`);
  }
  toNumber(): number {
    return Number(this.text);
  }
}

/** Why an expression has no value, in Terraform's words; `at` is the offset in the file. */
export interface EvalProblem {
  summary: string;
  detail: string;
  at: number;
}

/**
 * An expression without a constant value (a reference, a function call, an operation that
 * fails); kept as its source text, with the reason when it was evaluated.
 */
export class HclExpression {
  readonly source: string;
  readonly problem?: EvalProblem;
  constructor(source: string, problem?: EvalProblem) {
    this.source = source;
    this.problem = problem;
  }
}

export type Value =
  | null
  | boolean
  | string
  | HclNumber
  | HclExpression
  | Value[]
  | ValueMap;

/** Object values keep their keys in source order; equality ignores the order. */
export type ValueMap = Map<string, Value>;

/** Semantic equality: `["a"]` equals `[ "a", ]`, `1.0` equals `1`, key order in maps is ignored. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof HclNumber) return b instanceof HclNumber && numberText(a) === numberText(b);
  if (a instanceof HclExpression) {
    return b instanceof HclExpression && squash(a.source) === squash(b.source);
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !valuesEqual(v, b.get(k)!)) return false;
    }
    return true;
  }
  return false;
}

function numberText(n: HclNumber): string {
  return n.text === "-0" ? "0" : n.text;
}

function squash(source: string): string {
  return source.replace(/\s+/g, "");
}

/** JSON text of a value; numbers are written exactly, expressions as hcl2json writes them ("${…}"). */
export function toJson(v: Value): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof HclNumber) return v.text;
  if (v instanceof HclExpression) return JSON.stringify("${" + v.source + "}");
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(",")}}`;
}

/** A plain JavaScript value (numbers become doubles): for JSON.stringify and comparisons with hcl2json. */
export function toPlain(v: Value): unknown {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof HclNumber) return v.toNumber();
  if (v instanceof HclExpression) return "${" + v.source + "}";
  if (Array.isArray(v)) return v.map(toPlain);
  return Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]));
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Compact one-line HCL for people: `["a", "b"]`, `{ a = 1, "b-c" = true }`. */
export function toHcl(v: Value): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") return hclString(v);
  if (v instanceof HclNumber) return v.text;
  if (v instanceof HclExpression) return v.source;
  if (Array.isArray(v)) return `[${v.map(toHcl).join(", ")}]`;
  if (v.size === 0) return "{}";
  const entries = [...v].map(([k, x]) => `${hclKey(k)} = ${toHcl(x)}`);
  return `{ ${entries.join(", ")} }`;
}

/** An object key as HCL writes it: a name, or quoted (a bare `for` would start a for expression). */
export function hclKey(k: string): string {
  return IDENT.test(k) && k !== "for" ? k : hclString(k);
}

/**
 * An HCL literal of a value: one line (`toHcl`), or, for a value written on several lines, its
 * collections on lines of their own as `terraform fmt` lays them out (two spaces a level, a comma
 * after each element of a list); the edit that writes it aligns the `=` of its entries (align.ts).
 */
export function hclLiteral(v: Value, lines: boolean, depth = 0): string {
  const size = v instanceof Map ? v.size : Array.isArray(v) ? v.length : 0;
  if (!lines || size === 0) return toHcl(v);
  const pad = "  ".repeat(depth + 1);
  const items = Array.isArray(v)
    ? v.map((x) => `${pad}${hclLiteral(x, true, depth + 1)},\n`)
    : [...(v as Map<string, Value>)].map(([k, x]) =>
      `${pad}${hclKey(k)} = ${hclLiteral(x, true, depth + 1)}\n`
    );
  const [open, close] = Array.isArray(v) ? "[]" : "{}";
  return `${open}\n${items.join("")}${"  ".repeat(depth)}${close}`;
}

/** A quoted HCL string that reads back as `s`: `${` and `%{` are escaped as `$${` and `%%{`. */
export function hclString(s: string): string {
  let out = '"';
  const chars = [...s];
  for (const [i, ch] of chars.entries()) {
    if ((ch === "$" || ch === "%") && chars[i + 1] === "{") out += ch;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      default: {
        const code = ch.codePointAt(0)!;
        out += code < 0x20 ? `\\u${code.toString(16).padStart(4, "0")}` : ch;
      }
    }
  }
  return out + '"';
}
