// Routing syncs through layered var files (environment_files with several paths). A value is
// edited in the file its winning assignment is in when that file is the environment's own; a
// layer all environments share is never edited by a sync into one environment: a value that must
// change there is set in the environment's last own file, where it now overrides the layer.
import type { Document } from "../hcl/document.ts";
import { sameFor } from "../terraform/types_equal.ts";
import { winningLayer } from "../terraform/layers.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { layerDocuments, type Layered } from "../repo/layered.ts";
import { type FilePlan, planTarget, type TargetOnly, type TargetPlanOptions } from "./sync_plan.ts";

/**
 * Plans a target with several var files: each own file gets the variables whose winning
 * assignment it holds (with --prune, one the source does not set: every own file that sets it);
 * the last own file every other one that changes (a shared layer's value overridden: the change
 * says so). One file: planTarget as it is.
 */
export function planLayeredTarget(
  o: Omit<TargetPlanOptions, "target">,
  target: Layered,
): { plans: FilePlan[]; targetOnly: TargetOnly[] } {
  if (target.layers.length === 1) {
    const { plan, targetOnly } = planTarget({ ...o, target: target.own });
    return { plans: [plan], targetOnly };
  }
  const docs = layerDocuments(target);
  const names = new Map<TfvarsFile, string[]>();
  const overrides = new Map<string, Document>();
  const add = (f: TfvarsFile, n: string) => names.set(f, [...(names.get(f) ?? []), n]);
  for (const n of o.names) {
    const win = winningLayer(n, docs);
    const layer = target.layers.find((l) => l.file.doc === win);
    const s = o.source.doc.get(n);
    if (!s && o.prune) {
      // Pruned from every own file that sets it: an earlier one must not leave its value behind.
      for (const l of target.layers) if (l.own && l.file.doc.get(n)) add(l.file, n);
    } else if (layer?.own) add(layer.file, n);
    else if (s && !(win && sameFor(o.module, n, win.get(n)!.value, s.value))) {
      add(target.own, n);
      if (layer) overrides.set(n, layer.file.doc);
    }
  }
  const plans: FilePlan[] = [];
  const targetOnly: TargetOnly[] = [];
  for (const { file, own } of target.layers) {
    if (!own || (file !== target.own && !names.has(file))) continue;
    const p = planTarget({ ...o, names: names.get(file) ?? [], target: file });
    for (const c of p.plan.changes) {
      const layer = overrides.get(c.name);
      if (!layer || c.action !== "add") continue;
      // Its value before is the shared layer's, not the default.
      Object.assign(c, { overrides: layer.file, from: layer.get(c.name)!.value });
      delete c.fromDefault;
    }
    plans.push(p.plan);
    targetOnly.push(...p.targetOnly);
  }
  return { plans, targetOnly };
}
