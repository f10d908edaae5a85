// tfsync diff for variables synced by path: their rows become one row a path, the synced paths
// that differ under the syncable features and the rest of the value's differences under the
// environment-specific ones.
import type { Config } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import { mergePaths, valueAtKeys } from "../hcl/path_merge.ts";
import type { Comparison, Row } from "../terraform/layers.ts";
import { lineOf } from "../hcl/path_tree.ts";
import { differences } from "./value_diff.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import { declaredType, sameAtKeys } from "../terraform/types_equal.ts";

/** A row of a variable, or of a path inside its value. */
export interface PathRow extends Row {
  keys?: string[];
}

export interface PathComparison {
  syncable: PathRow[];
  environmentSpecific: PathRow[];
  unclassified: PathRow[];
}

/** The comparison with each variable synced by path split into rows by path. */
export function comparePaths(
  cmp: Comparison,
  config: Config,
  source: Document,
  target: Document,
  module: ModuleVars,
): PathComparison {
  const syncable: PathRow[] = [];
  const environmentSpecific: PathRow[] = [...cmp.environmentSpecific];
  for (const row of cmp.syncable) {
    const rules = config.rules(row.name);
    if (!rules || !row.source || !row.target) {
      syncable.push(row);
      continue;
    }
    const m = mergePaths(row.name, source, target, rules, false, sameAtKeys(module, row.name));
    const synced = [...m.changes.map((c) => c.keys), ...m.targetOnly.map((t) => t.keys)];
    const side = (doc: Document, keys: string[], base: NonNullable<Row["source"]>) => {
      const value = valueAtKeys(base.value, keys);
      if (value === undefined) return undefined;
      return { ...base, value, line: lineOf(doc, row.name, keys) ?? base.line };
    };
    const at = (keys: string[]): PathRow => ({
      name: row.name,
      keys,
      ...(side(source, keys, row.source!) && { source: side(source, keys, row.source!) }),
      ...(side(target, keys, row.target!) && { target: side(target, keys, row.target!) }),
    });
    syncable.push(...synced.map(at));
    const under = (keys: Array<string | number>) =>
      synced.some((s) => s.every((k, i) => keys[i] === k));
    const type = declaredType(module, row.name);
    for (const d of differences(row.source.value, row.target.value, type)) {
      // A difference inside a list is the list's: lists are addressed whole.
      const list = d.keys.findIndex((k) => typeof k === "number");
      const keys = list < 0 ? d.keys : d.keys.slice(0, list);
      if (under(keys)) continue;
      if (environmentSpecific.some((r) => r.name === row.name && same(r, keys))) continue;
      environmentSpecific.push(at(keys as string[]));
    }
  }
  return { syncable, environmentSpecific, unclassified: cmp.unclassified };
}

function same(r: PathRow, keys: Array<string | number>): boolean {
  return (r.keys ?? []).length === keys.length && (r.keys ?? []).every((k, i) => k === keys[i]);
}
