// Edits as pure operations on a document: each replaces spans of the original text, the batch is
// spliced in one pass, and only the "=" and comment runs the edits touched are re-aligned.
import { type Attribute, commentLine, type Document, type Item, type Span } from "./document.ts";
import { endSpaces } from "./format_lines.ts";
import { realignAround } from "./align_window.ts";
import { isHeredoc, type PathEdit, pathSplice } from "./path_edit.ts";
import { withEol } from "./eol.ts";
import { isJsonDocument } from "./json_document.ts";
import { applyJsonEdits, type JsonEdit } from "./json_edit.ts";
import { reparse } from "./var_file.ts";

export type { PathEdit } from "./path_edit.ts";

export type Edit =
  /** Replace a value's text; `comment` replaces (string), drops (null) or keeps (absent) its trailing comment. */
  | { kind: "set"; name: string; value: string; comment?: string | null }
  /** Add an attribute at the end of the file. */
  | { kind: "insert"; name: string; value: string; comment?: string | null }
  /** Remove an attribute, with the comment lines above it when they are its own. */
  | { kind: "remove"; name: string }
  /** Replace the first comment line matching `match` (the line's text, without its newline). */
  | { kind: "comment"; match: RegExp; line: string }
  /** Insert whole lines, as the caller wrote them, at an offset (blocks of new attributes). */
  | { kind: "lines"; at: number; text: string }
  /** Set, insert or remove one key inside a value (path_edit.ts). */
  | PathEdit;

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
  /** A line to add after the unterminated last line of the text built so far. */
  lastLine?: string;
}

/**
 * How much of an inserted text only ends the line before it (a newline): that line gains a line
 * ending but is no edited line, so its runs are not re-aligned for it. A block comment ending it
 * is the exception: fmt judges its spacing differently once a newline follows.
 */
function terminatorLength(before: string, inserted: string): number {
  if (before === "" || before.endsWith("\n") || before.endsWith("*/")) return 0;
  return /^\r?\n/.exec(inserted)?.[0].length ?? 0;
}

/** Applies a batch of edits; returns the new text (equal to the old when nothing changes). */
export function applyEdits(doc: Document, edits: Edit[]): string {
  if (isJsonDocument(doc)) return applyJsonEdits(doc, edits.map(jsonEdit));
  const removed = removedNames(edits);
  const splices: Splice[] = edits.map((e, order) => ({ ...spliceOf(doc, e, removed), order }));
  // At one offset an insertion goes first: it does not overlap a removal that starts there.
  const width = (s: Splice) => s.end > s.start ? 1 : 0;
  splices.sort((a, b) => a.start - b.start || width(a) - width(b) || a.order - b.order);
  for (let i = 1; i < splices.length; i++) {
    if (splices[i].start < splices[i - 1].end) {
      throw new TypeError(`Cannot apply overlapping edits in "${doc.file}"`);
    }
  }
  // The new text in pieces (joined once: appending to one string and reading its end each time
  // would flatten it again and again), its length and its last two characters.
  const parts: string[] = [];
  let length = 0, tail = "";
  const append = (piece: string) => {
    parts.push(piece);
    length += piece.length;
    tail = piece.length >= 2 ? piece.slice(-2) : (tail + piece).slice(-2);
  };
  let last = 0;
  const changed: Array<{ start: number; end: number }> = [];
  // Where each unchanged stretch of the new text starts, and where it was in the old.
  const kept: Array<{ start: number; was: number }> = [{ start: 0, was: 0 }];
  for (const s of splices) {
    append(doc.text.slice(last, s.start));
    if (s.lastLine !== undefined) {
      // The spaces that ended the file now end a line: fmt trims them, so trim them too.
      const before = parts.join("");
      parts.length = length = 0;
      tail = "";
      append(before.slice(0, endSpaces(before)));
      s.text = (/(^\uFEFF?|\n)$/.test(parts[0]) ? "" : doc.eol) + s.lastLine;
    }
    const lead = terminatorLength(length === 0 ? "" : tail, s.text);
    changed.push({ start: length + lead, end: length + Math.max(s.text.length, 1) });
    append(s.text);
    last = s.end;
    kept.push({ start: length, was: last });
  }
  append(doc.text.slice(last));
  const text = parts.join("");
  if (text === doc.text) return text;
  return realignAround(doc, text, splices, changed, kept);
}

