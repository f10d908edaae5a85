// The synced part of a value, by the rules of tfsync.hcl: which concrete paths inside it sync
// (`node_groups.*.ami_version` → every node group's `ami_version`), and the value cut down to them.
import { childRules, hasDescendants, type RuleTree } from "./path.ts";
import { applied, valueAtKeys } from "./path_merge.ts";
import type { Value } from "./value.ts";

/**
 * The paths of a value that sync, each as the keys below the variable, in the value's order:
 * `[[]]` when the whole value syncs. A value that is no object where the rules name keys inside it
 * has none (check and sync report that parent instead).
 */
export function syncedKeys(
  value: Value,
  tree: RuleTree,
  inherited = false,
  keys: string[] = [],
): string[][] {
  const syncs = tree.syncs ?? inherited;
  if (!hasDescendants(tree)) return syncs ? [keys] : [];
  if (!(value instanceof Map)) return [];
  return [...value.entries()].flatMap(([k, v]) =>
    syncedKeys(v, childRules(tree, k, syncs), syncs, [...keys, k])
  );
}

/** The value with only its synced paths (objects kept down to them); undefined when none syncs. */
export function syncedPart(value: Value, tree: RuleTree): Value | undefined {
  const paths = syncedKeys(value, tree);
  if (paths.length === 0) return undefined;
  if (paths[0].length === 0) return value;
  const changes = paths.map((keys) => ({
    keys,
    action: "add" as const,
    to: valueAtKeys(value, keys),
  }));
  return applied(new Map(), changes);
}
