// Type constraint text as tokens, read by the HCL engine's scanner (lib/hcl/tokens.ts), and the
// reader the type parser walks them with: its errors say where in the constraint the problem is.
import { Cursor, lineStarts } from "../hcl/cursor.ts";
import { TfvarsSyntaxError } from "../hcl/errors.ts";
import { literalText, readToken } from "../hcl/tokens.ts";

/** A type constraint that does not parse; `offset` is where in the source the problem is. */
export class TypeConstraintError extends TypeError {
  readonly source: string;
  readonly offset: number;
  readonly detail: string;
  constructor(source: string, offset: number, detail: string) {
    super(
      `Invalid type constraint ${JSON.stringify(_oneLine(source))}: ${detail}`,
    );
    this.name = "TypeConstraintError";
    this.source = source;
    this.offset = offset;
    this.detail = detail;
  }
}

function _oneLine(source: string): string {
  const text = source.trim().replace(/\s+/g, " ");
  return text.length > 60 ? text.slice(0, 59) + "…" : text;
}

export interface Token {
  kind: "ident" | "string" | "number" | "punct" | "eof";
  text: string;
  /** The decoded text of a string; undefined when it interpolates (`${…}`, `%{…}`). */
  value?: string;
  start: number;
  /** A newline (or a comment ending one) comes between the previous token and this one. */
  nl: boolean;
}

/** The tokens of a type constraint; comments and newlines are only the `nl` of the next token. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const c = new Cursor(src, "");
  let nl = false;
  for (;;) {
    const at = c.pos;
    const t = _read(c, src, at);
    if (t === undefined) break;
    const text = src.slice(t.start, t.end);
    if (t.kind === "newline" || t.kind === "comment") {
      nl ||= text.includes("\n");
      continue;
    }
    // A heredoc is no literal: as a default it stays source text, as anything else it is wrong.
    const kind = t.kind === "name" ? "ident" : t.kind === "heredoc" ? "punct" : t.kind;
    const value = t.kind === "string" ? literalText(t.node!) : undefined;
    tokens.push({ kind, text, value, start: t.start, nl });
    nl = false;
  }
  tokens.push({ kind: "eof", text: "", start: src.length, nl });
  return tokens;
}

/** One token; the engine's syntax errors in words about the constraint. */
function _read(c: Cursor, src: string, at: number) {
  try {
    return readToken(c);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    const start = at + src.slice(at).search(/[^ \t\uFEFF]/);
    const offset = lineStarts(src)[e.line - 1] + e.column - 1;
    const detail = src[start] !== '"'
      ? "unterminated comment"
      : src[offset] === "\\"
      ? `invalid escape "\\${src[offset + 1]}" in a string`
      : e.detail.startsWith("Unterminated template string")
      ? "unterminated string"
      : e.detail;
    throw new TypeConstraintError(src, start, detail);
  }
}

export function describe(t: Token): string {
  if (t.kind === "eof") return "end of input";
  return JSON.stringify(
    t.text.length > 20 ? t.text.slice(0, 19) + "…" : t.text,
  );
}

/** Walks the tokens: the position, lookahead, and failing with the place of a token. */
export class TokenReader {
  protected i = 0;
  constructor(readonly source: string, readonly tokens: Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }
  is(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === "punct" && t.text === text;
  }
  fail(at: Token, detail: string): never {
    throw new TypeConstraintError(this.source, at.start, detail);
  }
  expect(text: string, context: string): void {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== text) {
      this.fail(t, `expected "${text}" ${context}, found ${describe(t)}`);
    }
  }
  /** Ends an argument list: an optional trailing comma, then ")"; else `detail`. */
  close(detail: string): void {
    if (this.is(",")) this.next();
    const t = this.peek();
    if (t.kind === "eof") this.fail(t, `expected ")", found end of input`);
    if (!this.is(")")) this.fail(t, detail);
    this.next();
  }
}
