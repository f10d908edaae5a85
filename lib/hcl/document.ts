// The lossless document model: a file is a list of items (attributes, blocks, and the trivia
// between them: blank lines and comments) whose raw texts concatenate back to the file, byte for
// byte. Edits replace spans of the text and re-parse; nothing is ever re-printed from a tree.
import { Cursor } from "./cursor.ts";
import { hasEscapedBytes, SkipRecordingCursor } from "./encoding.ts";
import { parseExpression } from "./expression.ts";
import { TfvarsValueError } from "./errors.ts";
import { HclExpression, type Value } from "./value.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Attribute extends Span {
  kind: "attribute";
  name: string;
  /** Offset of the name (after the line's indentation). */
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  /** The trailing comment on the value's last line (a line or block comment), without its newline. */
  comment: Span | null;
  /** Start of the comment lines directly above (no blank line between); `start` when there are none. */
  leadingStart: number;
  /** 1-based line of the name, and of the value's last line. */
  line: number;
  endLine: number;
  value: Value;
}

export interface Block extends Span {
  kind: "block";
  type: string;
  labels: string[];
  line: number;
  items: Item[];
}

/** Blank lines and comments between attributes: one item a line (a block comment: its lines). */
export interface Trivia extends Span {
  kind: "trivia";
  isComment: boolean;
}

export type Item = Attribute | Block | Trivia;

export class Document {
  /** The syntax: HCL's native one, or its JSON one (`.tfvars.json`, json_document.ts). */
  readonly format: "hcl" | "json" = "hcl";
  readonly file: string;
  readonly text: string;
  readonly items: Item[];
  /** The file's line ending, used for every line an edit adds. */
  readonly eol: "\n" | "\r\n";
  readonly bom: boolean;
  #byName: Map<string, Attribute> | undefined;
  #index: Map<Item, number> | undefined;
  #cursor: Cursor | undefined;

  constructor(file: string, text: string, items: Item[]) {
    this.file = file;
    this.text = text;
    this.items = items;
    const nl = text.indexOf("\n");
    this.eol = nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
    this.bom = text.startsWith("\uFEFF");
  }

  get attributes(): Attribute[] {
    return this.items.filter((i): i is Attribute => i.kind === "attribute");
  }
  get blocks(): Block[] {
    return this.items.filter((i): i is Block => i.kind === "block");
  }
  get(name: string): Attribute | undefined {
    this.#byName ??= new Map(this.attributes.map((a) => [a.name, a]));
    return this.#byName.get(name);
  }
  /** The position of a top-level item in `items` (-1 for none). */
  indexOf(item: Item): number {
    this.#index ??= new Map(this.items.map((x, i) => [x, i]));
    return this.#index.get(item) ?? -1;
  }
  raw(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
  /** 1-based line number of an offset. */
  lineOf(offset: number): number {
    return this.location(offset).line;
  }
  /** 1-based line and column of an offset. */
  location(offset: number): { line: number; column: number } {
    this.#cursor ??= new Cursor(this.text, this.file);
    return this.#cursor.location(offset);
  }
  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    this.#cursor ??= new Cursor(this.text, this.file);
    return this.#cursor.lineText(line);
  }
}

export interface ParseOptions {
  /** A tfvars file: attributes only, each set once (blocks are an error). */
  tfvars?: boolean;
}

/** Parses HCL text. Throws TfvarsSyntaxError with file, line and column. */
export function parse(text: string, file = "<input>", options: ParseOptions = {}): Document {
  // Bytes that were not UTF-8 (see encoding.ts) are kept in comments, refused anywhere else.
  const c = hasEscapedBytes(text) ? new SkipRecordingCursor(text, file) : new Cursor(text, file);
  const items: Item[] = [];
  if (c.peek() === "\uFEFF") {
    c.pos = 1;
    items.push({ kind: "trivia", start: 0, end: 1, isComment: false });
  }
  try {
    parseBody(c, items, null, options);
  } catch (e) {
    // A stray byte is what terraform names first, whatever it broke after it.
    if (c instanceof SkipRecordingCursor) c.checkEncoding(c.pos);
    throw e;
  }
  if (c instanceof SkipRecordingCursor) c.checkEncoding();
  return new Document(file, text, items);
}

/** The document's text: the concatenation of its items, which is the text it was parsed from. */
export function print(doc: Document): string {
  return doc.items.map((i) => doc.raw(i)).join("");
}

