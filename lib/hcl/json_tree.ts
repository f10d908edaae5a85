// path_tree.ts's nodes for a JSON var file: the members and elements of a value, each with its
// span and decor, so paths inside values (a.b) read and edit in JSON as they do in HCL. JSON has
// no comments: an entry's decor is its line, its colon and its comma.
import { jsonKeyAt, jsonValueAt } from "./json_document.ts";
import type { Entry, ValueNode } from "./value_node.ts";
import { lineStartOf } from "./lines.ts";

/** The node of the JSON value that starts at `start`. */
export function jsonNodeAt(text: string, file: string, start: number): ValueNode {
  const { value, end } = jsonValueAt(text, file, start);
  const node: ValueNode = {
    start,
    end,
    value,
    kind: text[start] === "{" ? "object" : text[start] === "[" ? "tuple" : "other",
    entries: [],
    elements: [],
    oneLine: !text.slice(start, end).includes("\n"),
  };
  if (node.kind === "object") node.entries = readEntries(text, file, node);
  if (node.kind === "tuple") node.elements = readElements(text, file, node);
  return node;
}

function readEntries(text: string, file: string, node: ValueNode): Entry[] {
  const entries: Entry[] = [];
  let at = space(text, node.start + 1);
  while (text[at] !== "}") {
    const { key, end: keyEnd } = jsonKeyAt(text, file, at);
    const separatorAt = space(text, keyEnd);
    const value = jsonNodeAt(text, file, space(text, separatorAt + 1));
    const next = space(text, value.end);
    const commaEnd = text[next] === "," ? next + 1 : null;
    // The entry's decor ends past its line's newline when nothing else follows it there.
    let end = commaEnd ?? value.end;
    let blank = end;
    while (text[blank] === " " || text[blank] === "\t") blank++;
    if (text[blank] === "\r" && text[blank + 1] === "\n") end = blank + 2;
    else if (text[blank] === "\n") end = blank + 1;
    const lineStart = lineStartOf(text, at);
    const ownLine = /^[ \t]*$/.test(text.slice(lineStart, at));
    entries.push({
      key,
      keySpan: { start: at, end: keyEnd },
      separator: ":",
      separatorAt,
      value,
      commaEnd,
      comment: null,
      ownLine,
      lineStart: ownLine ? lineStart : at,
      leadingStart: ownLine ? lineStart : at,
      end,
    });
    at = space(text, commaEnd ?? value.end);
  }
  return entries;
}

function readElements(text: string, file: string, node: ValueNode): ValueNode[] {
  const out: ValueNode[] = [];
  let at = space(text, node.start + 1);
  while (text[at] !== "]") {
    const element = jsonNodeAt(text, file, at);
    out.push(element);
    at = space(text, element.end);
    if (text[at] === ",") at = space(text, at + 1);
  }
  return out;
}

/** Past JSON's white space from `at`. */
function space(text: string, at: number): number {
  while (at < text.length && " \t\n\r".includes(text[at])) at++;
  return at;
}
