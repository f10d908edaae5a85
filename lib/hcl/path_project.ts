// The synced part of a value, by the rules of tfsync.hcl: what the shared file records for a
// variable synced by path, as HCL text laid out at the record's indentation, and as a value.
import type { Document } from "./document.ts";
import { childRules, hasDescendants, type RuleTree } from "./path.ts";
import { reindent } from "./path_edit.ts";
import { type ValueNode, valueNode } from "./path_tree.ts";
import { hclKey, hclLiteral, type Value } from "./value.ts";
import { isJsonDocument } from "./json_document.ts";
import { indentOf } from "./lines.ts";

/**
 * The synced part of a value, as text and value: what the shared file records for a variable
 * synced by path. Keys that do not sync are left out, an object with none of them stays empty;
 * undefined for a value that does not sync.
 */
export function projection(
  doc: Document,
  name: string,
  tree: RuleTree,
): { text: string; value: Value } | undefined {
  const a = doc.get(name);
  if (!a) return undefined;
  const from = doc.text.slice(a.start, a.nameStart).replace(/[^ \t]/g, "");
  return project(doc, valueNode(doc, a.valueStart), tree, tree.syncs ?? false, "", from);
}

function project(
  doc: Document,
  node: ValueNode,
  tree: RuleTree,
  inherited: boolean,
  indent: string,
  from: string,
): { text: string; value: Value } | undefined {
  const syncs = tree.syncs ?? inherited;
  if (!hasDescendants(tree)) {
    if (!syncs) return undefined;
    const raw = doc.text.slice(node.start, node.end);
    // From a JSON file, the value as an HCL literal (its strings are no templates there).
    const text = isJsonDocument(doc)
      ? reindent(hclLiteral(node.value, raw.includes("\n")), "", indent)
      : reindent(raw, from, indent);
    return { text, value: node.value };
  }
  if (node.kind !== "object") return undefined;
  const lines: string[] = [];
  const value = new Map<string, Value>();
  for (const e of node.entries) {
    const inner = indent + "  ";
    const at = indentOf(doc.text, e.keySpan.start);
    const p = project(doc, e.value, childRules(tree, e.key, syncs), syncs, inner, at);
    if (!p) continue;
    const key = isJsonDocument(doc)
      ? hclKey(e.key)
      : doc.text.slice(e.keySpan.start, e.keySpan.end);
    lines.push(`${inner}${key} = ${p.text}${doc.eol}`);
    value.set(e.key, p.value);
  }
  // An object none of whose keys syncs stays, empty: the source has it (so --prune can tell a
  // synced key it lacks from a parent it lacks), but no key of it to record.
  if (lines.length === 0) return { text: "{}", value };
  return { text: `{${doc.eol}${lines.join("")}${indent}}`, value };
}
