// Width in columns as hclwrite counts it for alignment: grapheme clusters, token by token, by the
// rules of Unicode 15.0 (go-textseg/v15). Intl.Segmenter counts the whole line by a later Unicode,
// which differs in two ways that fmt shows: a cluster never spans two tokens (`"ෙ"` is three
// columns: the quotes are tokens of their own, and the vowel sign does not join the `"` before it),
// and a consonant after a virama starts a cluster of its own (Unicode 15.1's GB9c joins `क्ष`).
import { Cursor } from "./cursor.ts";
import { readToken } from "./tokens.ts";

let graphemes: Intl.Segmenter | undefined;

/** The columns of `text` from `from` to `to`, both at token boundaries; a leading BOM is none. */
export function columns(text: string, from: number, to: number): number {
  if (from === 0 && text.startsWith("\uFEFF")) from = 1;
  const s = text.slice(from, to);
  if (/^[ -~\t\r\n]*$/.test(s)) return s.length - (s.match(/\r\n/g)?.length ?? 0);
  return pieces(text, from, to).reduce((n, p) => n + clusters(p), 0);
}

/**
 * The text cut where hclwrite's tokens meet in a way a cluster could span: around each quoted
 * string's pieces. Other tokens stay together (they are ASCII, but for comments, one token each).
 */
function pieces(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  const c = new Cursor(text, "", from);
  let at = from;
  for (;;) {
    let t;
    try {
      t = readToken(c);
    } catch {
      break; // not HCL past here: the rest counts as one piece
    }
    if (t === undefined || t.end > to) break;
    if (t.kind !== "string") continue;
    out.push(text.slice(at, t.start), ...stringPieces(text, t.start, t.end));
    at = t.end;
  }
  out.push(text.slice(at, to));
  return out;
}

/**
 * A quoted string's tokens as hcl's scanner cuts them: the quotes; runs of characters and escapes;
 * each "$" or "%" that starts no sequence, alone; "$${" and "%%{"; a sequence's marks, and the
 * tokens between them.
 */
function stringPieces(text: string, start: number, end: number): string[] {
  const out = ['"'];
  const last = end - 1;
  let lit = start + 1;
  for (let i = lit; i < last;) {
    const ch = text[i];
    if (ch === "\\") i += 2;
    else if (ch !== "$" && ch !== "%") i++;
    else {
      out.push(text.slice(lit, i));
      if (text[i + 1] === "{") {
        const open = i + (text[i + 2] === "~" ? 3 : 2);
        const close = sequenceEnd(text, open, last);
        out.push(text.slice(i, open), ...pieces(text, open, close), text.slice(close, close + 1));
        i = close + 1;
      } else if (text[i + 1] === ch && text[i + 2] === "{") {
        const escape = i + (text[i + 3] === "~" ? 4 : 3);
        out.push(text.slice(i, escape));
        i = escape;
      } else {
        out.push(ch);
        i++;
      }
      lit = i;
    }
  }
  out.push(text.slice(lit, last), '"');
  return out;
}

/** The offset of the "}" that closes a template sequence whose contents start at `i`. */
function sequenceEnd(text: string, i: number, last: number): number {
  let depth = 0;
  for (; i < last; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < last && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (ch === "{") depth++;
    else if (ch === "}" && depth-- === 0) return i;
  }
  return last;
}

// A letter right after a mark inside one of Intl's clusters was joined by GB9c (a virama, then a
// consonant): Unicode 15.0 breaks before it. The letters that are marks to the segmenter (Thai and
// Lao AM, halfwidth sound marks) never start a cluster.
const JOINED_LETTER = /(?<=[\p{M}\u200D])(?![\u0E33\u0EB3\uFF9E\uFF9F])\p{L}/gu;

/** Grapheme clusters in a piece, by Unicode 15.0's rules ("\r\n" is one). */
function clusters(s: string): number {
  if (/^[ -~\t\r\n]*$/.test(s)) return s.length - (s.match(/\r\n/g)?.length ?? 0);
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let n = 0;
  for (const { segment } of graphemes.segment(s)) {
    n += 1 + (segment.length > 1 ? segment.match(JOINED_LETTER)?.length ?? 0 : 0);
  }
  return n;
}
