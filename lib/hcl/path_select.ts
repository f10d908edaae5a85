// The synced part of a value, by the rules of tfsync.hcl: which concrete paths inside it sync
// (`node_groups.*.ami_version` → every node group's `ami_version`), and the value cut down to them.
import { childRules, hasDescendants, type RuleTree } from "./path.ts";
import { applied, valueAtKeys } from "./path_merge.ts";
import type { Value } from "./value.ts";

/**
 * The paths of a value as its rules classify them, each as the keys below the variable, in the
 * value's order, down to where a rule covers everything below (`[[]]`: the whole value). A value
 * that is no object where the rules name keys inside it has none (check and sync report that
 * parent instead).
 */
export function classifiedKeys(
  value: Value,
  tree: RuleTree,
  inherited = false,
  keys: string[] = [],
): Array<{ keys: string[]; syncs: boolean }> {
  const syncs = tree.syncs ?? inherited;
  if (!hasDescendants(tree)) return [{ keys, syncs }];
  if (!(value instanceof Map)) return [];
  return [...value.entries()].flatMap(([k, v]) =>
    classifiedKeys(v, childRules(tree, k, syncs), syncs, [...keys, k])
  );
}

/** The paths of a value that sync (classifiedKeys). */
export function syncedKeys(value: Value, tree: RuleTree): string[][] {
  return classifiedKeys(value, tree).flatMap((c) => c.syncs ? [c.keys] : []);
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
