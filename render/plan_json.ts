// What the sync commands did or would do, as one JSON document for scripts (docs/json.md).
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { FilePlan } from "../lib/sync/sync_plan.ts";
import type { WriteResult } from "../lib/write/transaction.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import type { Effective } from "../lib/terraform/layers.ts";
import { FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE } from "../lib/report/present.ts";
import type { Value } from "../lib/hcl/value.ts";
import { pathJson } from "../lib/hcl/path.ts";
import { staleComments } from "../lib/sync/stale_comments.ts";

/** --json: the path as a list of steps and as a string, for a change inside a value. */
const jsonPath = (c: { name: string; keys?: string[] }) =>
  c.keys ? { path: pathJson({ name: c.name, keys: c.keys }) } : {};

/** The whole run as one JSON document. */
export function planJson(
  plan: SyncPlan,
  module: ModuleVars,
  o: { dryRun: boolean; results?: WriteResult[]; diffs: Map<FilePlan, string> },
): string {
  const value = (name: string, v: Value) => isSensitive(module, name) ? SENSITIVE : jsonValue(v);
  // docs/json.md's shape: `default` tells a value left to the variables.tf default.
  const conflictSide = (name: string, e: Effective) => ({
    value: value(name, e.value),
    file: e.file,
    line: e.line,
    default: e.layer === "default",
  });
  const doc = {
    format_version: FORMAT_VERSION,
    command: plan.command,
    source: plan.source,
    ...(plan.target !== undefined && { target: plan.target }),
    dry_run: o.dryRun,
    files: plan.files.map((f, i) => ({
      file: f.file,
      role: f.role,
      created: !f.exists && f.after !== f.before,
      changed: f.after !== f.before,
      written: o.results?.[i]?.written ?? false,
      backup: o.results?.[i]?.backup ? f.file + ".bak" : null,
      changes: f.changes.map((c) => ({
        name: c.name,
        ...jsonPath(c),
        action: c.action,
        ...(c.from !== undefined && { from: value(c.name, c.from) }),
        ...(c.fromDefault && { from_default: true }),
        ...(c.overrides && { overrides: c.overrides }),
        ...(c.to !== undefined && { to: value(c.name, c.to) }),
        line: c.line,
      })),
      diff: o.diffs.get(f) ?? "",
      ...(f.warnings?.length && { warnings: f.warnings }),
    })),
    conflicts: plan.conflicts.map((c) => ({
      name: c.name,
      ...jsonPath(c),
      target: conflictSide(c.name, c.target),
      record: conflictSide(c.name, c.record),
      incoming: value(c.name, c.incoming),
    })),
    stale_comments: staleComments(plan.files),
    target_only: plan.targetOnly.map((t) => ({
      name: t.name,
      ...jsonPath(t),
      value: value(t.name, t.value),
      file: t.file,
      line: t.line,
      pruned: plan.prune,
    })),
    not_in_source: plan.notInSource,
    unclassified: plan.unclassified,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