/** An edit of a JSON file: JSON has no comments (a comment to keep or add is none to write). */
function jsonEdit(e: Edit): JsonEdit {
  if (e.kind === "set" || e.kind === "insert") {
    return { kind: e.kind, name: e.name, value: e.value };
  }
  if (e.kind === "remove" || e.kind === "path") return e;
  throw new TypeError(`Cannot apply a "${e.kind}" edit to a JSON file`);
}

/** applyEdits, read back as a document. */
export function edit(doc: Document, edits: Edit[]): Document {
  return reparse(doc, applyEdits(doc, edits));
}

/** The names a batch removes. */
export function removedNames(edits: readonly Edit[]): Set<string> {
  return new Set(edits.flatMap((e) => e.kind === "remove" ? [e.name] : []));
}

/** The span of the document's text an edit replaces, and the text it puts there (`removed`: the
 * names its batch removes). */
export function spliceOf(
  doc: Document,
  e: Edit,
  removed: ReadonlySet<string> = new Set(),
): Omit<Splice, "order"> {
  switch (e.kind) {
    case "set": {
      const a = mustGet(doc, e.name);
      const value = withEol(e.value, doc.eol);
      const comment = e.comment === undefined ? a.comment : e.comment;
      if (isHeredoc(value) && comment) throw heredocComment(e.name);
      const end = e.comment === undefined || !a.comment ? a.valueEnd : a.comment.end;
      // A heredoc's closing marker needs a newline after it, even at the end of the file.
      const eol = isHeredoc(value) && end === doc.text.length ? doc.eol : "";
      const text = value + (typeof e.comment === "string" ? " " + e.comment : "") + eol;
      return { start: a.valueStart, end, text };
    }
    case "insert": {
      if (doc.get(e.name)) throw new TypeError(`Cannot insert "${e.name}": it is already set`);
      const value = withEol(e.value, doc.eol);
      if (isHeredoc(value) && e.comment) throw heredocComment(e.name);
      const at = doc.text.length;
      const line = `${e.name} = ${value}${e.comment ? " " + e.comment : ""}`;
      if (at === 0 || doc.text[at - 1] === "\n") {
        return { start: at, end: at, text: line + doc.eol };
      }
      // After a last line without a newline: the file stays without one (but a heredoc needs it).
      return { start: at, end: at, text: "", lastLine: line + (isHeredoc(value) ? doc.eol : "") };
    }
    case "remove":
      return { ...removalSpan(doc, mustGet(doc, e.name), removed), text: "" };
    case "lines":
      return { start: e.at, end: e.at, text: e.text };
    case "path":
      return pathSplice(doc, e);
    case "comment": {
      const line = commentLine(doc, e.match);
      if (!line) throw new TypeError(`No comment line matches ${e.match} in "${doc.file}"`);
      const raw = doc.raw(line);
      const content = raw.replace(/\r?\n$/, "");
      return { start: line.start, end: line.start + content.length, text: e.line };
    }
  }
}

/**
 * What removing an attribute removes: it, with the comment lines above it when they are its own
 * (they head a run when an attribute follows; one its batch also removes does not count).
 */
