// The formatting lines of HCL text as hclwrite sees them for alignment: where each line's "="
// and trailing comment stand, and the spaces fmt writes at a fixed width.
import { Cursor } from "./cursor.ts";
import { readToken } from "./tokens.ts";

interface Token {
  kind: "newline" | "comment" | "eq" | "open" | "close" | "other";
  start: number;
  end: number;
}

/** One formatting line as hclwrite sees it (a heredoc or a block comment may span several). */
export interface FormatLine {
  start: number;
  end: number;
  /** Offsets of the last lead character's end and of the "=", when the line assigns a one-line value. */
  assign: { leadEnd: number; eq: number } | null;
  /** Offsets of the end of the content before the trailing comment, and of the comment. */
  comment: { contentEnd: number; start: number } | null;
  /**
   * Runs of spaces in no chain, which fmt writes at a fixed width: one before an "=" that opens a
   * multi-line value, and one before a block comment that ends the line (none after "[" or "(").
   */
  fixed: Gap[];
}

export function formatLines(text: string): FormatLine[] {
  const lines: FormatLine[] = [];
  let tokens: Token[] = [];
  let lineStart = 0;
  for (const tok of tokenize(text)) {
    tokens.push(tok);
    const endsLine = tok.kind === "newline" ||
      (tok.kind === "comment" && text[tok.end - 1] === "\n");
    if (endsLine) {
      lines.push(toLine(text, tokens, lineStart, tok.end));
      tokens = [];
      lineStart = tok.end;
    }
  }
  if (tokens.length > 0 || lineStart < text.length) {
    lines.push(toLine(text, tokens, lineStart, text.length));
  }
  return lines;
}

function toLine(text: string, tokens: Token[], start: number, end: number): FormatLine {
  let lead = tokens;
  let comment: FormatLine["comment"] = null;
  const last = lead[lead.length - 1];
  if (lead.length > 1 && last.kind === "comment") {
    comment = { contentEnd: lead[lead.length - 2].end, start: last.start };
    lead = lead.slice(0, -1);
  }
  let assign: FormatLine["assign"] = null;
  const fixed: Gap[] = [];
  const eq = lead.findIndex((t, i) => i > 0 && t.kind === "eq");
  if (eq > 0) {
    let net = 0;
    for (const t of lead.slice(eq)) net += t.kind === "open" ? 1 : t.kind === "close" ? -1 : 0;
    if (net === 0) assign = { leadEnd: lead[eq - 1].end, eq: lead[eq].start };
    else fixed.push({ from: lead[eq - 1].end, to: lead[eq].start, spaces: 1 });
  }
  const [before, block] = tokens.filter((t) => t.kind !== "newline").slice(-2);
  if (!comment && block?.kind === "comment" && before && text.startsWith("/*", block.start)) {
    const spaces = before.kind === "open" && text[before.start] !== "{" ? 0 : 1;
    fixed.push({ from: before.end, to: block.start, spaces });
  }
  return { start, end, assign, comment, fixed };
}

/** The text's tokens as alignment needs them; past a syntax error, the rest is one token. */
function* tokenize(text: string): Generator<Token> {
  const c = new Cursor(text, "");
  for (;;) {
    let t;
    const at = c.pos;
    try {
      t = readToken(c);
    } catch {
      return yield { kind: "other", start: at, end: text.length };
    }
    if (t === undefined) return;
    const ch = text[t.start];
    const kind = t.kind === "newline" || t.kind === "comment"
      ? t.kind
      : t.kind !== "punct"
      ? "other"
      : "{[(".includes(ch)
      ? "open"
      : "}])".includes(ch)
      ? "close"
      : ch === "=" && !"=>".includes(text[t.end] || " ") &&
          !"!<>=".includes(text[t.start - 1] || " ")
      ? "eq"
      : "other";
    yield { kind, start: t.start, end: t.end };
  }
}

/** Where the spaces and tabs that end the text start; fmt keeps those of a `#` or `//` comment. */
export function endSpaces(text: string): number {
  let last: Token | undefined;
  for (const tok of tokenize(text)) last = tok;
  const lineComment = last?.kind === "comment" && last.end === text.length &&
    !text.startsWith("/*", last.start);
  return lineComment ? text.length : /[ \t]*$/.exec(text)!.index;
}

export interface Gap {
  from: number;
  to: number;
  spaces: number;
}
