// Edits by path: the splice that sets, inserts or removes one key inside an attribute's value.
// Only that key's text changes; a new key takes its neighbours' style (indentation, "=" or ":",
// trailing comma or not); one-line objects stay on one line.
import type { Document, Span } from "./document.ts";
import { type Entry, nodeAt, nodeAtKeys, type ValueNode, valueNode } from "./path_tree.ts";
import { formatPath } from "./path.ts";
import { hclString } from "./value.ts";
import { withEol } from "./eol.ts";
import { indentOf, lineStartOf } from "./lines.ts";

/** Set (or insert) the value at `keys` inside attribute `name`; `value` undefined removes the key. */
export interface PathEdit {
  kind: "path";
  name: string;
  keys: string[];
  /** The new value's text; continuation lines are re-indented from `indent` to the target's. */
  value?: string;
  /** The indentation of the line the value's key stood on where the text comes from. */
  indent?: string;
}

export function isHeredoc(value: string): boolean {
  return /^<<-?[A-Za-z_]/.test(value);
}

export function pathSplice(doc: Document, e: PathEdit): Span & { text: string } {
  const attr = doc.get(e.name);
  const where = () => formatPath(e.name, e.keys);
  if (!attr) throw new TypeError(`Cannot edit "${where()}": "${e.name}" is not set`);
  const parentKeys = e.keys.slice(0, -1);
  const key = e.keys[e.keys.length - 1];
  const found = nodeAtKeys(valueNode(doc, attr.valueStart), parentKeys);
  if (!("node" in found) || found.node.kind !== "object") {
    throw new TypeError(`Cannot edit "${where()}": its parent is missing or not an object`);
  }
  const parent = found.node;
  const i = parent.entries.findIndex((x) => x.key === key);
  const entry = parent.entries[i];
  if (e.value === undefined) {
    if (!entry) throw new TypeError(`Cannot remove "${where()}": it is not set`);
    return removal(doc.text, parent, i);
  }
  if (entry) {
    const indent = indentOf(doc.text, entry.keySpan.start);
    const value = reindent(withEol(e.value, doc.eol), e.indent, indent);
    if (!isHeredoc(value) || atLineEnd(doc.text, entry.value.end)) {
      return { start: entry.value.start, end: entry.value.end, text: value };
    }
    // Nothing may follow a heredoc's closing marker on its line: the key's comma goes (the line
    // break separates keys) and its comment moves to a line of its own above the key.
    const rest = entry.comment?.end ?? entry.commaEnd ?? entry.value.end;
    if (!entry.ownLine || !atLineEnd(doc.text, rest)) {
      // Another key follows on the line (a one-line object): the same string, quoted.
      const quoted = quotedHeredoc(value);
      if (quoted === undefined) {
        throw new TypeError(`Cannot set "${where()}" to a heredoc: text follows it on its line`);
      }
      return { start: entry.value.start, end: entry.value.end, text: quoted };
    }
    const comment = entry.comment && doc.text.slice(entry.comment.start, entry.comment.end);
    const above = comment ? `${indent}${comment.trimEnd()}${doc.eol}` : "";
    const key = doc.text.slice(entry.lineStart, entry.value.start);
    return { start: entry.lineStart, end: rest, text: above + key + value };
  }
  return insertion(doc, parent, key, e);
}

function insertion(
  doc: Document,
  parent: ValueNode,
  key: string,
  e: PathEdit,
): Span & { text: string } {
  const text = doc.text;
  const last: Entry | undefined = parent.entries[parent.entries.length - 1];
  const name = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && key !== "for" ? key : hclString(key);
  const separator = last ? text.slice(last.keySpan.end, last.value.start).trim() : "=";
  const lined = last ? text[last.end - 1] === "\n" : !parent.oneLine;
  if (!lined) {
    // One line: `{ a = 1 }` gains `, b = 2` (or ` b = 2,` when its entries end with commas).
    const value = isHeredoc(e.value!) ? quotedHeredoc(e.value!) : e.value!;
    if (value === undefined) throw new TypeError(`Cannot put a heredoc into a one-line object`);
    const pair = `${name} ${separator === ":" ? ": " : "= "}${value}`;
    if (!last) return { start: parent.start + 1, end: parent.end - 1, text: ` ${pair} ` };
    if (last.commaEnd !== null) {
      return { start: last.commaEnd, end: last.commaEnd, text: ` ${pair},` };
    }
    return { start: last.value.end, end: last.value.end, text: `, ${pair}` };
  }
  const indent = last ? indentOf(text, last.keySpan.start) : indentOf(text, parent.end - 1) + "  ";
  const value = reindent(withEol(e.value!, doc.eol), e.indent, indent);
  // A heredoc takes no comma after it (its closing marker ends the line).
  const comma = last?.commaEnd != null && !isHeredoc(value) ? "," : "";
  const line = `${indent}${name} ${separator === ":" ? ": " : "= "}${value}${comma}${doc.eol}`;
  const at = last ? last.end : lineStartOf(text, parent.end - 1);
  return { start: at, end: at, text: line };
}

/** The splice removing entry `i` of an object: with its own comment lines on its own line(s). */
function removal(text: string, parent: ValueNode, i: number): Span & { text: string } {
  const entry = parent.entries[i];
  const next = parent.entries[i + 1];
  const prev = parent.entries[i - 1];
  if (text[entry.end - 1] === "\n" && entry.ownLine) {
    // Comments directly above are its own unless they head the key right after it.
    const owns = !next || /\n[ \t]*\r?\n/.test(text.slice(entry.end - 1, next.leadingStart));
    return { start: owns ? entry.leadingStart : entry.lineStart, end: entry.end, text: "" };
  }
  if (next) return { start: entry.keySpan.start, end: next.keySpan.start, text: "" };
  if (!prev) return { start: parent.start + 1, end: parent.end - 1, text: "" };
  const start = entry.commaEnd === null ? prev.value.end : prev.commaEnd ?? prev.value.end;
  return { start, end: entry.commaEnd ?? entry.value.end, text: "" };
}

/**
 * A heredoc's string as a quoted string, for where no line can end after it (a one-line object);
 * undefined for a template (`${…}` inside), which tfsync does not rewrite.
 */
function quotedHeredoc(value: string): string | undefined {
  const v = nodeAt(value + "\n", "value", 0).value;
  return typeof v === "string" ? hclString(v) : undefined;
}

/** Whether only blanks follow `at` on its line (scanned to the line's end: no fixed window). */
function atLineEnd(text: string, at: number): boolean {
  let i = at;
  while (text[i] === " " || text[i] === "\t") i++;
  return i === text.length || text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n");
}

/** Moves continuation lines from one indentation to another (a heredoc's lines are its value). */
export function reindent(value: string, from: string | undefined, to: string): string {
  if (from === undefined || from === to || !value.includes("\n") || /<<-?[A-Za-z_]/.test(value)) {
    return value;
  }
  return value.replace(
    /\n([ \t]*)/g,
    (_, lead: string) => "\n" + (lead.startsWith(from) ? to + lead.slice(from.length) : lead),
  );
}
