// The pending promotions a sync leaves behind: what `tfsync check` lists as pending once the
// plan's files hold their new text (the environments the new record has not reached yet), for a
// pull request's body. Read from the repository as it is, with the planned files in its place.
import type { Config } from "../config/config.ts";
import type { ModuleVars } from "../terraform/module.ts";
import type { FilePlan } from "../sync/sync_plan.ts";
import { loadSnapshot } from "../repo/snapshot.ts";
import { driftFindings } from "./check_drift.ts";
import type { Finding } from "./check_types.ts";

/** The pending-promotion findings of the repository after `files` are written. */
export async function pendingAfter(
  config: Config,
  module: ModuleVars,
  files: readonly FilePlan[],
): Promise<Finding[]> {
  const s = { ...await loadSnapshot(config, { tolerant: true }), module };
  const after = new Map(files.map((f) => [f.path, f.afterDoc]));
  if (after.has(s.sharedPath)) s.shared = after.get(s.sharedPath);
  s.environments = s.environments.map((e) => ({
    ...e,
    doc: after.get(e.path) ?? e.doc,
    layers: e.layers.map((l) => ({ ...l, doc: after.get(l.path) ?? l.doc })),
  }));
  return driftFindings(s).filter((f) => f.check === "pending");
}
