// lib's API: everything commands/ and mod.ts use of lib comes through here (types may still be
// imported from any module of lib with `import type`; tests/layers_test.ts checks both rules).
// What every command needs is exported as it is. Each larger part (a report, planning, writing)
// comes through a function that imports it on first use, so a command loads only the parts it
// calls: `const { checkRepository } = await checkReport();`. With deno.json's
// "lazy-dynamic-imports", `deno run` does not even read a part's modules before that.
export { basename, isAbsolute, join, relative, resolve } from "./_path.ts";
export { fsReason, readTextIfExists } from "./_fs.ts";
export { didYouMean } from "./suggest.ts";
export { joined, option, run } from "./words.ts";
export { ConfigError, LockError, PlacedError, VerificationError, WriteError } from "./errors.ts";
export { loadConfig } from "./config/config.ts";
export { discoverRoot } from "./repo/discover.ts";
export { checkEnvironmentName, listEnvironments } from "./repo/repo.ts";
export { environmentLayers } from "./repo/layout.ts";
export { compareEnvironments } from "./terraform/layers.ts";
export { pathJson } from "./hcl/path.ts";
export { FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE } from "./report/present.ts";

/** Every environment's files, read once: what check, explain and matrix report on (loadSnapshot). */
export const snapshotReading = () => import("./repo/snapshot.ts");
/** A report written into a file, --output (writeReport). */
export const reportWriting = () => import("./write/report.ts");
/**
 * On a signal: the write in progress completed or discarded, and the locks released
 * (interruptWrites, releaseHeldLocks). A write in progress has loaded both modules already.
 */
export const interrupting = async () => ({
  ...await import("./write/files.ts"),
  ...await import("./write/lock.ts"),
});
/** diff's rows, path by path (comparePaths). */
export const diffReport = () => import("./report/diff_paths.ts");
/** check's findings (checkRepository, loadCheckConfig). */
export const checkReport = () => import("./report/check.ts");
/** explain's layers of one variable (explain, explanationJson). */
export const explainReport = () => import("./report/explain.ts");
/** The promotions a planned write leaves pending, for a pull request's body (pendingAfter). */
export const pendingReport = () => import("./report/pending.ts");
/** matrix's table (buildMatrix, matrixJson). */
export const matrixReport = () => import("./report/matrix.ts");
/** The context (tfsync.hcl, the module) and a pair of environments, read (loadContext, readPair, layerDocuments). */
export const pairReading = async () => ({
  ...await import("./repo/pair.ts"),
  ...await import("./repo/layered.ts"),
});
/** Reading as pairReading, and planning every sync (loadContext, plan…, selectVariables). */
export const planning = async () => ({
  ...await pairReading(),
  ...await import("./sync/sync.ts"),
  ...await import("./sync/select.ts"),
});
/** Verified, locked, all-or-nothing writes (commit, changed, verifyPlans, verifyWith). */
export const transaction = () => import("./write/transaction.ts");
/** Putting back a .bak, or a whole run (restoreBackup, restoreLastRun, LAST_RUN). */
export const restoring = async () => ({
  ...await import("./write/restore.ts"),
  ...await import("./write/last_run.ts"),
});
/** tfsync init's survey and plan of tfsync.hcl (planInit, survey, verifyPlan, withLayout…). */
export const initPlanning = async () => ({
  ...await import("./config/init.ts"),
  ...await import("./config/init_layout.ts"),
});
