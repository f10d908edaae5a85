// Templates: quoted strings and heredocs, with their escapes, `${…}` interpolations, `%{if}` and
// `%{for}` directives and `~` strip markers, parsed as hashicorp/hcl's scanner and parser do: a
// flat list of tokens (a heredoc's text one token a line), strip markers and `<<-` indentation
// applied to it, then nested into parts.
import type { Cursor } from "./cursor.ts";
import type { Node, ParseNode, Part } from "./syntax.ts";

type Token =
  | { k: "text"; text: string }
  | { k: "interp"; at: number; expr: Node; stripL: boolean; stripR: boolean }
  | {
    k: "if" | "else" | "endif" | "for" | "endfor";
    at: number;
    expr?: Node;
    keyVar?: string;
    valVar?: string;
    stripL: boolean;
    stripR: boolean;
  };

// Go's unicode.IsSpace, which hcl uses to strip and to measure indentation.
const SPACE =
  "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING = new RegExp(`^[${SPACE}]*`);
const TRAILING = new RegExp(`[${SPACE}]*$`);
const HEREDOC = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)(\r?\n)/y;

/** A quoted template: `"a ${b} \n"`. */
export function parseQuoted(c: Cursor, parseNode: ParseNode): Node {
  const at = c.pos;
  c.pos++;
  const tokens: Token[] = [];
  let text = "";
  for (;;) {
    const ch = c.peek();
    if (ch === "" || ch === "\n" || ch === "\r") {
      c.pos = at;
      throw c.error("Unterminated template string: missing the closing quote");
    }
    if (ch === '"') {
      c.pos++;
      break;
    }
    if (ch === "\\") {
      text += readEscape(c);
      continue;
    }
    const marked = _mark(c, text, tokens, parseNode);
    if (marked !== undefined) text = marked;
    else {
      text += ch;
      c.pos++;
    }
  }
  if (text) tokens.push({ k: "text", text });
  if (tokens.length === 1 && tokens[0].k === "interp") return tokens[0].expr; // "${x}" is x
  return { k: "template", at, parts: nest(c, strip(tokens)) };
}

/**
 * A template mark at the cursor, shared by quoted templates and heredocs: `$${` or `%%{` is
 * literal text, `${` or `%{` opens a sequence (the text before it becomes a token). Returns the
 * text that follows, or undefined when there is no mark here.
 */
function _mark(c: Cursor, text: string, tokens: Token[], parseNode: ParseNode): string | undefined {
  const ch = c.peek();
  if (ch !== "$" && ch !== "%") return undefined;
  if (c.peekAt(1) === ch && c.peekAt(2) === "{") {
    c.pos += 3;
    return text + ch + "{";
  }
  if (c.peekAt(1) !== "{") return undefined;
  if (text) tokens.push({ k: "text", text });
  tokens.push(readSequence(c, parseNode));
  return "";
}

