// Bytes in, bytes out. Files are decoded as strict UTF-8, except that each byte that is not part
// of a valid UTF-8 sequence becomes the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape",
// PEP 383). Valid UTF-8 never decodes to a lone surrogate, so the mapping is one-to-one: encode()
// turns those code units back into the very bytes they came from. Terraform accepts such bytes in
// a comment (kept exactly, in the file and its .bak) and rejects them in a value, as parse() does.
import { Cursor } from "./cursor.ts";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
/** A low surrogate of the escape range not preceded by a high surrogate: an escaped byte. */
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPED_ALL = new RegExp(ESCAPED.source, "g");

/** The text of `bytes`: UTF-8, a byte of an invalid sequence as U+DC80 + (byte - 0x80). */
export function decode(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** The bytes of `text`, the inverse of decode(). */
export function encode(text: string): Uint8Array {
  if (!ESCAPED.test(text)) return encoder.encode(text);
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const m of text.matchAll(ESCAPED_ALL)) {
    parts.push(
      encoder.encode(text.slice(last, m.index)),
      Uint8Array.of(m[0].charCodeAt(0) - 0xdc00),
    );
    last = m.index + 1;
  }
  parts.push(encoder.encode(text.slice(last)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), at += p.length;
  return out;
}

/** True when `text` holds a byte that was not valid UTF-8. */
export function hasEscapedBytes(text: string): boolean {
  return ESCAPED.test(text);
}

function decodeEscaping(bytes: Uint8Array): string {
  let out = "";
  let start = 0; // first byte of the current run of valid UTF-8
  let i = 0;
  const flush = (end: number) => {
    if (end > start) out += strict.decode(bytes.subarray(start, end));
  };
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    out += String.fromCharCode(0xdc00 + bytes[i]);
    start = ++i;
  }
  flush(i);
  return out;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, no surrogates). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80, hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80, hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * A cursor that remembers the spans skipSpace() skipped: the only place the parser consumes a
 * comment, so an escaped byte outside them is in a value (or a name).
 */
export class SkipRecordingCursor extends Cursor {
  readonly skipped: { start: number; end: number }[] = [];
  override skipSpace(newlines: boolean): void {
    const start = this.pos;
    super.skipSpace(newlines);
    if (this.pos > start) this.skipped.push({ start, end: this.pos });
  }

  /** Throws "Invalid character encoding" at the first escaped byte before `end` outside a comment. */
  checkEncoding(end = this.text.length): void {
    const spans = this.skipped.sort((a, b) => a.start - b.start);
    let k = 0; // escapes come in order: walk the sorted spans once
    for (const m of this.text.matchAll(ESCAPED_ALL)) {
      if (m.index > end) return;
      while (k < spans.length && spans[k].end <= m.index) k++;
      if (covered(spans, k, m.index)) continue;
      const byte = (m[0].charCodeAt(0) - 0xdc00).toString(16).toUpperCase();
      throw this.error(
        `Invalid character encoding: byte 0x${byte} is not UTF-8; all input files must be UTF-8 encoded`,
        m.index,
      );
    }
  }
}

/** Whether a span from `k` on (sorted by start; they may overlap) holds `at`. */
function covered(spans: { start: number; end: number }[], k: number, at: number): boolean {
  for (let j = k; j < spans.length && spans[j].start <= at; j++) if (at < spans[j].end) return true;
  return false;
}
