// Conflicts: target values edited by hand since the last sync. The shared file is the record of
// the last sync; a value the run would overwrite that differs from the record's is a conflict.
import type { Document } from "../hcl/document.ts";
import { type Effective, effectiveValue } from "../terraform/layers.ts";
import type { ModuleVars } from "../terraform/module.ts";
import type { FilePlan } from "./sync_plan.ts";
import { type Value, valuesEqual } from "../hcl/value.ts";

/** A value on one side of a conflict: set in a file, or the variables.tf default. */
export interface ConflictSide {
  value: Value;
  file: string;
  line: number;
  default: boolean;
}

/** A target value that differs from the record of the last sync and would be overwritten. */
export interface Conflict {
  name: string;
  target: ConflictSide;
  record: ConflictSide;
  incoming: Value;
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
    const rec = effectiveValue(c.name, record, module);
    const cur = effectiveValue(c.name, target, module);
    if (rec.source === "none" || cur.source === "none" || valuesEqual(rec.value, cur.value)) {
      continue;
    }
    const side = (e: Effective): ConflictSide => ({
      value: e.value,
      file: e.file,
      line: e.line,
      default: e.source === "default",
    });
    out.push({ name: c.name, target: side(cur), record: side(rec), incoming: c.to });
  }
  return out;
}
