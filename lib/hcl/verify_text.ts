// What verify.ts hands hashicorp/hcl of each file: the text without its anchors (the untouched
// attributes whose text is unchanged, in the same order in both files) and without the unchanged
// comments and blank lines between them, with the document line of each line of what remains.
import type { Attribute, Document } from "./document.ts";

/** The span of an attribute's own text: name, value and trailing comment. */
export function own(a: Attribute): [number, number] {
  return [a.nameStart, a.comment?.end ?? a.valueEnd];
}

/**
 * The untouched attributes whose text is unchanged, in the same order in both files: the
 * attributes of each document, by name.
 */
export function anchors(
  before: Document,
  after: Document,
  intent: ReadonlyMap<string, unknown>,
): [Map<string, Attribute>, Map<string, Attribute>] {
  const inBefore = new Map<string, Attribute>();
  const inAfter = new Map<string, Attribute>();
  const attrs = after.attributes;
  let position: Map<Attribute, number> | undefined;
  let last = -1;
  for (const a of before.attributes) {
    if (intent.has(a.name)) continue;
    // Most attributes keep their place among the others: look right after the last anchor first.
    let j = last + 1;
    if (attrs[j]?.name !== a.name) {
      const b = after.get(a.name);
      if (!b) continue;
      position ??= new Map(attrs.map((x, i) => [x, i]));
      j = position.get(b)!;
    }
    if (j <= last) continue;
    const b = attrs[j];
    const [start, end] = own(a);
    const [from, to] = own(b);
    if (end - start !== to - from || !after.text.startsWith(before.text.slice(start, end), from)) {
      continue;
    }
    last = j;
    inBefore.set(a.name, a);
    inAfter.set(b.name, b);
  }
  return [inBefore, inAfter];
}

/** The changed text of a document, and the line of the document each of its lines is. */
export interface Changed {
  text: string;
  line(n: number): number;
}

/** What hcl reads of each file: its text without its anchors and the unchanged gaps between them. */
export function changedTexts(
  before: Document,
  after: Document,
  anchorsBefore: Map<string, Attribute>,
  anchorsAfter: Map<string, Attribute>,
): [Changed, Changed] {
  const gaps = unchangedGaps(before, after, [...anchorsBefore.values()], [
    ...anchorsAfter.values(),
  ]);
  return [blank(before, anchorsBefore, gaps), blank(after, anchorsAfter, gaps)];
}

/**
 * The stretches between consecutive anchors (gap j ends at anchor j; the last one at the end of
 * the file) that are the same whole lines in both files and hold only comments and blank lines.
 * Between two unchanged attributes they read the same in both, and hcl finds no attribute there:
 * they need not be read (hcl2json's cost grows with every line it reads).
 */
function unchangedGaps(
  before: Document,
  after: Document,
  inBefore: Attribute[],
  inAfter: Attribute[],
): Set<number> {
  const gaps = new Set<number>();
  const span = (
    doc: Document,
    anchors: Attribute[],
    j: number,
  ) => [j ? anchors[j - 1].end : 0, j < anchors.length ? anchors[j].start : doc.text.length];
  for (let j = 0; j <= inBefore.length; j++) {
    const [s, e] = span(before, inBefore, j);
    const [from, to] = span(after, inAfter, j);
    if (
      e === s || e - s !== to - from ||
      !after.text.startsWith(before.raw({ start: s, end: e }), from)
    ) {
      continue;
    }
    const wholeLines = (s === 0 || before.text[s - 1] === "\n") &&
      (e === before.text.length || before.text[e - 1] === "\n");
    const first = j ? before.indexOf(inBefore[j - 1]) + 1 : 0;
    const last = j < inBefore.length ? before.indexOf(inBefore[j]) : before.items.length;
    if (!wholeLines || before.items[first]?.start !== s) continue;
    if (before.items.slice(first, last).every((i) => i.kind === "trivia")) gaps.add(j);
  }
  return gaps;
}

/**
 * The document's text without its anchors and the unchanged gaps between them: the changed text,
 * in place. An anchor alone on its lines goes whole (at the top level hcl reads no line less than
 * a blank one, and a long run of blank lines costs hcl2json far more than its length); any other
 * keeps its newlines.
 */
function blank(doc: Document, anchored: Map<string, Attribute>, gaps: Set<number>): Changed {
  const parts: string[] = [];
  // Where lines went: from this line of the changed text on, add `removed` to have the document's.
  const cuts: Array<{ from: number; removed: number }> = [];
  let at = 0, removed = 0;
  /** Cuts whole lines [start, end) from line `line` on, `lines` of them. */
  let cutEnd = -1;
  const cut = (start: number, end: number, line: number, lines: number) => {
    removed += lines;
    if (start === cutEnd) {
      // Right after the last cut: the same place of the changed text, one longer cut.
      cuts[cuts.length - 1].removed = removed;
    } else {
      parts.push(doc.text.slice(at, start));
      cuts.push({ from: line + lines - removed, removed });
    }
    at = cutEnd = end;
  };
  const anchors = [...anchored.values()];
  for (let j = 0; j <= anchors.length; j++) {
    if (gaps.has(j)) {
      const start = j ? anchors[j - 1].end : 0;
      const end = j < anchors.length ? anchors[j].start : doc.text.length;
      const gap = doc.text.slice(start, end);
      const lines = (gap.match(/\n/g)?.length ?? 0) + (gap.endsWith("\n") ? 0 : 1);
      cut(start, end, doc.lineOf(start), lines);
    }
    const a = anchors[j];
    if (!a) break;
    const [start, end] = own(a);
    const alone = /^[ \t]*$/.test(doc.text.slice(a.start, start)) &&
      /^[ \t]*\r?\n?$/.test(doc.text.slice(end, a.end));
    if (alone) {
      const lines = a.end === doc.text.length && doc.text[a.end - 1] !== "\n"
        ? a.endLine - a.line
        : a.endLine - a.line + 1;
      cut(a.start, a.end, a.line, lines);
    } else {
      parts.push(doc.text.slice(at, start), doc.text.slice(start, end).replace(/[^\n]+/g, ""));
      at = end;
    }
  }
  parts.push(doc.text.slice(at));
  const line = (n: number) => {
    // The last cut at or before line n: a binary search (-1: none).
    let lo = -1, hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid].from <= n) lo = mid;
      else hi = mid - 1;
    }
    return n + (lo < 0 ? 0 : cuts[lo].removed);
  };
  return { text: parts.join(""), line };
}
