// Effective values, layer by layer: an environment's tfvars value, else the module's default.
// "Unset" and "set to the default" are therefore the same value.
import type { Config } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import type { ModuleVars } from "./module.ts";
import { type Value, valuesEqual } from "../hcl/value.ts";

/** A value and the layer it comes from, with the file and line that set it. */
export interface Effective {
  source: "environment" | "default";
  value: Value;
  file: string;
  line: number;
}

/** No value at all: not set in the environment, and no default (or no variable block). */
export interface NoValue {
  source: "none";
  value?: undefined;
  line?: undefined;
}

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

/** The value a variable takes in an environment (`envDoc` may be undefined: a missing file). */
export function effectiveValue(
  name: string,
  envDoc: Document | undefined,
  module: ModuleVars,
): Effective | NoValue {
  const attr = envDoc?.get(name);
  if (attr) {
    return { source: "environment", value: attr.value, file: envDoc!.file, line: attr.line };
  }
  const variable = module.variables.get(name);
  if (variable && variable.default !== undefined) {
    return { source: "default", value: variable.default, file: variable.file, line: variable.line };
  }
  return { source: "none" };
}

/** Whether two effective values are the same value (both "none" counts as the same). */
export function effectiveEqual(a: Effective | NoValue, b: Effective | NoValue): boolean {
  if (a.source === "none" || b.source === "none") return a.source === b.source;
  return valuesEqual(a.value, b.value);
}

/** The variables whose effective values differ between two environments, by class. */
export function compareEnvironments(
  config: Config,
  module: ModuleVars,
  sourceDoc: Document | undefined,
  targetDoc: Document | undefined,
): Comparison {
  const row = (name: string): Row | undefined => {
    const s = effectiveValue(name, sourceDoc, module);
    const t = effectiveValue(name, targetDoc, module);
    if (effectiveEqual(s, t)) return undefined;
    const r: Row = { name };
    if (s.source !== "none") r.source = s;
    if (t.source !== "none") r.target = t;
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

/** The variables set in either file: the source's in its order, then the target's others. */
function _union(a: Document | undefined, b: Document | undefined): string[] {
  const names = new Set<string>();
  for (const doc of [a, b]) for (const attr of doc?.attributes ?? []) names.add(attr.name);
  return [...names];
}
