// Terraform's numbers: Go's big.Float at 512 bits, rounded to nearest even (cty.ParseNumberVal
// and cty's arithmetic), printed as big.Float.Text('f', -1): the shortest decimal that reads back
// as the same 512-bit value. So 0.1 + 0.2 is 0.3 and 1/3 has 155 digits, exactly as terraform says.

const PREC = 512;

/** A finite binary float: (-1)^neg · m · 2^e, with m < 2^512. Zero keeps its sign (-0 exists). */
export interface BigFloat {
  neg: boolean;
  m: bigint;
  e: number;
}

/** Division by zero and the like: the operation has no finite result. */
export class NumberRangeError extends RangeError {}

function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + 32 - Math.clz32(parseInt(hex[0], 16));
}

const powers = new Map<string, bigint>();

/** base^exp, cached: formatting needs the same few powers of 5 and 10 again and again. */
function pow(base: bigint, exp: number): bigint {
  const key = `${base}^${exp}`;
  let p = powers.get(key);
  if (p === undefined) {
    p = base ** BigInt(exp);
    if (powers.size < 4096) powers.set(key, p);
  }
  return p;
}

/** Rounds an exact m·2^e to 512 bits, to nearest even. */
function round(neg: boolean, m: bigint, e: number): BigFloat {
  const extra = bitLength(m) - PREC;
  if (extra <= 0) return { neg, m, e };
  const shift = BigInt(extra);
  let q = m >> shift;
  const r = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q++;
  return bitLength(q) > PREC ? { neg, m: q >> 1n, e: e + extra + 1 } : { neg, m: q, e: e + extra };
}

/** a / b rounded to 512 bits (b > 0). */
function divide(neg: boolean, a: bigint, b: bigint, e: number): BigFloat {
  if (a === 0n) return { neg, m: 0n, e: 0 };
  const s = Math.max(0, PREC + 3 + bitLength(b) - bitLength(a));
  const num = a << BigInt(s);
  const q = num / b;
  const sticky = num % b === 0n ? 0n : 1n;
  return round(neg, (q << 1n) | sticky, e - s - 1);
}

/** A decimal literal, `1.5e-3` or `-12`, as cty reads it. */
export function parseDecimal(text: string): BigFloat {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new SyntaxError(`Invalid number "${text}"`);
  const [, sign, int, frac = "", exp = "0"] = m;
  const digits = BigInt((int + frac) || "0");
  const p = Number(exp) - frac.length;
  const neg = sign === "-";
  if (p >= 0) return round(neg, digits * 10n ** BigInt(p), 0);
  return divide(neg, digits, 10n ** BigInt(-p), 0);
}

export function negate(x: BigFloat): BigFloat {
  return { neg: !x.neg, m: x.m, e: x.e };
}

export function add(x: BigFloat, y: BigFloat): BigFloat {
  if (x.m === 0n && y.m === 0n) return { neg: x.neg && y.neg, m: 0n, e: 0 };
  if (x.m === 0n) return y;
  if (y.m === 0n) return x;
  const e = Math.min(x.e, y.e);
  const a = (x.m << BigInt(x.e - e)) * (x.neg ? -1n : 1n);
  const b = (y.m << BigInt(y.e - e)) * (y.neg ? -1n : 1n);
  const sum = a + b;
  if (sum === 0n) return { neg: false, m: 0n, e: 0 };
  return round(sum < 0n, sum < 0n ? -sum : sum, e);
}

export function subtract(x: BigFloat, y: BigFloat): BigFloat {
  return add(x, negate(y));
}

export function multiply(x: BigFloat, y: BigFloat): BigFloat {
  const neg = x.neg !== y.neg;
  if (x.m === 0n || y.m === 0n) return { neg, m: 0n, e: 0 };
  return round(neg, x.m * y.m, x.e + y.e);
}

export function quotient(x: BigFloat, y: BigFloat): BigFloat {
  if (y.m === 0n) {
    throw new NumberRangeError(
      x.m === 0n ? "can't divide zero by zero or infinity by infinity" : "division by zero",
    );
  }
  return divide(x.neg !== y.neg, x.m, y.m, x.e - y.e);
}