function parseBody(c: Cursor, items: Item[], open: number | null, options: ParseOptions): void {
  const seen = new Map<string, Attribute>();
  for (;;) {
    const lineStart = c.pos;
    c.readWhile(/[ \t]/);
    if (c.done()) {
      if (open !== null) throw c.error('Unclosed block: missing "}"', open);
      if (c.pos > lineStart) items.push(trivia(lineStart, c.pos, false));
      return;
    }
    let ch = c.peek();
    if (ch === "\n" || ch === "\r" || ch === "#" || (ch === "/" && /[/*]/.test(c.peekAt(1)))) {
      const isComment = ch !== "\n" && ch !== "\r";
      c.skipSpace(false);
      // `/* note */ name = value`: a block comment before a name belongs to the item's line.
      if (!isComment || atLineEnd(c) || !/[A-Za-z_]/.test(c.peek())) {
        endOfLine(c, "Unexpected text after a comment");
        items.push(trivia(lineStart, c.pos, isComment));
        continue;
      }
      ch = c.peek();
    }
    if (ch === "}" && open !== null) {
      c.pos = lineStart; // the closing line belongs to the block
      return;
    }
    if (!/[A-Za-z_]/.test(ch)) {
      throw c.error(
        `Argument or block definition required: found ${
          JSON.stringify(ch)
        } where an attribute name should be`,
      );
    }
    const item = parseItem(c, lineStart, options);
    if (item.kind === "attribute") {
      if (options.tfvars) refuseUnevaluable(c, item);
      const prior = seen.get(item.name);
      if (prior) {
        throw c.error(
          `Attribute redefined: "${item.name}" was already set at line ${prior.line}`,
          item.nameStart,
        );
      }
      seen.set(item.name, item);
      item.leadingStart = leadingCommentsStart(items, item.start);
    }
    items.push(item);
  }
}

function parseItem(
  c: Cursor,
  lineStart: number,
  options: ParseOptions,
  inline = false,
): Attribute | Block {
  const nameStart = c.pos;
  const name = c.readWhile(/[A-Za-z0-9_-]/);
  const { line } = c.location(nameStart);
  c.skipSpace(false);
  if (c.peek() === "=" && c.peekAt(1) !== "=") {
    c.pos++;
    c.skipSpace(false);
    const expr = parseExpression(c, false);
    c.readWhile(/[ \t]/);
    let comment: Span | null = null;
    if (!atLineEnd(c)) {
      const start = c.pos;
      c.skipSpace(false);
      if (c.pos > start) comment = { start, end: c.pos };
    }
    const endLine = c.location(expr.end).line;
    if (!inline) {
      endOfLine(
        c,
        "Missing newline after argument: an argument definition must end with a newline",
      );
    }
    return {
      kind: "attribute",
      name,
      start: lineStart,
      end: c.pos,
      nameStart,
      valueStart: expr.start,
      valueEnd: expr.end,
      comment,
      leadingStart: lineStart,
      line,
      endLine,
      value: expr.value,
    };
  }
  if (options.tfvars) {
    throw c.error(
      `Unexpected block "${name}": a tfvars file may only set variables ("${name} = value")`,
      nameStart,
    );
  }
  const labels: string[] = [];
  while (c.peek() !== "{") {
    if (c.peek() === '"') labels.push(parseLabel(c));
    else if (/[A-Za-z_]/.test(c.peek())) labels.push(c.readWhile(/[A-Za-z0-9_-]/));
    else {
      throw c.error(
        `Invalid argument or block: expected "=" or "{" after "${name}"`,
      );
    }
    c.skipSpace(false);
  }
  const open = c.pos;
  c.pos++;
  const items: Item[] = [];
  c.skipSpace(false);
  if (c.peek() === "}") c.pos++;
  else if (atLineEnd(c)) {
    endOfLine(c, "");
    parseBody(c, items, open, options);
    c.readWhile(/[ \t]/);
    c.expect("}", "Unclosed block");
  } else {
    // A one-line block: `name { attr = value }`.
    items.push(parseItem(c, c.pos, options, true));
    c.skipSpace(false);
    c.expect("}", "Single-line block");
  }
  c.skipSpace(false);
  endOfLine(c, "Missing newline after block definition");
  return { kind: "block", type: name, labels, start: lineStart, end: c.pos, line, items };
}

const LABEL = /"(?:[^"\\\n]|\\.)*"/y;

function parseLabel(c: Cursor): string {
  LABEL.lastIndex = c.pos;
  const m = LABEL.exec(c.text);
  if (!m) throw c.error("Invalid block label: unterminated string");
  c.pos += m[0].length;
  return JSON.parse(m[0]);
}

/** A tfvars value must be constant: a reference or a call is an error, as in terraform. */
function refuseUnevaluable(c: Cursor, a: Attribute): void {
  const problem = a.value instanceof HclExpression ? a.value.problem : undefined;
  if (!problem) return;
  const e = c.error(`${problem.summary}: ${problem.detail.replace(/\.$/, "")}`, problem.at);
  throw new TfvarsValueError(e.file, e.line, e.column, e.detail, e.sourceLine);
}

function atLineEnd(c: Cursor): boolean {
  return c.done() || c.peek() === "\n" || c.startsWith("\r\n");
}

function endOfLine(c: Cursor, what: string): void {
  if (c.done()) return;
  if (c.peek() === "\n") c.pos++;
  else if (c.startsWith("\r\n")) c.pos += 2;
  else throw c.error(`${what}; found ${JSON.stringify(c.peek())}`);
}

function trivia(start: number, end: number, isComment: boolean): Trivia {
  return { kind: "trivia", start, end, isComment };
}

function leadingCommentsStart(items: Item[], start: number): number {
  let i = items.length - 1;
  let leading = start;
  while (i >= 0 && items[i].kind === "trivia" && (items[i] as Trivia).isComment) {
    leading = items[i].start;
    i--;
  }
  return leading;
}