/** `<<EOT` or `<<-EOT`, its lines, and the line that closes it. */
export function parseHeredoc(c: Cursor, parseNode: ParseNode): Node {
  const at = c.pos;
  HEREDOC.lastIndex = at;
  const m = HEREDOC.exec(c.text);
  if (!m) throw c.error("Invalid heredoc: expected <<MARKER or <<-MARKER followed by a newline");
  const [head, flush, marker] = m;
  const bodyStart = at + head.length;
  const closing = new RegExp(`[ \\t]*${marker}[ \\t]*(?=\\r?\\n)`, "y"); // hcl needs a newline after it
  let pos = bodyStart;
  for (;;) {
    if (pos >= c.length) {
      c.pos = at;
      throw c.error(`Unterminated heredoc: no line "${marker}" closes it`);
    }
    closing.lastIndex = pos;
    const close = closing.exec(c.text);
    if (close) break;
    const nl = c.text.indexOf("\n", pos);
    pos = nl === -1 ? c.length : nl + 1;
  }
  const end = closing.lastIndex;
  c.pos = bodyStart;
  const tokens: Token[] = [];
  let text = "";
  while (c.pos < pos) {
    const ch = c.peek();
    const marked = _mark(c, text, tokens, parseNode);
    if (marked !== undefined) text = marked;
    else {
      text += ch;
      c.pos++;
      if (ch === "\n") tokens.push({ k: "text", text }), text = "";
    }
  }
  if (text) tokens.push({ k: "text", text });
  c.pos = end;
  const stripped = strip(tokens);
  if (flush) flushIndent(stripped);
  return { k: "template", at, parts: nest(c, stripped) };
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

/** `${ expr }` or `%{ directive }`, with their strip markers. */
function readSequence(c: Cursor, parseNode: ParseNode): Token {
  const at = c.pos;
  const interp = c.peek() === "$";
  c.pos += 2;
  const stripL = c.peek() === "~";
  if (stripL) c.pos++;
  c.skipSpace(true);
  let token: Token;
  if (interp) token = { k: "interp", at, expr: parseNode(c, true), stripL, stripR: false };
  else {
    const word = c.readIdent("Invalid template directive");
    if (!["if", "else", "endif", "for", "endfor"].includes(word)) {
      throw c.error(
        `Invalid template directive: "${word}" is not if, else, endif, for or endfor`,
        at,
      );
    }
    token = { k: word as "if", at, stripL, stripR: false };
    c.skipSpace(true);
    if (word === "if") token.expr = parseNode(c, true);
    if (word === "for") {
      token.valVar = c.readIdent("Invalid 'for' directive");
      c.skipSpace(true);
      if (c.peek() === ",") {
        c.pos++;
        c.skipSpace(true);
        token.keyVar = token.valVar;
        token.valVar = c.readIdent("Invalid 'for' directive");
        c.skipSpace(true);
      }
      c.expect("in", "Invalid 'for' directive");
      c.skipSpace(true);
      token.expr = parseNode(c, true);
    }
  }
  c.skipSpace(true);
  if (c.peek() === "~") {
    token.stripR = true;
    c.pos++;
  }
  if (c.peek() !== "}") {
    const pos = c.pos;
    c.pos = at;
    throw c.error('Unterminated template interpolation: missing "}"', pos);
  }
  c.pos++;
  return token;
}

/** `~` strips the whitespace of the text token next to it, as hcl does. */
function strip(tokens: Token[]): Token[] {
  tokens.forEach((t, i) => {
    if (t.k === "text") return;
    const before = tokens[i - 1], after = tokens[i + 1];
    if (t.stripL && before?.k === "text") before.text = before.text.replace(TRAILING, "");
    if (t.stripR && after?.k === "text") after.text = after.text.replace(LEADING, "");
  });
  return tokens;
}

/** `<<-`: the least indentation of the lines, blank lines aside, removed from each line. */
function flushIndent(tokens: Token[]): void {
  let min = Infinity;
  let newline = true;
  const adjust: { k: "text"; text: string }[] = [];
  for (const t of tokens) {
    if (newline) {
      newline = false;
      if (t.k === "text") {
        const indent = LEADING.exec(t.text)![0];
        if (indent.length < t.text.length || !t.text.endsWith("\n")) { // not a blank line
          min = Math.min(min, [...indent].length);
          adjust.push(t);
        }
      } else min = 0;
    }
    if (t.k === "text" && t.text.endsWith("\n")) newline = true;
  }
  if (min === Infinity || min === 0) return;
  for (const t of adjust) t.text = [...t.text].slice(min).join("");
}

/** Nests the directives' bodies: `%{if}` … `%{else}` … `%{endif}`, `%{for}` … `%{endfor}`. */
function nest(c: Cursor, tokens: Token[]): Part[] {
  let i = 0;
  const body = (ends: string[]): Part[] => {
    const parts: Part[] = [];
    while (i < tokens.length && !ends.includes(tokens[i].k)) {
      const t = tokens[i++];
      if (t.k === "text") parts.push({ k: "text", text: t.text });
      else if (t.k === "interp") parts.push({ k: "interp", at: t.at, expr: t.expr });
      else if (t.k === "if") {
        const then = body(["else", "endif"]);
        const other = tokens[i]?.k === "else" ? (i++, body(["endif"])) : [];
        expectEnd("endif", t.at);
        parts.push({ k: "if", at: t.at, cond: t.expr!, then, else: other });
      } else if (t.k === "for") {
        const inner = body(["endfor"]);
        expectEnd("endfor", t.at);
        parts.push({
          k: "for",
          at: t.at,
          keyVar: t.keyVar,
          valVar: t.valVar!,
          coll: t.expr!,
          body: inner,
        });
      } else throw c.error(`Unexpected "${t.k}" directive: nothing opened it`, t.at);
    }
    return parts;
  };
  const expectEnd = (word: string, at: number) => {
    if (tokens[i]?.k !== word) {
      throw c.error(`Unterminated template directive: missing %{${word}}`, at);
    }
    i++;
  };
  const parts = body([]);
  return parts;
}
