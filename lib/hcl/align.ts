// Vertical alignment as `terraform fmt` (hclwrite) does it: consecutive lines that assign a
// one-line value align their "=", and consecutive lines that end in a `#`/`//` comment align it.
// Only those two runs of spaces are ever changed, and only in the runs an edit touched (and, on
// a changed line outside any run, the spaces fmt writes as one).

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

function* tokenize(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    const start = i;
    if (ch === " " || ch === "\t" || ch === "\uFEFF") {
      i++; // a byte order mark is no token: it stands before the first line's indentation
      continue;
    }
    if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      i += ch === "\r" ? 2 : 1;
      yield { kind: "newline", start, end: i };
    } else if (ch === "#" || (ch === "/" && text[i + 1] === "/")) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? n : nl + 1;
      yield { kind: "comment", start, end: i };
    } else if (ch === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? n : close + 2;
      yield { kind: "comment", start, end: i };
    } else if (ch === '"') {
      i = skipQuoted(text, i);
      yield { kind: "other", start, end: i };
    } else if (ch === "<" && text[i + 1] === "<" && /^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) {
      i = skipHeredoc(text, i);
      yield { kind: "other", start, end: i };
    } else if ("{[(".includes(ch)) {
      i++;
      yield { kind: "open", start, end: i };
    } else if ("}])".includes(ch)) {
      i++;
      yield { kind: "close", start, end: i };
    } else if (ch === "=" && text[i + 1] !== "=" && text[i + 1] !== ">") {
      i++;
      yield { kind: "eq", start, end: i };
    } else if ("!<>=".includes(ch) && text[i + 1] === "=") {
      i += 2;
      yield { kind: "other", start, end: i };
    } else {
      i++;
      while (i < n && /[A-Za-z0-9_.\-]/.test(text[i]) && /[A-Za-z0-9_.\-]/.test(ch)) i++;
      yield { kind: "other", start, end: i };
    }
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

function skipQuoted(text: string, i: number): number {
  i++;
  let depth = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") i += 2;
    else if (depth === 0 && ch === '"') return i + 1;
    else if (depth === 0 && ch === "\n") return i;
    else if ((ch === "$" || ch === "%") && text[i + 1] === "{") depth++, i += 2;
    else if (depth > 0 && ch === '"') i = skipQuoted(text, i);
    else if (depth > 0 && ch === "}") depth--, i++;
    else if (depth > 0 && ch === "{") depth++, i++;
    else i++;
  }
  return i;
}

function skipHeredoc(text: string, i: number): number {
  const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(i, i + 200));
  if (!m) return i + 2;
  let pos = i + m[0].length;
  const closing = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`);
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (closing.test(text.slice(pos, lineEnd).replace(/\r$/, ""))) {
      return pos + text.slice(pos, lineEnd).replace(/\r$/, "").length;
    }
    pos = lineEnd + 1;
  }
  return text.length;
}

let graphemes: Intl.Segmenter | undefined;

/**
 * Width in columns as hclwrite counts it: grapheme clusters ("e\u0301" is one, and so is the
 * "\r\n" inside a multi-line block comment).
 */
function columns(text: string, from: number, to: number): number {
  const s = text.slice(from === 0 && text.startsWith("\uFEFF") ? 1 : from, to);
  if (/^[ -~\t\r\n]*$/.test(s)) return s.length - (s.match(/\r\n/g)?.length ?? 0);
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

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

interface Gap {
  from: number;
  to: number;
  spaces: number;
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
  // A change at the very end of the text (a removed last line) touches the last line.
  const touched = lines.map((l, i) =>
    changed.some((r) =>
      (r.start < l.end && r.end > l.start) || (i === lines.length - 1 && r.start >= l.end)
    )
  );
  // The line each unchanged line was before the edit: its chain there is the run it was aligned in.
  const oldLines = before ? formatLines(before.text) : [];
  const was = lines.map((l, i) =>
    before && !touched[i] ? lineAt(oldLines, before.origin(l.start)) : -1
  );
  for (const cell of ["assign", "comment"] as const) {
    const oldChain = new Map<number, number>();
    chainRanges(oldLines, cell).forEach(([from, to], id) => {
      for (let i = from; i < to; i++) oldChain.set(i, id);
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
        if (run !== undefined && oldChainSize(oldChain, run) === to - from) continue;
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
    if (edits.length) lines = formatLines(text);
  }
  return text;
}

function oldChainSize(chain: Map<number, number>, id: number): number {
  let n = 0;
  for (const v of chain.values()) if (v === id) n++;
  return n;
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
