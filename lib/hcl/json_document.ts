// HCL's JSON syntax for var files (`.tfvars.json`): one JSON object whose keys are variable names.
// The document is lossless like the native one: its items (each member, and the text between the
// members) concatenate back to the file byte for byte. Values read as terraform reads them: a
// string is literal text (never a template), a number keeps every digit, strings are NFC (cty).
import { Cursor } from "./cursor.ts";
import { type Attribute, Document, type Item } from "./document.ts";
import { MAX_DEPTH } from "./expression.ts";
import { HclNumber, type Value } from "./value.ts";

export class JsonDocument extends Document {
  override readonly format = "json" as const;
  /** Offsets of the top-level object's braces. */
  readonly open: number;
  readonly close: number;
  constructor(file: string, text: string, items: Item[], open: number, close: number) {
    super(file, text, items);
    this.open = open;
    this.close = close;
  }
}

export function isJsonDocument(doc: Document): doc is JsonDocument {
  return doc.format === "json";
}

/** Parses a `.tfvars.json` text. Throws TfvarsSyntaxError with file, line and column. */
export function parseJson(text: string, file = "<input>"): JsonDocument {
  const c = new Cursor(text, file);
  space(c);
  if (c.peek() !== "{") {
    throw c.error(
      c.done() || !/[[\]"\-0-9tfn]/.test(c.peek())
        ? `Invalid start of value: ${found(c)} where a JSON object should start`
        : "Root value must be object: a .tfvars.json file is one JSON object of variable names",
    );
  }
  const open = c.pos++;
  const items: Item[] = [];
  const seen = new Map<string, Attribute>();
  let last = 0;
  space(c);
  if (c.peek() !== "}") {
    for (;;) {
      const a = member(c);
      const prior = seen.get(a.name);
      if (prior) {
        throw c.error(
          `Duplicate attribute definition: "${a.name}" was already set at line ${prior.line}`,
          a.nameStart,
        );
      }
      seen.set(a.name, a);
      items.push({ kind: "trivia", start: last, end: a.start, isComment: false }, a);
      last = a.end;
      space(c);
      if (!comma(c, "}")) break;
    }
  }
  if (c.peek() !== "}") throw c.error(`Missing "}" or ",": found ${found(c)} after a member`);
  const close = c.pos++;
  space(c);
  if (!c.done()) throw c.error(`Extraneous data after value: ${found(c)} after the object`);
  items.push({ kind: "trivia", start: last, end: text.length, isComment: false });
  return new JsonDocument(file, text, items.filter((i) => i.end > i.start), open, close);
}

function member(c: Cursor): Attribute {
  const nameStart = c.pos;
  if (c.peek() !== '"') {
    throw c.error(`Invalid object key: found ${found(c)} where a key should be`);
  }
  const name = string(c);
  space(c);
  c.expect(":", "Missing colon after the object key");
  space(c);
  const valueStart = c.pos;
  const value = parseValue(c, 0);
  return {
    kind: "attribute",
    name,
    start: nameStart,
    end: c.pos,
    nameStart,
    valueStart,
    valueEnd: c.pos,
    comment: null,
    leadingStart: nameStart,
    line: c.location(nameStart).line,
    endLine: c.location(c.pos).line,
    value,
  };
}

/** The JSON value that starts at `start` and where it ends (json_tree.ts reads nodes with it). */
export function jsonValueAt(
  text: string,
  file: string,
  start: number,
): { value: Value; end: number } {
  const c = new Cursor(text, file, start);
  const value = parseValue(c, 0);
  return { value, end: c.pos };
}

/** The object key that starts at `start`, as cty makes it, and where it ends. */
export function jsonKeyAt(text: string, file: string, start: number): { key: string; end: number } {
  const c = new Cursor(text, file, start);
  const key = string(c).normalize("NFC");
  return { key, end: c.pos };
}

function parseValue(c: Cursor, depth: number): Value {
  if (depth >= MAX_DEPTH) {
    throw c.error(`Nesting too deep: tfsync reads at most ${MAX_DEPTH} levels of nested values`);
  }
  const ch = c.peek();
  if (ch === '"') return string(c).normalize("NFC");
  if (ch === "{" || ch === "[") return collection(c, depth, ch === "{");
  const word = /^(true|false|null)(?![A-Za-z0-9_])/.exec(c.text.slice(c.pos, c.pos + 6));
  if (word) {
    c.pos += word[1].length;
    return word[1] === "null" ? null : word[1] === "true";
  }
  const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  num.lastIndex = c.pos;
  const m = num.exec(c.text);
  if (m && !/[\w.+-]/.test(c.text[num.lastIndex] ?? "")) {
    c.pos = num.lastIndex;
    return HclNumber.parse(m[0])!;
  }
  if (m || ch === "-" || /\d/.test(ch)) throw c.error("Invalid JSON number");
  throw c.error(`Invalid start of value: ${found(c)} where a JSON value should start`);
}

function collection(c: Cursor, depth: number, object: boolean): Value {
  const open = c.pos++;
  const close = object ? "}" : "]";
  const map = new Map<string, Value>();
  const list: Value[] = [];
  space(c);
  if (c.peek() !== close) {
    for (;;) {
      if (object) {
        const at = c.pos;
        if (c.peek() !== '"') throw c.error(`Invalid object key: found ${found(c)}`);
        const key = string(c).normalize("NFC"); // as cty makes every key
        if (map.has(key)) throw c.error(`Duplicate object key: "${key}" is set twice`, at);
        space(c);
        c.expect(":", "Missing colon after the object key");
        space(c);
        map.set(key, parseValue(c, depth + 1));
      } else list.push(parseValue(c, depth + 1));
      space(c);
      if (!comma(c, close)) break;
    }
  }
  if (c.peek() !== close) {
    const what = c.done() ? `Unclosed ${object ? "object" : "array"}` : `Missing "${close}" or ","`;
    throw c.error(`${what}: found ${found(c)} (opened at line ${c.location(open).line})`);
  }
  c.pos++;
  return object ? map : list;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** A JSON string at the cursor, decoded; a lone surrogate reads as U+FFFD, as in terraform. */
function string(c: Cursor): string {
  const start = c.pos++;
  let out = "";
  for (;;) {
    const ch = c.peek();
    if (ch === '"') break;
    if (c.done() || ch === "\n") throw c.error("Unterminated string", start);
    if (ch < " ") throw c.error(`Invalid control character U+${hex(ch)} in a string: escape it`);
    if (/[\uDC80-\uDCFF]/.test(ch) && !/[\uD800-\uDBFF]/.test(c.text[c.pos - 1])) {
      throw c.error("Invalid character encoding: the file is not valid UTF-8 here");
    }
    c.pos++;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = c.peek();
    if (e === "u" && /^[0-9A-Fa-f]{4}$/.test(c.text.slice(c.pos + 1, c.pos + 5))) {
      out += String.fromCharCode(parseInt(c.text.slice(c.pos + 1, c.pos + 5), 16));
      c.pos += 5;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
      c.pos++;
    } else throw c.error(`Invalid escape sequence "\\${e}" in a string`, c.pos - 1);
  }
  c.pos++;
  return out.toWellFormed();
}

/** Past a comma and the space after it; false when there is none. One before `close` is an error. */
function comma(c: Cursor, close: string): boolean {
  if (c.peek() !== ",") return false;
  const at = c.pos++;
  space(c);
  if (c.peek() === close) throw c.error(`Trailing comma: JSON allows no "," before "${close}"`, at);
  return true;
}

function space(c: Cursor): void {
  c.readWhile(/[ \t\n\r]/);
}

function found(c: Cursor): string {
  if (c.done()) return "the end of the file";
  const ch = String.fromCodePoint(c.text.codePointAt(c.pos)!);
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? JSON.stringify(ch) : `U+${hex(ch)}`;
}

function hex(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}
