// Effective values, layer by layer: an environment's tfvars value (with several var files, the
// last that sets it, as terraform's -var-file order), else the module's default. "Unset" and
// "set to the default" are therefore the same value.
import type { Config } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import type { ModuleVars } from "./module.ts";
import type { Value } from "../hcl/value.ts";
import type { TfType } from "./types.ts";
import { declaredType, sameValue, shownAs } from "./types_equal.ts";
import type { LinePlace } from "../hcl/errors.ts";

/**
 * THE value with the layer it comes from (an environment's tfvars, the shared file, the
 * variables.tf default) and the file and line that set it; what diff, check, matrix, explain and
 * conflicts show.
 */
export interface Effective extends LinePlace {
  layer: "environment" | "shared" | "default";
  value: Value;
}

/** No value at all: not set in the environment, and no default (or no variable block). */
export interface NoValue {
  layer: "none";
  value?: undefined;
  file?: undefined;
  line?: undefined;
}

/** A variable's value in one place, or none. */
export type Located = Effective | NoValue;

/** One variable whose effective values differ; a side is absent where it has no value at all. */
export interface Row {
  name: string;
  source?: Effective;
  target?: Effective;
}

export interface Comparison {
  /** In config order. */
  syncable: Row[];
  /** In the source file's order, then the variables set only in the target. */
  environmentSpecific: Row[];
  unclassified: Row[];
}

/** An environment's var files in -var-file order, or its one file (undefined: a missing file). */
export type Layers = Document | readonly Document[] | undefined;

/** The document whose assignment of `name` wins: the last of the layers that sets it. */
export function winningLayer(name: string, layers: Layers): Document | undefined {
  const docs = layers === undefined ? [] : Array.isArray(layers) ? layers : [layers as Document];
  return docs.findLast((d) => d.get(name) !== undefined);
}

/**
 * The value a variable takes in an environment (or, `layer` "shared", in the shared file), as
 * terraform reads it for the declared type (shownAs: "true" is true for a bool).
 */
export function effectiveValue(
  name: string,
  envDoc: Layers,
  module: ModuleVars,
  layer: "environment" | "shared" = "environment",
): Located {
  const doc = winningLayer(name, envDoc);
  const attr = doc?.get(name);
  const type = declaredType(module, name);
  if (attr) return { layer, value: shownAs(attr.value, type), file: doc!.file, line: attr.line };
  const variable = module.variables.get(name);
  if (variable && variable.default !== undefined) {
    const value = shownAs(variable.default, type);
    return { layer: "default", value, file: variable.file, line: variable.line };
  }
  return { layer: "none" };
}

/** Whether two values are the same value of `type` (both "none" counts as the same). */
export function sameLocated(a: Located, b: Located, type?: TfType): boolean {
  if (a.layer === "none" || b.layer === "none") return a.layer === b.layer;
  return sameValue(a.value, b.value, type);
}

/** The variables whose effective values differ between two environments, by class. */
export function compareEnvironments(
  config: Config,
  module: ModuleVars,
  sourceDoc: Layers,
  targetDoc: Layers,
): Comparison {
  const row = (name: string): Row | undefined => {
    const s = effectiveValue(name, sourceDoc, module);
    const t = effectiveValue(name, targetDoc, module);
    if (sameLocated(s, t, declaredType(module, name))) return undefined;
    const r: Row = { name };
    if (s.layer !== "none") r.source = s;
    if (t.layer !== "none") r.target = t;
    return r;
  };
  const rows = (names: Iterable<string>) => [...names].flatMap((n) => row(n) ?? []);
  const setNames = _union(sourceDoc, targetDoc);
  return {
    syncable: rows(config.syncable),
    environmentSpecific: rows(
      setNames.filter((n) => config.classify(n) === "environment_specific"),
    ),
    unclassified: rows(setNames.filter((n) => config.classify(n) === "unclassified")),
  };
}

/** The variables set in either side: the source's in its order, then the target's others. */
function _union(a: Layers, b: Layers): string[] {
  const names = new Set<string>();
  for (const side of [a, b]) {
    const docs = side === undefined ? [] : Array.isArray(side) ? side : [side as Document];
    for (const doc of docs) for (const attr of doc.attributes) names.add(attr.name);
  }
  return [...names];
}
