// Syncing by path: which keys inside a value take the source's value, by the rules of tfsync.hcl
// (the most specific path wins), as path edits of the target; and the whole value the target
// must read after them, for verification. A path whose parent is missing or no object on either
// side is a problem to report, never a guess.
import type { Document } from "./document.ts";
import { anySyncs, childRules, hasDescendants, type RuleTree } from "./path.ts";
import type { PathEdit } from "./path_edit.ts";
import { type Entry, type ValueNode, valueNode } from "./path_tree.ts";
import type { Value } from "./value.ts";
import { indentOf } from "./lines.ts";

export interface PathChange {
  keys: string[];
  action: "update" | "add" | "remove";
  from?: Value;
  to?: Value;
}

export interface PathProblem {
  /** The path that cannot be synced. */
  keys: string[];
  /** How many of its keys lead to the parent that is missing or no object. */
  depth: number;
  side: "source" | "target";
  why: "missing" | "not an object";
}

export interface PathMerge {
  edits: PathEdit[];
  changes: PathChange[];
  /** Synced keys only the target sets: kept, or removed with prune. */
  targetOnly: Array<{ keys: string[]; value: Value }>;
  problems: PathProblem[];
  /** The whole value the target has after the edits. */
  value: Value;
}

/**
 * Whether two values at the same keys inside the variable are the same: the caller's typed
 * equality (lib/terraform/types_equal.ts), which this layer cannot import.
 */
export type SameAt = (keys: readonly string[], a: Value, b: Value) => boolean;

interface Side {
  doc: Document;
  node: ValueNode | undefined;
}

/** Plans the edits of attribute `name` of the target that give it the source's synced paths. */
export function mergePaths(
  name: string,
  source: Document,
  target: Document,
  tree: RuleTree,
  prune: boolean,
  same: SameAt,
): PathMerge {
  const at = (doc: Document) => {
    const a = doc.get(name);
    return { doc, node: a ? valueNode(doc, a.valueStart) : undefined };
  };
  const out: PathMerge = { edits: [], changes: [], targetOnly: [], problems: [], value: null };
  const tgt = at(target);
  walk(name, at(source), tgt, tree, tree.syncs ?? false, [], { prune, same }, out);
  out.value = tgt.node ? applied(tgt.node.value, out.changes) : null;
  return out;
}

function walk(
  name: string,
  src: Side,
  tgt: Side,
  tree: RuleTree,
  inherited: boolean,
  keys: string[],
  o: { prune: boolean; same: SameAt },
  out: PathMerge,
): void {
  const syncs = tree.syncs ?? inherited;
  for (const [side, s] of [["source", src], ["target", tgt]] as const) {
    if (s.node?.kind === "object") continue;
    if (anySyncs(tree, inherited)) {
      const why = s.node ? "not an object" : "missing";
      for (const path of syncedPaths(tree, inherited, keys)) {
        out.problems.push({ keys: path, depth: keys.length, side, why });
      }
    }
    return;
  }
  const sEntries = new Map(src.node!.entries.map((e) => [e.key, e]));
  const tEntries = new Map(tgt.node!.entries.map((e) => [e.key, e]));
  for (const key of new Set([...tEntries.keys(), ...sEntries.keys()])) {
    const rules = childRules(tree, key, syncs);
    const s = sEntries.get(key), t = tEntries.get(key);
    const path = [...keys, key];
    if (hasDescendants(rules)) {
      const child = (doc: Document, e: Entry | undefined) => ({ doc, node: e?.value });
      walk(name, child(src.doc, s), child(tgt.doc, t), rules, syncs, path, o, out);
      continue;
    }
    if (!rules.syncs) continue;
    if (s && t && o.same(path, s.value.value, t.value.value)) continue;
    if (s) {
      // As written in the source (in its syntax: sync_paths.ts converts it for the target's).
      const text = src.doc.text.slice(s.value.start, s.value.end);
      const indent = indentOf(src.doc.text, s.keySpan.start);
      out.edits.push({ kind: "path", name, keys: path, value: text, indent });
      out.changes.push({
        keys: path,
        action: t ? "update" : "add",
        ...(t ? { from: t.value.value } : {}),
        to: s.value.value,
      });
    } else if (t) {
      out.targetOnly.push({ keys: path, value: t.value.value });
      if (o.prune) {
        out.edits.push({ kind: "path", name, keys: path });
        out.changes.push({ keys: path, action: "remove", from: t.value.value });
      }
    }
  }
}

/** The paths below `keys` that would sync, as far as the rules name them (`*` as "*"). */
function syncedPaths(tree: RuleTree, inherited: boolean, keys: string[]): string[][] {
  const syncs = tree.syncs ?? inherited;
  if (!hasDescendants(tree)) return syncs ? [keys] : [];
  const below = [...tree.keys].flatMap(([k, t]) => syncedPaths(t, syncs, [...keys, k]));
  if (tree.any) below.push(...syncedPaths(tree.any, syncs, [...keys, "*"]));
  return below.length ? below : syncs ? [keys] : [];
}

/** The value with the changes applied (maps copied, never changed in place). */
export function applied(value: Value, changes: PathChange[]): Value {
  let out = value;
  for (const c of changes) out = setIn(out, c.keys, c.action === "remove" ? undefined : c.to);
  return out;
}

function setIn(value: Value, keys: string[], to: Value | undefined): Value {
  const map = new Map(value as Map<string, Value>);
  const [key, ...rest] = keys;
  if (rest.length) map.set(key, setIn(map.get(key)!, rest, to));
  else if (to === undefined) map.delete(key);
  else map.set(key, to);
  return map;
}

/** The value at a path of keys inside a value; undefined where a key or a map is missing. */
export function valueAtKeys(value: Value | undefined, keys: readonly string[]): Value | undefined {
  let v = value;
  for (const k of keys) v = v instanceof Map ? v.get(k) : undefined;
  return v;
}
