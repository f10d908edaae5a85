// The document model one level down, recursively: the keys and elements of an object or tuple
// value, each with its span and decor (indentation, separator, comma, comments), the toml_edit
// idea. Built on demand from a value's span, so a file's parse pays nothing for it.
import { Cursor } from "./cursor.ts";
import type { Document, Span } from "./document.ts";
import type { Entry, ValueNode } from "./value_node.ts";
import { parseExpression } from "./expression.ts";
import { isJsonDocument } from "./json_document.ts";
import { jsonNodeAt } from "./json_tree.ts";
import { HclNumber, type Value } from "./value.ts";

export type { Entry, ValueNode } from "./value_node.ts";

const cache = new WeakMap<Document, Map<number, ValueNode>>();

/** The node of the value that starts at `start` in the document's text (cached per document). */
export function valueNode(doc: Document, start: number): ValueNode {
  let nodes = cache.get(doc);
  if (!nodes) cache.set(doc, nodes = new Map());
  let node = nodes.get(start);
  if (!node) {
    const read = isJsonDocument(doc) ? jsonNodeAt : nodeAt;
    nodes.set(start, node = read(doc.text, doc.file, start));
  }
  return node;
}

/** The node of the value at `start`, read with the document parser's own expression reader. */
export function nodeAt(text: string, file: string, start: number, multiline = false): ValueNode {
  const c = new Cursor(text, file, start);
  const expr = parseExpression(c, multiline);
  const node: ValueNode = {
    start,
    end: expr.end,
    value: expr.value,
    kind: "other",
    entries: [],
    elements: [],
    oneLine: !text.slice(start, expr.end).includes("\n"),
  };
  // Only an object or tuple constructor has entries: `{for …}` and `[[1]][0]` evaluate to one.
  if (expr.value instanceof Map && expr.node.k === "object") {
    node.kind = "object";
    node.entries = readEntries(text, file, node);
  } else if (Array.isArray(expr.value) && expr.node.k === "tuple") {
    node.kind = "tuple";
    node.elements = readElements(text, file, node);
  }
  return node;
}

function readEntries(text: string, file: string, node: ValueNode): Entry[] {
  const c = new Cursor(text, file, node.start + 1);
  const entries: Entry[] = [];
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === "}") return entries;
    const keyStart = c.pos;
    const key = /[A-Za-z_]/.test(c.peek())
      ? c.readWhile(/[A-Za-z0-9_-]/)
      : keyText(parseExpression(c, false).value);
    const keySpan = { start: keyStart, end: c.pos };
    c.skipSpace(false);
    const separatorAt = c.pos;
    const separator = c.peek() as "=" | ":";
    c.pos++;
    c.skipSpace(false);
    const value = nodeAt(text, file, c.pos);
    c.pos = value.end;
    c.readWhile(/[ \t]/);
    let commaEnd: number | null = null;
    if (c.peek() === ",") commaEnd = ++c.pos;
    c.readWhile(/[ \t]/);
    let comment: Span | null = null;
    const afterValue = c.pos;
    if (/[#/]/.test(c.peek())) {
      c.skipSpace(false);
      comment = { start: afterValue, end: c.pos };
    }
    let end = c.pos;
    const nl = /^\r?\n/.exec(text.slice(c.pos, c.pos + 2));
    if (nl) end += nl[0].length;
    else if (comment === null) end = commaEnd ?? value.end;
    const first = startsLine(text, keyStart);
    const lineStart = first ?? keyStart;
    const leadingStart = first === undefined ? keyStart : commentLinesAbove(text, first);
    entries.push({
      key,
      keySpan,
      separator,
      separatorAt,
      value,
      commaEnd,
      comment,
      ownLine: first !== undefined,
      lineStart,
      leadingStart,
      end,
    });
    c.pos = end;
  }
}

function readElements(text: string, file: string, node: ValueNode): ValueNode[] {
  const c = new Cursor(text, file, node.start + 1);
  const out: ValueNode[] = [];
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === "]") return out;
    // Inside brackets newlines are insignificant: an element may continue on the next line.
    const element = nodeAt(text, file, c.pos, true);
    out.push(element);
    c.pos = element.end;
    c.skipSpace(true);
    if (c.peek() === ",") c.pos++;
  }
}

/** An object key's value as hcl makes it a string (a literal object has no other keys). */
function keyText(v: Value): string {
  return v instanceof HclNumber ? v.text : String(v);
}

/** The start of the line holding `at` when only spaces and tabs stand before it there. */
export function startsLine(text: string, at: number): number | undefined {
  let i = at;
  while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  return i === 0 || text[i - 1] === "\n" ? i : undefined;
}

/** Start of the run of whole `#`/`//` comment lines directly above the line at `lineStart`. */
function commentLinesAbove(text: string, lineStart: number): number {
  let start = lineStart;
  while (start > 0) {
    const prev = text.lastIndexOf("\n", start - 2) + 1;
    if (!/^[ \t]*(#|\/\/)/.test(text.slice(prev, start))) break;
    start = prev;
  }
  return start;
}

/** The node at a path of keys below `node`, or why there is none. */
export function nodeAtKeys(
  node: ValueNode,
  keys: readonly string[],
): { node: ValueNode; entry?: Entry } | { missing: number; notObject: boolean } {
  let cur = node;
  let entry: Entry | undefined;
  for (let i = 0; i < keys.length; i++) {
    if (cur.kind !== "object") return { missing: i, notObject: true };
    entry = cur.entries.find((e) => e.key === keys[i]);
    if (!entry) return { missing: i, notObject: false };
    cur = entry.value;
  }
  return { node: cur, entry };
}

/** The line of the deepest key of the path a document sets (the attribute's when none). */
export function lineOf(doc: Document, name: string, keys: readonly string[]): number | undefined {
  const a = doc.get(name);
  if (!a) return undefined;
  let found = a.line;
  for (let i = 1; i <= keys.length; i++) {
    const at = nodeAtKeys(valueNode(doc, a.valueStart), keys.slice(0, i));
    if (!("node" in at) || !at.entry) break;
    found = doc.lineOf(at.entry.keySpan.start);
  }
  return found;
}
