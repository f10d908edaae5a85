// HCL expressions: finds where an expression ends and reads its value.
//
// Literals (numbers, bools, null, strings, heredocs, tuples, objects) get their value as
// hashicorp/hcl reads them; anything else (a reference, a call, an operator, a `for`) is kept as an
// HclExpression of its source text, as hcl2json writes it ("${…}").
import { HclExpression, HclNumber, type Value } from "./value.ts";
import type { Cursor } from "./cursor.ts";

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;
const BINARY_OPS = ["||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%"];

export interface ParsedExpression {
  start: number;
  end: number;
  value: Value;
}

/**
 * Parses the expression at the cursor. `multiline` is true inside `(` and `[`, where newlines
 * are insignificant; at the top level and inside objects a newline ends the expression.
 */
export function parseExpression(c: Cursor, multiline: boolean): ParsedExpression {
  const start = c.pos;
  const first = parseOperand(c, multiline);
  let compound = false;
  for (;;) {
    const save = c.pos;
    c.skipSpace(multiline);
    const op = BINARY_OPS.find((o) => c.startsWith(o));
    if (op && !(op === "/" && (c.startsWith("//") || c.startsWith("/*")))) {
      c.pos += op.length;
      c.skipSpace(true);
      parseOperand(c, multiline);
      compound = true;
      continue;
    }
    if (c.peek() === "?") {
      c.pos++;
      c.skipSpace(true);
      parseExpression(c, multiline);
      c.skipSpace(true);
      c.expect(":", "Missing false expression in conditional");
      c.skipSpace(true);
      parseExpression(c, multiline);
      compound = true;
      continue;
    }
    c.pos = save;
    break;
  }
  const end = c.pos;
  return { start, end, value: compound ? new HclExpression(c.slice(start, end)) : first };
}

/**
 * How deep brackets, braces and unary operators may nest: deeper input is refused with an error
 * rather than overflowing the stack (terraform reads deeper; no real file comes close).
 */
export const MAX_DEPTH = 1000;
let depth = 0;

function parseOperand(c: Cursor, multiline: boolean): Value {
  if (depth >= MAX_DEPTH) {
    throw c.error(`Nesting too deep: tfsync reads at most ${MAX_DEPTH} levels of nested values`);
  }
  depth++;
  try {
    return parseOperandAt(c, multiline);
  } finally {
    depth--;
  }
}

function parseOperandAt(c: Cursor, multiline: boolean): Value {
  const start = c.pos;
  const ch = c.peek();
  if (ch === "-" || ch === "!") {
    c.pos++;
    c.skipSpace(false);
    const operand = parseOperand(c, multiline);
    if (ch === "-" && operand instanceof HclNumber) {
      return operand.text.startsWith("-")
        ? HclNumber.parse(operand.text.slice(1))!
        : HclNumber.parse("-" + operand.text)!;
    }
    return new HclExpression(c.slice(start, c.pos));
  }
  let value = parsePrimary(c);
  // Postfix traversals and splats make the whole operand a non-literal.
  for (;;) {
    const save = c.pos;
    c.skipSpace(multiline);
    if (c.peek() === "." && c.peekAt(1) !== ".") {
      c.pos++;
      if (c.peek() === "*") c.pos++;
      else if (/[0-9]/.test(c.peek())) c.readWhile(/[0-9]/);
      else c.readIdent("Invalid attribute name");
    } else if (c.peek() === "[" && c.pos === save) {
      c.pos++;
      c.skipSpace(true);
      if (c.peek() === "*") c.pos++;
      else parseExpression(c, true);
      c.skipSpace(true);
      c.expect("]", "Missing close bracket on index");
    } else {
      c.pos = save;
      break;
    }
    value = new HclExpression(c.slice(start, c.pos));
  }
  return value;
}

