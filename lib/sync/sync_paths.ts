// Variables whose keys sync by path (tfsync.hcl names paths into them): the target's edits,
// changes and intended value from lib/hcl/path_merge.ts, in the terms the sync plans speak.
import type { Document } from "../hcl/document.ts";
import { formatPath, type RuleTree } from "../hcl/path.ts";
import { mergePaths, type PathMerge } from "../hcl/path_merge.ts";
import { projection } from "../hcl/path_project.ts";
import { isJsonDocument } from "../hcl/json_document.ts";
import { convertedText, pathEditIn } from "../hcl/var_convert.ts";
import { lineOf } from "../hcl/path_tree.ts";
import type { Edit } from "../hcl/edit.ts";
import type { Value } from "../hcl/value.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import { sameAtKeys, sameFor } from "../terraform/types_equal.ts";
import type { Change, TargetOnly } from "./sync_types.ts";
import type { Place } from "../hcl/errors.ts";

/** A synced path that cannot be synced in one file: its parent is missing there or no object. */
export interface PathWarning extends Place {
  name: string;
  keys: string[];
  /** What is wrong, for people: `forms_admin_settings is not set`. */
  message: string;
}

export interface PathPlan {
  edits: Edit[];
  changes: Change[];
  /** The whole value the target has after the edits (undefined: nothing changes). */
  value?: Value;
  targetOnly: TargetOnly[];
  warnings: PathWarning[];
}

/** Plans the path edits of one variable: the source's synced keys into the target's value. */
export function planPaths(
  name: string,
  rules: RuleTree,
  source: Document,
  target: Document,
  prune: boolean,
  module: ModuleVars,
): PathPlan {
  if (!source.get(name) && !target.get(name)) {
    return { edits: [], changes: [], targetOnly: [], warnings: [] };
  }
  const m = mergePaths(name, source, target, rules, prune, sameAtKeys(module, name));
  const warnings = m.problems.map((p): PathWarning => {
    const doc = p.side === "source" ? source : target;
    const parent = formatPath(name, p.keys.slice(0, p.depth));
    const line = lineOf(doc, name, p.keys.slice(0, p.depth));
    return {
      name,
      keys: p.keys,
      message: `${formatPath(name, p.keys)}: ${parent} is ${
        p.why === "missing" ? "not set" : "not an object or map"
      } in ${doc.file}, so this path is not synced`,
      file: doc.file,
      ...(line && { line }),
    };
  });
  const line = target.get(name)?.line ?? 0;
  return {
    edits: editsIn(m, source, target),
    changes: m.changes.map((c) => ({ name, ...c, line })),
    ...(m.changes.length > 0 && { value: m.value }),
    targetOnly: m.targetOnly.map((t) => ({
      name,
      keys: t.keys,
      value: t.value,
      file: target.file,
      line,
    })),
    warnings,
  };
}

/**
 * The shared file's record of a variable synced by path: the synced part of the source's value
 * (projection). An existing record takes path edits where it has every parent, else the new text.
 * A partial sync of groups (`rules` narrower than `all`) takes only their paths where the record
 * has their parents, and keeps the record's other paths.
 */
export function planSharedPaths(
  name: string,
  rules: RuleTree,
  source: Document,
  shared: Document,
  module: ModuleVars,
  all: RuleTree = rules,
): PathPlan & { insert?: string; set?: string } {
  const none = { edits: [], changes: [], targetOnly: [], warnings: [] };
  const projected = projection(source, name, rules);
  // The projection is HCL: a JSON shared file takes the value as JSON.
  const want = projected && isJsonDocument(shared)
    ? { ...projected, text: convertedText(projected.value, true, shared, 1) }
    : projected;
  const t = shared.get(name);
  if (t && rules !== all) {
    // A path whose parent the record lacks is not recorded: the target cannot take it either.
    const m = mergePaths(name, source, shared, rules, true, sameAtKeys(module, name));
    const changes = m.changes.map((c) => ({ name, ...c, line: t.line }));
    const edits = editsIn(m, source, shared);
    return { ...none, edits, changes, ...(changes.length > 0 && { value: m.value }) };
  }
  if (!want) {
    if (!t) return none;
    return {
      ...none,
      edits: [{ kind: "remove", name }],
      changes: [{ name, action: "remove", from: t.value, line: t.line }],
    };
  }
  if (!t) {
    return {
      ...none,
      insert: want.text,
      changes: [{ name, action: "add", to: want.value, line: 0 }],
      value: want.value,
    };
  }
  const same = (v: Value) => sameFor(module, name, v, want.value);
  if (same(t.value)) return none;
  const m = mergePaths(name, source, shared, rules, true, sameAtKeys(module, name));
  if (m.problems.length === 0 && same(m.value)) {
    const line = t.line;
    return {
      ...none,
      edits: editsIn(m, source, shared),
      changes: m.changes.map((c) => ({ name, ...c, line })),
      value: want.value,
    };
  }
  return {
    ...none,
    set: want.text,
    changes: [{ name, action: "update", from: t.value, to: want.value, line: t.line }],
    value: want.value,
  };
}

/** The merge's edits in the target's syntax (each converted from the value its change sets). */
function editsIn(m: PathMerge, source: Document, target: Document): Edit[] {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((k, i) => k === b[i]);
  return m.edits.map((e) => {
    const to = m.changes.find((c) => same(c.keys, e.keys))?.to;
    return to === undefined ? e : pathEditIn(e, to, source, target);
  });
}
