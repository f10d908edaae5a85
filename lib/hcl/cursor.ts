// A position in source text, with the small scanning steps the HCL parser is made of.
import { TfvarsSyntaxError } from "./errors.ts";

/** HCL's names (ASCII, as tfsync reads them) and numbers: one rule for every reader. */
export const IDENT_START = /[A-Za-z_]/;
export const IDENT_CHAR = /[A-Za-z0-9_-]/;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** IDENT_CHAR, by character code. */
function isNameCode(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) ||
    ch === 95 || ch === 45;
}

export class Cursor {
  readonly text: string;
  readonly file: string;
  pos = 0;
  #lineStarts: number[] | undefined;

  constructor(text: string, file: string, pos = 0) {
    this.text = text;
    this.file = file;
    this.pos = pos;
  }

  get length(): number {
    return this.text.length;
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? "";
  }
  peekAt(offset: number): string {
    return this.text[this.pos + offset] ?? "";
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
  indexOf(s: string): number {
    return this.text.indexOf(s, this.pos);
  }
  readWhile(re: RegExp): string {
    const start = this.pos;
    while (this.pos < this.text.length && re.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }
  // The two runs the parser reads most, a character code at a time: a regular expression test
  // for each character was the largest part of parsing a file.
  /** Reads a name's characters (IDENT_CHAR). */
  readName(): string {
    const t = this.text;
    const start = this.pos;
    let i = start;
    for (let ch = t.charCodeAt(i); isNameCode(ch); ch = t.charCodeAt(++i));
    this.pos = i;
    return t.slice(start, i);
  }
  /** Skips spaces and tabs. */
  skipBlanks(): void {
    const t = this.text;
    let i = this.pos;
    while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
    this.pos = i;
  }
  readIdent(what: string): string {
    if (!IDENT_START.test(this.peek())) throw this.error(`${what}: expected a name`);
    return this.readName();
  }
  /** The number literal at the cursor (it starts with a digit). */
  readNumber(): string {
    NUMBER.lastIndex = this.pos;
    const text = NUMBER.exec(this.text)![0];
    this.pos += text.length;
    return text;
  }
  expect(s: string, what: string): void {
    if (!this.startsWith(s)) {
      const found = this.done() ? "the end of the file" : JSON.stringify(this.peek());
      throw this.error(`${what}: expected "${s}", found ${found}`);
    }
    this.pos += s.length;
  }

  /**
   * Skips spaces, tabs and comments. With `newlines`, also newlines (and `#`/`//` comments with
   * theirs); without, it stops before the newline, leaving a line comment's text consumed.
   */
  skipSpace(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const ch = t[this.pos];
      if (ch === " " || ch === "\t") this.pos++;
      else if (newlines && (ch === "\n" || (ch === "\r" && t[this.pos + 1] === "\n"))) this.pos++;
      else if (!this.skipComment(newlines)) break;
    }
  }

  /**
   * Skips the comment at the cursor, if one starts here. A `#` or `//` comment ends with its
   * newline when `newline`, else just before it.
   */
  skipComment(newline: boolean): boolean {
    const t = this.text;
    const ch = t[this.pos];
    if (ch === "#" || (ch === "/" && t[this.pos + 1] === "/")) {
      const nl = t.indexOf("\n", this.pos);
      this.pos = nl === -1 ? t.length : (newline ? nl + 1 : nl - (t[nl - 1] === "\r" ? 1 : 0));
      return true;
    }
    if (ch !== "/" || t[this.pos + 1] !== "*") return false;
    const close = t.indexOf("*/", this.pos + 2);
    if (close === -1) throw this.error("Unterminated comment: missing */");
    this.pos = close + 2;
    return true;
  }

  /** 1-based line and column (in characters) of an offset. */
  location(offset = this.pos): { line: number; column: number } {
    const starts = this.#lineStarts ??= lineStarts(this.text);
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    const starts = this.#lineStarts ??= lineStarts(this.text);
    const end = line < starts.length ? starts[line] - 1 : this.text.length;
    return this.text.slice(starts[line - 1], end).replace(/\r$/, "");
  }

  error(detail: string, offset = this.pos): TfvarsSyntaxError {
    const { line, column } = this.location(offset);
    return new TfvarsSyntaxError(this.file, line, column, detail, this.lineText(line));
  }
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
