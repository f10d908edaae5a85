// The values most files hold, read straight into values: strings without templates, numbers,
// bools, null, and tuples and objects of them. Building the syntax tree and evaluating it was most
// of the time of reading a large file. Anything else, or anything this is unsure of, gives
// undefined with the cursor where it was, and the full parser (expression.ts) reads it: this path
// never throws, so every error, and every value it does not know, is the full parser's.
import type { Cursor } from "./cursor.ts";
import { unary } from "./eval_ops.ts";
import { HclNumber, type Value } from "./value.ts";

const FOR = /[[{]\s*for(?![A-Za-z0-9_-])/y;
const NON_ASCII = /[\u0080-\uffff]/;
// Deeper values go to the full parser, which owns the nesting limit and its error.
const MAX_DEPTH = 64;

/**
 * The literal value of the top-level expression at the cursor (an attribute's value, where a
 * newline ends it), the cursor right after it; undefined, the cursor unmoved, when it is not one.
 */
export function readLiteral(c: Cursor): Value | undefined {
  const start = c.pos;
  const v = literal(c, 0);
  if (v !== undefined) {
    const end = c.pos;
    c.skipSpace(false);
    // What ends an attribute's value; an operator, a traversal or `?` is the full parser's.
    const ch = c.peek();
    if (ch === "" || ch === "\n" || ch === "\r" || ch === "}") {
      c.pos = end;
      return v;
    }
  }
  c.pos = start;
  return undefined;
}

function literal(c: Cursor, depth: number): Value | undefined {
  const t = c.text;
  const ch = t.charCodeAt(c.pos);
  if (ch === 34) return quoted(c); // "
  if (ch >= 48 && ch <= 57) return HclNumber.parse(c.readNumber());
  if (ch === 45) { // -: a negative number literal, negated as the evaluator does
    const at = c.pos;
    const d = t.charCodeAt(at + 1);
    if (!(d >= 48 && d <= 57)) return undefined;
    c.pos++;
    return unary("-", HclNumber.parse(c.readNumber())!, at + 1);
  }
  if (ch === 91 || ch === 123) { // [ {
    if (depth >= MAX_DEPTH) return undefined;
    FOR.lastIndex = c.pos;
    if (FOR.test(t)) return undefined;
    return ch === 91 ? tuple(c, depth + 1) : object(c, depth + 1);
  }
  if ((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95) {
    const name = c.readName();
    const next = t.charCodeAt(c.pos);
    if (next === 40 || next === 58) return undefined; // a call: `(`, `::`
    return name === "true" ? true : name === "false" ? false : name === "null" ? null : undefined;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** A quoted string with no template sequence (`${`, `%{`, `$${`, `%%{`) and simple escapes. */
function quoted(c: Cursor): string | undefined {
  const t = c.text;
  let i = c.pos + 1;
  let from = i;
  let out = "";
  for (;;) {
    const ch = t.charCodeAt(i);
    if (ch === 34) break;
    if (ch === 10 || ch === 13 || Number.isNaN(ch)) return undefined; // unterminated
    if (ch === 92) { // \
      const e = ESCAPES[t[i + 1]];
      if (e === undefined) return undefined;
      out += t.slice(from, i) + e;
      i += 2;
      from = i;
      continue;
    }
    if (ch === 36 || ch === 37) { // $ %
      const n = t.charCodeAt(i + 1);
      if (n === 123 || n === ch) return undefined;
    }
    i++;
  }
  out += t.slice(from, i);
  c.pos = i + 1;
  // As the evaluator reads a template (cty.StringVal): NFC, which changes no ASCII text.
  return NON_ASCII.test(out) ? out.normalize("NFC") : out;
}

/** `[a, b]`, as parseList reads it: newlines and comments between items are insignificant. */
function tuple(c: Cursor, depth: number): Value[] | undefined {
  c.pos++;
  const items: Value[] = [];
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === "]") {
      c.pos++;
      return items;
    }
    const v = literal(c, depth);
    if (v === undefined) return undefined;
    items.push(v);
    c.skipSpace(true);
    const ch = c.peek();
    if (ch === ",") c.pos++;
    else if (ch !== "]") return undefined;
  }
}

/** `{ a = 1, "b" = 2 }`, as parseObject reads it: a newline or a comma between items. */
function object(c: Cursor, depth: number): Map<string, Value> | undefined {
  c.pos++;
  const out = new Map<string, Value>();
  for (;;) {
    c.skipSpace(true);
    let ch = c.peek();
    if (ch === "}") {
      c.pos++;
      return out;
    }
    const key = objectKey(c);
    if (key === undefined) return undefined;
    c.skipSpace(false);
    ch = c.peek();
    if (!(ch === ":" || (ch === "=" && c.peekAt(1) !== "="))) return undefined;
    c.pos++;
    c.skipSpace(false);
    const v = literal(c, depth);
    if (v === undefined) return undefined;
    out.set(key, v);
    c.skipSpace(false);
    ch = c.peek();
    if (ch === ",") c.pos++;
    else if (ch === "\n" || c.startsWith("\r\n")) c.skipSpace(true);
    else if (ch !== "}") return undefined;
  }
}

/** A bare name (not true, false or null, which are values) or a quoted string. */
function objectKey(c: Cursor): string | undefined {
  const ch = c.text.charCodeAt(c.pos);
  if (ch === 34) return quoted(c);
  if (!((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95)) return undefined;
  const name = c.readName();
  if (name === "true" || name === "false" || name === "null") return undefined;
  return name;
}