export function removalSpan(doc: Document, a: Attribute, removed: ReadonlySet<string>): Span {
  const span = ownSpan(doc, a, removed);
  // The run of removed attributes this one is part of (their spans touch), as item indexes.
  const items = doc.items;
  const isRemoved = (i: number) =>
    items[i]?.kind === "attribute" && removed.has((items[i] as Attribute).name);
  const startOf = (i: number) => ownSpan(doc, items[i] as Attribute, removed).start;
  /** The item right above item i's span (its own comment lines are part of it). */
  const above = (i: number) => {
    const start = startOf(i);
    let j = i - 1;
    while (j >= 0 && items[j].start >= start) j--;
    return j;
  };
  const firstOfRun = (i: number) => {
    while (isRemoved(above(i))) i = above(i);
    return i;
  };
  const at = doc.indexOf(a);
  const first = firstOfRun(at);
  let last = at;
  while (isRemoved(last + 1)) last++;
  const prev = above(first);
  const blankBefore = prev >= 0 && isBlank(items[prev]);
  const runStart = first === at ? span.start : startOf(first);
  // The blank line that parted the run from what stands above and below it goes with it, so the
  // file reads as if the run had never been there: one blank line, not two, and none at the end,
  // where only blank lines and removed runs follow (each run then takes the blank line above it).
  const toEnd = last + 1 >= removedTail(doc, removed);
  if (
    last === at && isBlank(items[last + 1]) && (runStart === 0 || (blankBefore && !toEnd))
  ) {
    return { start: span.start, end: items[last + 1].end };
  }
  // Unless the run above that blank line starts the file: it took the blank line below it.
  const takenAbove = isRemoved(prev - 1) && startOf(firstOfRun(prev - 1)) === 0;
  if (first === at && blankBefore && toEnd && !takenAbove) {
    return { start: items[prev].start, end: span.end };
  }
  return span;
}

/** Per batch: the index of the first item from which only blank lines and removed attributes
 * (with their own comment lines) follow to the end of the file. */
const tails = new WeakMap<ReadonlySet<string>, WeakMap<Document, number>>();

function removedTail(doc: Document, removed: ReadonlySet<string>): number {
  let byDoc = tails.get(removed);
  if (!byDoc) tails.set(removed, byDoc = new WeakMap());
  let from = byDoc.get(doc);
  if (from !== undefined) return from;
  const items = doc.items;
  let below: Attribute | undefined; // the removed attribute under the items scanned so far
  for (from = items.length; from > 0; from--) {
    const item = items[from - 1];
    if (item.kind === "attribute") {
      if (!removed.has(item.name)) break;
      below = item;
    } else if (
      item.kind !== "trivia" ||
      (item.isComment && !(below && ownSpan(doc, below, removed).start <= item.start))
    ) break;
  }
  byDoc.set(doc, from);
  return from;
}

/** An attribute with the comment lines above it when they are its own. */
function ownSpan(doc: Document, a: Attribute, removed: ReadonlySet<string>): Span {
  let i = doc.indexOf(a) + 1;
  while (doc.items[i]?.kind === "attribute" && removed.has((doc.items[i] as Attribute).name)) i++;
  const next = doc.items[i];
  const ownsComments = !next || next.kind !== "attribute";
  return { start: ownsComments ? ownCommentsStart(doc.text, a) : a.start, end: a.end };
}

function isBlank(item: Item | undefined): boolean {
  return item?.kind === "trivia" && !item.isComment;
}

// A rule line (`# ====`, `// ----`) closes a section's heading: the comments at and above it head
// the section, not the attribute that follows it directly.
const RULE = /^[ \t]*(#|\/\/)[ \t]*([=\-#*~_])\2{2,}[ \t]*\r?$/;

/** Where an attribute's own comment lines begin: after the last rule line of its leading block. */
function ownCommentsStart(text: string, a: Attribute): number {
  let start = a.leadingStart;
  for (let at = a.leadingStart; at < a.start;) {
    const end = text.indexOf("\n", at);
    const next = end < 0 || end >= a.start ? a.start : end + 1;
    if (RULE.test(text.slice(at, end < 0 ? a.start : end))) start = next;
    at = next;
  }
  return start;
}

function mustGet(doc: Document, name: string): Attribute {
  const a = doc.get(name);
  if (!a) throw new TypeError(`Cannot edit "${name}": it is not set in "${doc.file}"`);
  return a;
}

function heredocComment(name: string): TypeError {
  return new TypeError(
    `Cannot set "${name}" to a heredoc with a trailing comment: its closing marker must end the line`,
  );
}
