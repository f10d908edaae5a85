// The reports' view of a value at a path inside a variable (a matrix row, an explanation): the
// value there in one layer, with the line of its key, and the one equality at that path.
import type { Document } from "../hcl/document.ts";
import { valueAtKeys } from "../hcl/path_merge.ts";
import { type Layers, type Located, winningLayer } from "../terraform/layers.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import { sameFor } from "../terraform/types_equal.ts";
import { lineOf } from "../hcl/path_tree.ts";
import type { Value } from "../hcl/value.ts";

/** An effective value cut down to the value at `keys`: none where it has no such key. */
export function effectiveAt(
  e: Located,
  layers: Layers,
  name: string,
  keys: readonly string[],
): Located {
  if (e.layer === "none" || keys.length === 0) return e;
  const value = valueAtKeys(e.value, keys);
  if (value === undefined) return { layer: "none" };
  const doc: Document | undefined = e.layer === "default" ? undefined : winningLayer(name, layers);
  return { ...e, value, line: (doc && lineOf(doc, name, keys)) ?? e.line };
}

/** Whether two values at `keys` of variable `name` are the same (two absent ones are). */
export function sameAt(
  module: ModuleVars,
  name: string,
  keys: readonly string[],
  a: Value | undefined,
  b: Value | undefined,
): boolean {
  return a === undefined || b === undefined ? a === b : sameFor(module, name, a, b, keys);
}