/** cty's Modulo: x - y·trunc(x/y), the sign of x. */
export function modulo(x: BigFloat, y: BigFloat): BigFloat {
  const ratio = quotient(x, y);
  return subtract(x, multiply(y, truncate(ratio)));
}

/** Toward zero, as big.Float.Int: an integer, so a zero has no sign. */
function truncate(x: BigFloat): BigFloat {
  const m = x.e >= 0 ? x.m : x.m >> BigInt(-x.e);
  return m === 0n ? { neg: false, m: 0n, e: 0 } : x.e >= 0 ? x : round(x.neg, m, 0);
}

/** -1, 0 or 1; -0 equals 0. */
export function compare(x: BigFloat, y: BigFloat): number {
  const d = subtract(x, y);
  return d.m === 0n ? 0 : d.neg ? -1 : 1;
}

/** big.Float.Text('f', -1) at 512 bits: "0.3", "-0", "86400", "0.000001". */
export function format(x: BigFloat): string {
  const sign = x.neg ? "-" : "";
  if (x.m === 0n) return sign + "0";
  // An integer whose ulp is at most 1 prints exactly; beyond 2^512 only its shortest digits count.
  if (x.e === 0) return sign + x.m.toString();
  if (x.e < 0 && (x.m & ((1n << BigInt(-x.e)) - 1n)) === 0n) {
    return sign + (x.m >> BigInt(-x.e)).toString();
  }
  const [digits, exp10] = shortest(x.m, x.e);
  return sign + fixed(digits, exp10);
}

/** Exact decimal digits and power of ten of n·2^e (e < 0): n·5^-e · 10^e. */
function exactDecimal(n: bigint, e: number): [bigint, number] {
  return e >= 0 ? [n << BigInt(e), 0] : [n * pow(5n, -e), e];
}

/**
 * The shortest decimal in the interval of values that round to m·2^e at 512 bits (its ends
 * included when the mantissa is even); of two candidates of that length, the nearer.
 */
function shortest(m: bigint, e: number): [string, number] {
  const up = PREC + 1 - bitLength(m); // mantissa of 513 bits: its last bit is half an ulp
  const mant = m << BigInt(up);
  const e2 = e - up;
  const inclusive = (mant & 2n) === 0n;
  const [exact, p] = exactDecimal(mant, e2);
  const [lower] = exactDecimal(mant - 1n, e2);
  const [upper] = exactDecimal(mant + 1n, e2);
  const digits = exact.toString();
  const len = digits.length;
  // The fewest digits at which the truncation of the exact value, or the next number of that
  // length, lies in the interval: more digits never lose that, so a binary search finds it.
  const fits = (n: number) => {
    const unit = pow(10n, len - n);
    const down = (exact / unit) * unit;
    const okDown = inclusive ? down >= lower : down > lower;
    const okUp = inclusive ? down + unit <= upper : down + unit < upper;
    return { unit, down, okDown, okUp };
  };
  let lo = 1, hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const f = fits(mid);
    if (f.okDown || f.okUp) hi = mid;
    else lo = mid + 1;
  }
  const { unit, down, okDown, okUp } = fits(lo);
  if (!okDown && !okUp) return [digits, p];
  let pick = okDown ? down : down + unit;
  if (okDown && okUp) {
    const twice = 2n * (exact - down);
    pick = twice < unit || (twice === unit && ((down / unit) & 1n) === 0n) ? down : down + unit;
  }
  return [(pick / unit).toString(), p + len - lo];
}

/** Digits · 10^exp10 in fixed notation, trailing zeros of a fraction dropped. */
function fixed(digits: string, exp10: number): string {
  const trimmed = digits.replace(/0+$/, "");
  const exp = exp10 + (digits.length - trimmed.length);
  if (exp >= 0) return trimmed + "0".repeat(exp);
  const point = trimmed.length + exp;
  if (point > 0) return `${trimmed.slice(0, point)}.${trimmed.slice(point)}`;
  return `0.${"0".repeat(-point)}${trimmed}`;
}
