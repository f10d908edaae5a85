// Paths in tfsync.hcl's lists: `forms_admin_settings.enable_opentelemetry` in a group syncs that
// key while the rest of the variable follows its own rule. A variable any path names has a rule
// tree; the most specific path wins.
import { addRule, parsePath, type RuleTree } from "../hcl/path.ts";

/** The distinct variable names of a list of paths, in order of first mention. */
export function variableNames(paths: readonly string[]): string[] {
  return [...new Set(paths.map((p) => parsePath(p).name))];
}

/** The rule tree of each variable that a path with keys names (the others sync whole or not). */
export function ruleTrees(
  syncable: readonly string[],
  environmentSpecific: readonly string[],
): Map<string, RuleTree> {
  const rules = [
    ...syncable.map((p) => ({ ...parsePath(p), syncs: true })),
    ...environmentSpecific.map((p) => ({ ...parsePath(p), syncs: false })),
  ];
  const trees = new Map<string, RuleTree>();
  for (const r of rules) {
    if (r.steps.length > 0 && !trees.has(r.name)) trees.set(r.name, { keys: new Map() });
  }
  for (const r of rules) {
    const tree = trees.get(r.name);
    if (tree) addRule(tree, r.steps).syncs = r.syncs;
  }
  return trees;
}