function parsePrimary(c: Cursor): Value {
  const start = c.pos;
  const ch = c.peek();
  if (/[0-9]/.test(ch)) {
    const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(c.rest(40));
    c.pos += m![0].length;
    return HclNumber.parse(m![0])!;
  }
  if (ch === '"') return parseQuoted(c);
  if (ch === "<" && c.peekAt(1) === "<") return parseHeredoc(c);
  if (ch === "[") return isFor(c) ? skipFor(c, "[", "]") : parseTuple(c);
  if (ch === "{") return isFor(c) ? skipFor(c, "{", "}") : parseObject(c);
  if (ch === "(") {
    c.pos++;
    c.skipSpace(true);
    parseExpression(c, true);
    c.skipSpace(true);
    c.expect(")", "Unbalanced parentheses");
    return new HclExpression(c.slice(start, c.pos));
  }
  if (IDENT_START.test(ch)) {
    const name = c.readWhile(IDENT_CHAR);
    if (c.peek() === "(") {
      c.pos++;
      parseList(c, ")", "Missing close parenthesis in function call", true);
      return new HclExpression(c.slice(start, c.pos));
    }
    if (name === "true") return true;
    if (name === "false") return false;
    if (name === "null") return null;
    return new HclExpression(name);
  }
  throw c.error(
    ch === ""
      ? "Invalid expression: expected the start of an expression, but found the end of the file"
      : ch === "\n" || ch === "\r"
      ? "Invalid expression: expected the start of an expression, but found a newline"
      : `Invalid expression: expected the start of an expression, but found "${ch}"`,
  );
}

function isFor(c: Cursor): boolean {
  return /^[[{]\s*for\s/.test(c.rest(400));
}

/** A `for` expression is never a literal: its span is found by bracket matching. */
function skipFor(c: Cursor, open: string, close: string): Value {
  const start = c.pos;
  let depth = 0;
  while (!c.done()) {
    const ch = c.peek();
    if (ch === '"') {
      parseQuoted(c);
      continue;
    }
    if (ch === "#" || (ch === "/" && (c.peekAt(1) === "/" || c.peekAt(1) === "*"))) {
      c.skipSpace(true);
      continue;
    }
    if (ch === "[" || ch === "{" || ch === "(") depth++;
    if (ch === "]" || ch === "}" || ch === ")") depth--;
    c.pos++;
    if (depth === 0) {
      if (ch !== close) break;
      return new HclExpression(c.slice(start, c.pos));
    }
  }
  c.pos = start;
  throw c.error(`Unterminated "for" expression: missing "${close}" for "${open}"`);
}

/** Comma-separated expressions up to `close`; newlines are insignificant. */
function parseList(c: Cursor, close: string, unclosed: string, allowEllipsis = false): Value[] {
  const items: Value[] = [];
  const open = c.pos - 1;
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === close) {
      c.pos++;
      return items;
    }
    if (c.done()) {
      c.pos = open;
      throw c.error(unclosed);
    }
    items.push(parseExpression(c, true).value);
    c.skipSpace(true);
    if (allowEllipsis && c.startsWith("...")) c.pos += 3, c.skipSpace(true);
    if (c.done()) {
      c.pos = open;
      throw c.error(unclosed);
    }
    if (c.peek() === ",") c.pos++;
    else if (c.peek() !== close) {
      throw c.error(`Missing item separator: expected a comma or "${close}"`);
    }
  }
}

function parseTuple(c: Cursor): Value {
  c.pos++;
  return parseList(c, "]", 'Unterminated tuple: missing "]"');
}

function parseObject(c: Cursor): Value {
  const open = c.pos;
  c.pos++;
  const map = new Map<string, Value>();
  let literal = true;
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === "}") {
      c.pos++;
      break;
    }
    if (c.done()) {
      c.pos = open;
      throw c.error('Unterminated object: missing "}"');
    }
    const keyStart = c.pos;
    let key: string | undefined;
    if (IDENT_START.test(c.peek())) {
      key = c.readWhile(IDENT_CHAR);
      // `a.b = …` or `f(x) = …` as a key: keep the object, but it is no literal.
      if (c.peek() === "." || c.peek() === "(" || c.peek() === "[") {
        c.pos = keyStart;
        parseExpression(c, false);
        key = undefined;
      }
    } else {
      const k = parseExpression(c, false).value;
      if (typeof k === "string") key = k;
      else if (k instanceof HclNumber) key = k.text;
      else if (typeof k === "boolean") key = String(k);
    }
    c.skipSpace(false);
    if (c.peek() !== "=" && c.peek() !== ":") {
      throw c.error('Missing key/value separator: expected "=" or ":" after the key');
    }
    c.pos++;
    c.skipSpace(false);
    const v = parseExpression(c, false);
    if (key === undefined) literal = false;
    else map.set(key, v.value);
    c.skipSpace(false);
    if (c.peek() === ",") c.pos++;
    else if (c.peek() === "\n" || c.startsWith("\r\n")) c.skipSpace(true);
    else if (c.peek() !== "}") {
      throw c.error('Missing attribute separator: expected a newline, a comma or "}"');
    }
  }
  return literal ? map : new HclExpression(c.slice(open, c.pos));
}

