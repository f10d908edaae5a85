// Edits by path in a JSON var file, as path_edit.ts does in HCL: set, add or remove keys inside a
// member's value. Only those keys' text changes; a new key takes its siblings' layout (its own
// line at their indentation, or one line), and JSON's commas stay right when keys come and go.
import type { JsonDocument } from "./json_document.ts";
import type { PathEdit } from "./path_edit.ts";
import { reindent } from "./path_edit.ts";
import { formatPath } from "./path.ts";
import { nodeAtKeys, type ValueNode, valueNode } from "./path_tree.ts";
import { withEol } from "./eol.ts";
import { indentOf } from "./lines.ts";

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * The splices of a batch's path edits: gathered by the object they change, then laid out.
 * `colon` is the file's (json_edit.ts's jsonStyle), for a key into an object that has none.
 */
export function jsonPathSplices(
  doc: JsonDocument,
  edits: readonly PathEdit[],
  colon: string,
): Splice[] {
  const parents = new Map<number, { node: ValueNode; edits: PathEdit[] }>();
  for (const e of edits) {
    const attr = doc.get(e.name);
    const where = () => formatPath(e.name, e.keys);
    if (!attr) throw new TypeError(`Cannot edit "${where()}": "${e.name}" is not set`);
    const found = nodeAtKeys(valueNode(doc, attr.valueStart), e.keys.slice(0, -1));
    if (!("node" in found) || found.node.kind !== "object") {
      throw new TypeError(`Cannot edit "${where()}": its parent is missing or not an object`);
    }
    const key = e.keys[e.keys.length - 1];
    if (e.value === undefined && !found.node.entries.some((x) => x.key === key)) {
      throw new TypeError(`Cannot remove "${where()}": it is not set`);
    }
    const p = parents.get(found.node.start) ?? { node: found.node, edits: [] };
    p.edits.push(e);
    parents.set(found.node.start, p);
  }
  return [...parents.values()].flatMap((p) => objectSplices(doc, p.node, p.edits, colon));
}

function objectSplices(
  doc: JsonDocument,
  parent: ValueNode,
  edits: PathEdit[],
  fileColon: string,
): Splice[] {
  const text = doc.text;
  const entries = parent.entries;
  // The colon as the object's keys are written (`: `, `:`), else as the file's are.
  const colon = entries[0] ? text.slice(entries[0].keySpan.end, entries[0].value.start) : fileColon;
  const last = (e: PathEdit) => e.keys[e.keys.length - 1];
  const removed = new Set(edits.filter((e) => e.value === undefined).map(last));
  const kept = entries.filter((x) => !removed.has(x.key));
  const lined = entries.length > 0 ? entries.every((x) => x.ownLine) : !parent.oneLine;
  const close = indentOf(text, parent.end - 1);
  const indent = entries.length > 0 ? indentOf(text, entries[0].keySpan.start) : close + "  ";
  const value = (e: PathEdit) => reindent(withEol(e.value!, doc.eol), e.indent, indent);
  const out: Splice[] = [];
  const added: string[] = [];
  for (const e of edits) {
    if (e.value === undefined) continue;
    const entry = entries.find((x) => x.key === last(e));
    if (entry) out.push({ start: entry.value.start, end: entry.value.end, text: value(e) });
    else added.push(`${JSON.stringify(last(e))}${colon}${value(e)}`);
  }
  // One line: the keys are parted as the object's first two are (", " when it has fewer).
  const gap = entries.length > 1 ? text.slice(entries[0].commaEnd!, entries[1].keySpan.start) : " ";
  const sep = lined ? doc.eol + indent : gap;
  const lastKept = kept.at(-1);
  if (!lastKept) {
    // No key stays: what stands between the braces is the new keys, or nothing (`{}`).
    if (entries.length === 0 && added.length === 0) return out;
    const inner = added.length === 0
      ? ""
      : lined
      ? sep + added.join("," + sep) + doc.eol + close
      : added.join("," + gap);
    return [...out, { start: parent.start + 1, end: parent.end - 1, text: inner }];
  }
  // As applyJsonEdits does with members: a removed key goes with the text up to the next kept
  // one; those after the last kept one with the comma before them.
  for (const [i, x] of entries.entries()) {
    if (!removed.has(x.key)) continue;
    const next = entries.slice(i + 1).find((y) => !removed.has(y.key));
    if (next) out.push({ start: x.keySpan.start, end: entries[i + 1].keySpan.start, text: "" });
    else if (i === entries.length - 1) {
      out.push({ start: lastKept.value.end, end: x.value.end, text: "" });
    }
  }
  if (added.length > 0) {
    const at = lastKept.value.end;
    out.push({ start: at, end: at, text: "," + sep + added.join("," + sep) });
  }
  return out;
}
