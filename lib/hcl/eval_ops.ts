// What HCL's operators do to constant values (cty's operations and conversions), and the
// problems they raise in Terraform's words.
import {
  add,
  compare,
  modulo,
  multiply,
  negate,
  NumberRangeError,
  quotient,
  subtract,
} from "./eval_number.ts";
import { HclExpression, HclNumber, type Value } from "./value.ts";

/**
 * An evaluation failure; `at` is the offset of the expression at fault. Thrown and caught inside
 * the evaluator only, so not an Error: capturing a stack trace for each `type = string` of a
 * variables.tf (a variable, not allowed in a constant) was most of the time to read the file.
 */
export class EvalFailure {
  readonly summary: string;
  readonly detail: string;
  readonly at: number;
  constructor(summary: string, detail: string, at: number) {
    this.summary = summary;
    this.detail = detail;
    this.at = at;
  }
}

// What a string must look like to convert to a number (Go's big.Float syntax in base 10).
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a value converts to, or undefined. */
export function toNumber(v: Value): HclNumber | undefined {
  if (v instanceof HclNumber) return v;
  if (typeof v === "string" && NUMBER_TEXT.test(v)) {
    const n = HclNumber.parse(
      v.replace(/^\+/, "").replace(/^(-?)\./, "$10.").replace(/\.(?=$|e)/i, ""),
    )!;
    // big.Float keeps a zero's sign ("-0" * 1 is -0 in terraform); HclNumber.parse drops it.
    return n.text === "0" && v.startsWith("-") ? new HclNumber("-0") : n;
  }
  return undefined;
}

/** The bool a value converts to, or undefined. */
export function toBool(v: Value): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return undefined;
}

/** The string a primitive converts to, or undefined (null, collections). */
export function toText(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof HclNumber) return v.text;
  return undefined;
}

const ARITHMETIC: Record<string, (a: HclNumber, b: HclNumber) => HclNumber> = {
  "+": (a, b) => HclNumber.fromBig(add(a.big, b.big)),
  "-": (a, b) => HclNumber.fromBig(subtract(a.big, b.big)),
  "*": (a, b) => HclNumber.fromBig(multiply(a.big, b.big)),
  "/": (a, b) => HclNumber.fromBig(quotient(a.big, b.big)),
  "%": (a, b) => HclNumber.fromBig(modulo(a.big, b.big)),
};

/** A binary operation; `at` gives each operand's offset for its problem. */
export function binary(op: string, a: Value, b: Value, atA: number, atB: number): Value {
  if (op === "==" || op === "!=") return equalValues(a, b) === (op === "==");
  if (op === "&&" || op === "||") {
    const x = operand(a, toBool, "left", "a bool", atA);
    const y = operand(b, toBool, "right", "a bool", atB);
    return op === "&&" ? x && y : x || y;
  }
  const x = operand(a, toNumber, "left", "a number", atA);
  const y = operand(b, toNumber, "right", "a number", atB);
  const c = () => compare(x.big, y.big);
  switch (op) {
    case "<":
      return c() < 0;
    case "<=":
      return c() <= 0;
    case ">":
      return c() > 0;
    case ">=":
      return c() >= 0;
  }
  try {
    return ARITHMETIC[op](x, y);
  } catch (e) {
    if (e instanceof NumberRangeError) {
      throw new EvalFailure("Operation failed", `Error during operation: ${e.message}.`, atA);
    }
    throw e;
  }
}

function operand<T>(
  v: Value,
  convert: (v: Value) => T | undefined,
  side: string,
  what: string,
  at: number,
): T {
  const x = v === null ? undefined : convert(v);
  if (x === undefined) {
    throw new EvalFailure(
      "Invalid operand",
      `Unsuitable value for ${side} operand: ${what} is required.`,
      at,
    );
  }
  return x;
}

export function unary(op: "-" | "!", v: Value, at: number): Value {
  if (op === "!") {
    const b = v === null ? undefined : toBool(v);
    if (b === undefined) {
      throw new EvalFailure(
        "Invalid operand",
        "Unsuitable value for unary operand: bool required.",
        at,
      );
    }
    return !b;
  }
  const n = v === null ? undefined : toNumber(v);
  if (!n) {
    throw new EvalFailure(
      "Invalid operand",
      "Unsuitable value for unary operand: a number is required.",
      at,
    );
  }
  return HclNumber.fromBig(negate(n.big));
}

/** cty's Equals: same type and same value (numbers by their text, -0 equal to 0). */
function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || a instanceof HclExpression || b instanceof HclExpression) {
    return false;
  }
  if (a instanceof HclNumber) {
    return b instanceof HclNumber &&
      (a.text === b.text || (a.text + b.text).replace(/-/g, "") === "00");
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equalValues(v, b.get(k)!)) return false;
    return true;
  }
  return false;
}

type Kind = "null" | "string" | "number" | "bool" | "tuple" | "object";

function kindOf(v: Value): Kind {
  if (v === null || v instanceof HclExpression) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v instanceof HclNumber) return "number";
  return Array.isArray(v) ? "tuple" : "object";
}

/**
 * The chosen result of a conditional converted to the type both results unify to, as hcl does
 * (`true ? 1 : "a"` is "1"); undefined when they do not unify.
 */
export function unifyWith(chosen: Value, other: Value): Value | undefined {
  const a = kindOf(chosen), b = kindOf(other);
  if (a === "null" || b === "null" || a === b && a !== "tuple" && a !== "object") return chosen;
  if (a === "tuple" && b === "tuple") {
    const x = chosen as Value[], y = other as Value[];
    if (x.length !== y.length) return chosen;
    const out = x.map((v, i) => unifyWith(v, y[i]));
    return out.includes(undefined) ? undefined : out as Value[];
  }
  if (a === "object" && b === "object") {
    const x = chosen as Map<string, Value>, y = other as Map<string, Value>;
    if (x.size !== y.size || [...x.keys()].some((k) => !y.has(k))) return chosen;
    const out = new Map<string, Value>();
    for (const [k, v] of x) {
      const u = unifyWith(v, y.get(k)!);
      if (u === undefined) return undefined;
      out.set(k, u);
    }
    return out;
  }
  if (a === "string" && (b === "number" || b === "bool")) return chosen;
  if (b === "string" && (a === "number" || a === "bool")) return toText(chosen)!;
  return undefined;
}
