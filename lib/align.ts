// Vertical alignment as `terraform fmt` (hclwrite) does it: consecutive lines that assign a
// one-line value align their "=", and consecutive lines that end in a `#`/`//` comment align it.
// Only those two runs of spaces are ever changed, and only in the runs an edit touched.

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
      lines.push(toLine(tokens, lineStart, tok.end));
      tokens = [];
      lineStart = tok.end;
    }
  }
  if (tokens.length > 0 || lineStart < text.length) {
    lines.push(toLine(tokens, lineStart, text.length));
  }
  return lines;
}

function toLine(tokens: Token[], start: number, end: number): FormatLine {
  let lead = tokens;
  let comment: FormatLine["comment"] = null;
  const last = lead[lead.length - 1];
  if (lead.length > 1 && last.kind === "comment") {
    comment = { contentEnd: lead[lead.length - 2].end, start: last.start };
    lead = lead.slice(0, -1);
  }
  let assign: FormatLine["assign"] = null;
  const eq = lead.findIndex((t, i) => i > 0 && t.kind === "eq");
  if (eq > 0) {
    let net = 0;
    for (const t of lead.slice(eq)) net += t.kind === "open" ? 1 : t.kind === "close" ? -1 : 0;
    if (net === 0) assign = { leadEnd: lead[eq - 1].end, eq: lead[eq].start };
  }
  return { start, end, assign, comment };
}

function* tokenize(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    const start = i;
    if (ch === " " || ch === "\t") {
      i++;
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

function columns(text: string, from: number, to: number): number {
  let n = 0;
  for (const _ of text.slice(from, to)) n++;
  return n;
}

/** Runs of consecutive lines that have the cell (hclwrite's "chains"). */
function chains(lines: FormatLine[], cell: "assign" | "comment"): FormatLine[][] {
  const out: FormatLine[][] = [];
  let run: FormatLine[] = [];
  for (const line of lines) {
    if (line[cell]) run.push(line);
    else if (run.length) out.push(run), run = [];
  }
  if (run.length) out.push(run);
  return out;
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

/**
 * Re-aligns the chains that contain a changed offset range, when the chain's unchanged lines were
 * aligned among themselves (a hand-misaligned run is left as it is). Returns the new text.
 */
export function realign(text: string, changed: Array<{ start: number; end: number }>): string {
  for (const cell of ["assign", "comment"] as const) {
    const lines = formatLines(text);
    const edits: Gap[] = [];
    for (const chain of chains(lines, cell)) {
      const touched = (l: FormatLine) => changed.some((r) => r.start < l.end && r.end > l.start);
      if (!chain.some(touched)) continue;
      const kept = chain.filter((l) => !touched(l));
      if (kept.length > 1 && !sameColumn(text, kept, cell)) continue;
      for (const g of chainGaps(text, chain, cell)) {
        if (g.to - g.from !== g.spaces || text.slice(g.from, g.to).trim() !== "") edits.push(g);
      }
    }
    // Apply right to left so earlier offsets stay valid; shift the changed ranges along.
    for (const g of edits.sort((a, b) => b.from - a.from)) {
      text = text.slice(0, g.from) + " ".repeat(g.spaces) + text.slice(g.to);
      const delta = g.spaces - (g.to - g.from);
      changed = changed.map((r) => ({
        start: r.start > g.from ? r.start + delta : r.start,
        end: r.end > g.from ? r.end + delta : r.end,
      }));
    }
  }
  return text;
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
