// HCL text one token at a time, read by the engine's own rules (the cursor's comments, names and
// numbers; the template parser's quoted strings and heredocs), for the readers that need tokens
// rather than a syntax tree: alignment (format_lines.ts) and type constraints.
import { type Cursor, IDENT_CHAR, IDENT_START } from "./cursor.ts";
import { parseNode } from "./expression.ts";
import { parseHeredoc, parseQuoted } from "./expression_template.ts";
import type { Node } from "./syntax.ts";

export interface Token {
  /** `punct` is any other single character ("=", "(", "-", …). */
  kind: "newline" | "comment" | "name" | "number" | "string" | "heredoc" | "punct";
  start: number;
  end: number;
  /** A string's or heredoc's template, as the expression parser reads it. */
  node?: Node;
}

const HEREDOC_START = /<<-?[A-Za-z_]/y;

/**
 * The token at the cursor after spaces and tabs (a byte order mark counts as one), or undefined at
 * the end of the text. A `#` or `//` comment ends with its newline. Throws TfvarsSyntaxError
 * where the engine's parser would (an unterminated string, heredoc or comment; a bad escape).
 */
export function readToken(c: Cursor): Token | undefined {
  c.readWhile(/[ \t\uFEFF]/);
  if (c.done()) return undefined;
  const start = c.pos;
  const ch = c.peek();
  const token = (kind: Token["kind"], node?: Node): Token => ({ kind, start, end: c.pos, node });
  if (ch === "\n" || (ch === "\r" && c.peekAt(1) === "\n")) {
    c.pos += ch === "\r" ? 2 : 1;
    return token("newline");
  }
  if (c.skipComment(true)) return token("comment");
  if (ch === '"') return token("string", parseQuoted(c, parseNode));
  HEREDOC_START.lastIndex = start;
  if (ch === "<" && HEREDOC_START.test(c.text)) return token("heredoc", parseHeredoc(c, parseNode));
  if (IDENT_START.test(ch)) return c.readWhile(IDENT_CHAR), token("name");
  if (/[0-9]/.test(ch)) return c.readNumber(), token("number");
  c.pos++;
  return token("punct");
}

/** The text of a string without interpolations or directives (`$${` is `${`), else undefined. */
export function literalText(node: Node): string | undefined {
  if (node.k !== "template") return undefined;
  let text = "";
  for (const p of node.parts) {
    if (p.k !== "text") return undefined;
    text += p.text;
  }
  return text;
}
