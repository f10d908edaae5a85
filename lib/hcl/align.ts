// Vertical alignment as `terraform fmt` (hclwrite) does it: consecutive lines that assign a
// one-line value align their "=", and consecutive lines that end in a `#`/`//` comment align it.
// Only those two runs of spaces are ever changed, and only in the runs an edit touched (and, on
// a changed line outside any run, the spaces fmt writes as one).
import { columns } from "./columns.ts";
import { type FormatLine, formatLines, type Gap } from "./format_lines.ts";

/** Runs of consecutive lines that have the cell (hclwrite's "chains"), as line index ranges. */
function chainRanges(lines: FormatLine[], cell: "assign" | "comment"): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = -1;
  lines.forEach((line, i) => {
    if (line[cell] && first < 0) first = i;
    else if (!line[cell] && first >= 0) out.push([first, i]), first = -1;
  });
  if (first >= 0) out.push([first, lines.length]);
  return out;
}

function chains(lines: FormatLine[], cell: "assign" | "comment"): FormatLine[][] {
  return chainRanges(lines, cell).map(([from, to]) => lines.slice(from, to));
}

/** The spaces each line of a chain should have before its cell, and whether it has them now. */
function chainGaps(text: string, chain: FormatLine[], cell: "assign" | "comment"): Gap[] {
  const gap = (l: FormatLine) =>
    cell === "assign"
      ? { from: l.assign!.leadEnd, to: l.assign!.eq }
      : { from: l.comment!.contentEnd, to: l.comment!.start };
  const width = (l: FormatLine) => columns(text, l.start, gap(l).from);
  const max = Math.max(...chain.map(width));
  return chain.map((l) => ({ ...gap(l), spaces: max - width(l) + 1 }));
}

/** The text an edit started from, and where an unchanged offset of the new text was in it. */
export interface Before {
  text: string;
  origin(offset: number): number;
}

/**
 * Re-aligns the chains that contain a changed offset range or stand next to one, unless the
 * chain's unchanged lines were misaligned among themselves in the text before the edit (a
 * hand-misaligned run is left as it is). Returns the new text.
 */
export function realign(
  text: string,
  changed: Array<{ start: number; end: number }>,
  before?: Before,
): string {
  // Lines are known by index: re-aligning changes spaces only, never the lines.
  let lines = formatLines(text);
  const touched = touchedLines(lines, changed);
  // The line each unchanged line was before the edit: its chain there is the run it was aligned in.
  const oldLines = before ? formatLines(before.text) : [];
  const was = lines.map((l, i) =>
    before && !touched[i] ? lineAt(oldLines, before.origin(l.start)) : -1
  );
  for (const cell of ["assign", "comment"] as const) {
    const oldChain = new Map<number, number>();
    const oldSize: number[] = [];
    chainRanges(oldLines, cell).forEach(([from, to], id) => {
      for (let i = from; i < to; i++) oldChain.set(i, id);
      oldSize[id] = to - from;
    });
    const edits: Array<Gap & { line: number }> = [];
    for (const [from, to] of chainRanges(lines, cell)) {
      // A changed line next to the chain may have left it or split it: the chain needs a look too.
      if (!touched.slice(Math.max(0, from - 1), to + 1).some(Boolean)) continue;
      const kept = new Map<number | undefined, FormatLine[]>();
      for (let i = from; i < to; i++) {
        if (touched[i]) continue;
        const run = before ? oldChain.get(was[i]) : 0;
        if (!kept.has(run)) kept.set(run, []);
        kept.get(run)!.push(lines[i]);
      }
      if ([...kept.values()].some((ls) => ls.length > 1 && !sameColumn(text, ls, cell))) continue;
      // Only a neighbour changed and the chain is whole, as it was: it stays as it was.
      if (!touched.slice(from, to).some(Boolean) && before && kept.size === 1) {
        const [run] = kept.keys();
        if (run !== undefined && oldSize[run] === to - from) continue;
      }
      chainGaps(text, lines.slice(from, to), cell).forEach((g, k) => {
        if (g.to - g.from !== g.spaces || text.slice(g.from, g.to).trim() !== "") {
          edits.push({ ...g, line: from + k });
        }
      });
    }
    // Spaces of a changed line that are in no chain: as many as fmt writes there.
    if (cell === "assign") {
      lines.forEach((l, i) => {
        for (const g of touched[i] ? l.fixed : []) {
          if (g.to - g.from !== g.spaces) edits.push({ ...g, line: i });
        }
      });
    }
    // Apply right to left so earlier offsets stay valid. A line whose "=" moved has its
    // trailing comment moved too: for the comment chains it is a changed line.
    for (const g of edits.sort((a, b) => b.from - a.from)) {
      text = text.slice(0, g.from) + " ".repeat(g.spaces) + text.slice(g.to);
      touched[g.line] = true;
    }
    // The comment chains come last: after them nothing reads the lines again.
    if (edits.length && cell === "assign") lines = formatLines(text);
  }
  return text;
}

/** Which lines a changed range overlaps (found by binary search: linear in lines and ranges). */
function touchedLines(lines: FormatLine[], changed: Array<{ start: number; end: number }>) {
  const touched = lines.map(() => false);
  for (const r of changed) {
    // A change at the very end of the text (a removed last line) touches the last line.
    if (lines.length > 0 && r.start >= lines[lines.length - 1].end) {
      touched[lines.length - 1] = true;
    }
    for (let i = lineAt(lines, r.start); i < lines.length && lines[i].start < r.end; i++) {
      if (r.start < lines[i].end && r.end > lines[i].start) touched[i] = true;
    }
  }
  return touched;
}

/** Index of the line holding an offset. */
function lineAt(lines: FormatLine[], offset: number): number {
  let lo = 0, hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The lines' cells stand in one column (past their leads): aligned, maybe for a longer line gone. */
function sameColumn(text: string, lines: FormatLine[], cell: "assign" | "comment"): boolean {
  const at = (l: FormatLine) =>
    columns(text, l.start, cell === "assign" ? l.assign!.eq : l.comment!.start);
  return lines.every((l) => at(l) === at(lines[0]));
}

/** The lines' cells stand in one column, one space past the longest lead, as fmt leaves them. */
function isAligned(text: string, lines: FormatLine[], cell: "assign" | "comment"): boolean {
  return chainGaps(text, lines, cell).every((g) => g.to - g.from === g.spaces);
}

/** True when every "=" and trailing-comment chain of the text is aligned as terraform fmt would. */
export function isTextAligned(text: string): boolean {
  const lines = formatLines(text);
  return (["assign", "comment"] as const).every((cell) =>
    chains(lines, cell).every((chain) => isAligned(text, chain, cell))
  );
}
