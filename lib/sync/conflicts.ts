// Conflicts: target values edited by hand since the last sync. The shared file is the record of
// the last sync; a value the run would overwrite that differs from the record's is a conflict.
import type { Document } from "../hcl/document.ts";
import { type Effective, effectiveValue, sameLocated } from "../terraform/layers.ts";
import type { ModuleVars } from "../terraform/module.ts";
import type { FilePlan } from "./sync_plan.ts";
import type { Value } from "../hcl/value.ts";
import { declaredType, sameFor, shownAs, typeAt } from "../terraform/types_equal.ts";
import { valueAtKeys } from "../hcl/path_merge.ts";
import { lineOf } from "../hcl/path_tree.ts";
import { documentFingerprint } from "./fingerprint.ts";
import { lastSynced } from "./markers.ts";
import { lastRecord } from "./record.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import type { Config } from "../config/config.ts";

/** A target value that differs from the record of the last sync and would be overwritten. */
export interface Conflict {
  name: string;
  /** The keys inside the value, for a variable synced by path. */
  keys?: string[];
  /** The target's value (layer "environment", or "default" when it leaves it unset). */
  target: Effective;
  /** The record's (layer "shared", or "default"). */
  record: Effective;
  incoming: Value;
}

/**
 * The conflicts of the plans that write an environment's own files, and the record they are
 * judged against. Each file on its own (a hand edit is in the file it was made in, and each file
 * a sync wrote carries its own banner): none when its banner fingerprint says it is as its last
 * sync left it; else the values it overwrites that differ from the record of the last sync
 * (record.ts).
 */
export async function judgeConflicts(
  ctx: { config: Config; module: ModuleVars },
  plans: readonly FilePlan[],
  shared: TfvarsFile | undefined,
  env: string,
): Promise<{ conflicts: Conflict[]; record?: string }> {
  const record = await lastRecord(ctx.config.root, shared, env);
  const out: Conflict[] = [];
  for (const plan of plans) {
    const target = plan.beforeDoc;
    const banner = lastSynced(target);
    if (banner?.fingerprint === documentFingerprint(target, ctx.config, ctx.module)) continue;
    out.push(...conflicts(plan, record?.doc, target, ctx.module));
  }
  return { conflicts: out, record: record?.name };
}

/** Values the plan overwrites in the target that differ from the record of the last sync. */
export function conflicts(
  plan: FilePlan,
  record: Document | undefined,
  target: Document,
  module: ModuleVars,
): Conflict[] {
  if (!record) return [];
  const out: Conflict[] = [];
  for (const c of plan.changes) {
    if (c.action === "remove" || c.to === undefined) continue;
    if (c.keys) {
      const k = pathConflict(c, record, target, module);
      if (k) out.push({ ...k, incoming: c.to });
      continue;
    }
    const rec = effectiveValue(c.name, record, module, "shared");
    const cur = effectiveValue(c.name, target, module);
    // A value the target leaves unset is added, not overwritten: nothing written there is lost.
    if (rec.layer === "none" || cur.layer !== "environment") continue;
    if (sameLocated(rec, cur, declaredType(module, c.name))) continue;
    out.push({ name: c.name, target: cur, record: rec, incoming: c.to });
  }
  return out;
}

/** A path's value in the target that differs from the record's at the same path. */
function pathConflict(
  c: FilePlan["changes"][number],
  record: Document,
  target: Document,
  module: ModuleVars,
): Omit<Conflict, "incoming"> | undefined {
  const keys = c.keys!;
  const rec = valueAtKeys(record.get(c.name)?.value, keys);
  if (rec === undefined || c.from === undefined || sameFor(module, c.name, rec, c.from, keys)) {
    return undefined;
  }
  // As terraform reads it for the type at the path, as effectiveValue shows a whole variable.
  const type = typeAt(declaredType(module, c.name), keys);
  const side = (layer: Effective["layer"], doc: Document, value: Value): Effective => ({
    layer,
    value: shownAs(value, type),
    file: doc.file,
    line: lineOf(doc, c.name, keys) ?? 0,
  });
  return {
    name: c.name,
    keys,
    target: side("environment", target, c.from),
    record: side("shared", record, rec),
  };
}
