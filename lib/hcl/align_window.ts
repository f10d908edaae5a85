// Re-alignment around each change only. realign() reads lines, and the runs it aligns are runs of
// consecutive lines that each have an "=" to align or a trailing comment: a line with neither ends
// every run. So a change needs only the top-level items around it, out to such a line on each
// side (a window), re-aligned alone: the cost follows what changed and the runs it touches, not
// the size of the file.
import type { Document, Span } from "./document.ts";
import { realign } from "./align.ts";
import { formatLines } from "./format_lines.ts";

/** Where an unchanged stretch of the new text starts, and where it was in the old. */
export interface Kept {
  start: number;
  was: number;
}

/**
 * Re-aligns `text` (the document's text with `splices` replaced, its changed ranges `changed`,
 * its unchanged stretches `kept`, all in order) window by window.
 */
export function realignAround(
  doc: Document,
  text: string,
  splices: readonly Span[],
  changed: readonly Span[],
  kept: readonly Kept[],
): string {
  const origin = (offset: number) => {
    const k = kept[lastAtOrBefore(kept.length, (i) => kept[i].start <= offset)];
    return k.was + offset - k.start;
  };
  const items = doc.items;
  // An empty document has no item to make a window of: its new text is all new.
  if (items.length === 0) return realign(text, [...changed], { text: doc.text, origin });
  const windows = itemWindows(doc, splices)
    .map(([lo, hi]) => ({ start: items[lo].start, end: items[hi].end }));
  const parts: string[] = [];
  let at = 0, c = 0;
  for (const w of windows) {
    const from = newOffset(w.start, doc, text, kept);
    const to = newOffset(w.end, doc, text, kept);
    const ranges: Span[] = [];
    for (; c < changed.length && changed[c].start <= to; c++) {
      ranges.push({ start: changed[c].start - from, end: changed[c].end - from });
    }
    parts.push(text.slice(at, from));
    const before = {
      text: doc.text.slice(w.start, w.end),
      origin: (o: number) => origin(from + o) - w.start,
    };
    parts.push(realign(text.slice(from, to), ranges, before));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The windows, as ranges of item indices [first, last], in order. */
function itemWindows(doc: Document, splices: readonly Span[]): Array<[number, number]> {
  const items = doc.items;
  const n = items.length;
  const cells = new Map<number, { first: boolean; last: boolean }>();
  // Whether an item's first and last lines have an "=" to align or a trailing comment.
  const cellsOf = (i: number) => {
    let c = cells.get(i);
    if (!c) {
      const lines = formatLines(doc.raw(items[i]));
      const has = (l: (typeof lines)[number] | undefined) => !!l && (!!l.assign || !!l.comment);
      // A byte order mark is no line of its own: it stands at the start of the first one.
      const bom = items[i].start === 0 && items[i].end === 1 && doc.bom;
      cells.set(i, c = { first: bom || has(lines[0]), last: bom || has(lines.at(-1)) });
    }
    return c;
  };
  const out: Array<[number, number]> = [];
  for (const s of splices) {
    // The items the splice touches, and those it ends or starts next to (a line it inserts may
    // join their runs; a removal touches the line after it).
    let lo = lastAtOrBefore(n, (i) => items[i].end < s.start) + 1;
    let hi = lastAtOrBefore(n, (i) => items[i].start <= s.end);
    lo = Math.min(lo, hi);
    const prev = out.at(-1);
    if (prev && lo <= prev[1] + 1) {
      prev[1] = Math.max(prev[1], hi);
      [lo, hi] = prev;
      out.pop();
    }
    while (lo > 0 && cellsOf(lo - 1).last) lo--;
    while (hi < n - 1 && cellsOf(hi + 1).first) hi++;
    const before = out.at(-1);
    if (before && lo <= before[1] + 1) before[1] = hi;
    else out.push([lo, hi]);
  }
  return out;
}

/** The offset in the new text of an old offset outside the splices (a window's edge). */
function newOffset(old: number, doc: Document, text: string, kept: readonly Kept[]): number {
  if (old === 0) return 0;
  if (old === doc.text.length) return text.length;
  const k = kept[lastAtOrBefore(kept.length, (i) => kept[i].was <= old)];
  return k.start + old - k.was;
}

/** The last index below n for which `ok` holds (it holds for a prefix of the indices), or -1. */
function lastAtOrBefore(n: number, ok: (i: number) => boolean): number {
  let lo = -1, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