/** A quoted template: escapes decoded; `$${`, `%%{` and interpolations kept as written (as hcl2json). */
export function parseQuoted(c: Cursor): string {
  const open = c.pos;
  c.pos++;
  let out = "";
  for (;;) {
    const ch = c.peek();
    if (ch === "" || ch === "\n" || ch === "\r") {
      c.pos = open;
      throw c.error("Unterminated template string: missing the closing quote");
    }
    if (ch === '"') {
      c.pos++;
      return out.normalize("NFC"); // as cty.StringVal
    }
    if (ch === "\\") {
      out += readEscape(c);
      continue;
    }
    if ((ch === "$" || ch === "%") && c.peekAt(1) === ch && c.peekAt(2) === "{") {
      out += c.slice(c.pos, c.pos + 3);
      c.pos += 3;
      continue;
    }
    if ((ch === "$" || ch === "%") && c.peekAt(1) === "{") {
      out += skipTemplateSequence(c);
      continue;
    }
    out += ch;
    c.pos++;
  }
}

function readEscape(c: Cursor): string {
  const at = c.pos;
  const e = c.peekAt(1);
  const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
  if (e in simple) {
    c.pos += 2;
    return simple[e];
  }
  const len = e === "u" ? 4 : e === "U" ? 8 : 0;
  const hex = c.slice(at + 2, at + 2 + len);
  if (len && new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) {
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw c.error(`Invalid escape sequence "\\${e}${hex}": cannot encode the character in UTF-8`);
    }
    c.pos += 2 + len;
    return String.fromCodePoint(code);
  }
  throw c.error(`Invalid escape sequence "\\${e}"`);
}

/** `${ … }` or `%{ … }` inside a template, returned as written. */
function skipTemplateSequence(c: Cursor): string {
  const start = c.pos;
  c.pos += 2;
  let depth = 1;
  while (depth > 0) {
    const ch = c.peek();
    if (ch === "") {
      c.pos = start;
      throw c.error('Unterminated template interpolation: missing "}"');
    }
    if (ch === '"') {
      parseQuoted(c);
      continue;
    }
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    c.pos++;
  }
  return c.slice(start, c.pos);
}

function parseHeredoc(c: Cursor): string {
  const open = c.pos;
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)(\r?\n)/.exec(c.rest(200));
  if (!m) throw c.error("Invalid heredoc: expected <<MARKER or <<-MARKER followed by a newline");
  const [head, flush, marker] = m;
  c.pos += head.length;
  const lines: string[] = [];
  const closing = new RegExp(`^[ \\t]*${marker}[ \\t]*(?=\\r?\\n)`); // hcl needs a newline after it
  for (;;) {
    if (c.done()) {
      c.pos = open;
      throw c.error(`Unterminated heredoc: no line "${marker}" closes it`);
    }
    const nl = c.indexOf("\n");
    const lineEnd = nl === -1 ? c.length : nl + 1;
    const line = c.slice(c.pos, lineEnd);
    const close = closing.exec(line);
    if (close) {
      c.pos += close[0].length;
      break;
    }
    lines.push(line);
    c.pos = lineEnd;
  }
  return (flush ? flushLines(lines) : lines.join("")).normalize("NFC"); // as cty.StringVal
}

// Go's unicode.IsSpace, which hcl uses for a heredoc's indentation (JavaScript's \s differs).
const SPACES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/** `<<-`: trims the smallest whitespace prefix of the non-blank lines from every line. */
function flushLines(lines: string[]): string {
  let min = Infinity;
  for (const line of lines) {
    const indent = SPACES.exec(line)![0];
    if (indent.length === line.length && line.endsWith("\n")) continue; // a blank line
    min = Math.min(min, [...indent].length);
  }
  if (min === Infinity) min = 0;
  return lines.map((line) => {
    const indent = SPACES.exec(line)![0];
    return indent.length === line.length && line.endsWith("\n") ? line : line.slice(min);
  }).join("");
}
