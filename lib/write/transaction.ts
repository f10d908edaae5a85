// Writing a plan: commit() takes only plans that went through verification (a Verified value
// nothing else can make), and then, under the repository's lock, checks each file unchanged since
// it was read (else plans again on what is there now, when it can), reads every .bak it will
// replace, and replaces the files and their .bak all or none (files.ts).
import { dirname, join, relative } from "../_path.ts";
import { ConfigError } from "../errors.ts";
import { readBytesIfExists, realInside } from "../_fs.ts";
import { encode } from "../hcl/encoding.ts";
import type { FilePlan } from "../sync/sync_plan.ts";
import { verifyEdit } from "../hcl/verify.ts";
import {
  JOURNAL,
  missingFolder,
  recover,
  replaceAll,
  type Replacement,
  WriteError,
} from "./files.ts";
import { type LockOptions, lockRoot } from "./lock.ts";
import { jsonReplacement, lastRunReplacement } from "./last_run.ts";
import { PREVIOUS_RECORD, type PreviousRecord, sha256, withSynced } from "../sync/record.ts";

export { WriteError };

/** A file to write: what was read (to check it is still there) and the new text. */
export interface WritePlan {
  /** The path as configured (maybe a symlink; writes go to its target). */
  path: string;
  /** The file as named to the user. */
  file: string;
  /** False for a file the run creates. */
  exists: boolean;
  before: string;
  after: string;
}

declare const verifiedBrand: unique symbol;
/** Plans whose every change was verified: made only by verifyPlans() and verifyWith(). */
export interface Verified<P extends WritePlan = WritePlan> {
  readonly plans: readonly P[];
  readonly [verifiedBrand]: true;
}

export interface WriteResult {
  file: string;
  path: string;
  written: boolean;
  /** The .bak written beside it, when one was. */
  backup?: string;
}

export interface CommitOptions extends LockOptions {
  /** The repository root: every file written (and the lock, the journal) is inside it. */
  root: string;
  backup: boolean;
  /** Names this process to whoever waits for the lock: "tfsync promote (pid 42)". */
  holder: string;
  /**
   * Plans again, when a file changed between reading and locking (another tfsync wrote it):
   * the run then writes on top of that instead of failing.
   */
  replan?: () => Promise<Verified>;
  /** Called with a sentence for people: another run's write completed, a plan made again. */
  onNote?: (note: string) => void;
  /** Called once the files are locked and checked, right before the first write. */
  onLocked?: () => void;
  /** The command, to record the run beside the files so `tfsync restore` can undo it whole. */
  command?: string;
  /** The shared file's path: a run that changes it keeps its previous text (sync/record.ts). */
  record?: string;
  /**
   * The environment the run syncs to the shared file as it leaves it (sync/record.ts); `some`: a
   * partial sync, which records it only when it changes the shared file (then the others of its
   * values are the previous record's too).
   */
  synced?: { env: string; some: boolean };
}

/**
 * Checks every changed file's edit with verifyEdit, on the plan's reading of its result (read
 * again when that is not the text to write). Throws VerificationError, or ConfigError for a new
 * file whose folder does not exist.
 */
export async function verifyPlans<P extends FilePlan>(plans: readonly P[]): Promise<Verified<P>> {
  return await verifyWith(plans, (p) => {
    const after = p.afterDoc.text === p.after ? p.afterDoc : p.after;
    return verifyEdit(p.beforeDoc, after, p.intent, p.copied);
    // The default shared file's folder is the default layout's: another layout names its own.
  }, (p) => p.role === "shared" ? " (create it, or set shared_file in tfsync.hcl)" : "");
}

/**
 * Runs `check` on every changed plan (it throws when one is not as intended), after making sure
 * each new file's folder exists (a write creates none: see files.ts), so that a dry run refuses
 * what the write would. `hint` follows the reason when one does not. Throws ConfigError.
 */
export async function verifyWith<P extends WritePlan>(
  plans: readonly P[],
  check: (p: P) => unknown,
  hint: (p: P) => string = () => "",
): Promise<Verified<P>> {
  for (const p of changed(plans)) {
    const missing = p.exists ? undefined : await missingFolder(p.path, p.file);
    if (missing) {
      throw new ConfigError(`Cannot write the file: ${missing}${hint(p)}`, { file: p.file });
    }
    await check(p);
  }
  return { plans } as unknown as Verified<P>;
}

export function changed<P extends WritePlan>(plans: readonly P[]): P[] {
  return plans.filter((p) => p.after !== p.before);
}

/**
 * Writes the changed files of `verified` and their .bak, all or none. Returns one result per
 * plan (of the plans written: replan's when it planned again). Throws LockError, ConfigError
 * or WriteError.
 */
export async function commit(verified: Verified, o: CommitOptions): Promise<WriteResult[]> {
  let plans = verified.plans;
  if (changed(plans).length === 0) {
    // Nothing to write, but a killed run's journal is completed all the same.
    if (await exists(join(o.root, JOURNAL))) await completeInterrupted(o, []);
    return results(plans, false);
  }
  const lock = await lockRoot(o.root, o.holder, o);
  try {
    await recoverWithNote(o, changed(plans).map((p) => p.path));
    let reps = await replacements(changed(plans), o);
    if (!reps && o.replan) {
      o.onNote?.(
        "the files changed since they were read (another tfsync wrote them): planning again",
      );
      plans = (await o.replan()).plans;
      reps = await replacements(changed(plans), o);
    }
    if (!reps) {
      const stale = await firstStale(changed(plans), o.root);
      throw new ConfigError(
        `"${stale}" changed while tfsync was running: nothing was written; run the command again`,
      );
    }
    o.onLocked?.();
    if (o.command) reps.push(await lastRunReplacement(o.root, o.command, o.backup, changed(plans)));
    const shared = changed(plans).find((p) => p.path === o.record);
    if (shared) reps.push(await previousRecord(o.root, shared, o.synced?.env));
    else if (o.record && o.synced && !o.synced.some) {
      const kept = await withSynced(o.root, o.record, o.synced.env);
      if (kept) reps.push(await jsonReplacement(o.root, PREVIOUS_RECORD, kept));
    }
    await replaceAll(reps, o);
  } finally {
    await lock.release();
  }
  return results(plans, o.backup);
}

async function previousRecord(
  root: string,
  shared: WritePlan,
  synced: string | undefined,
): Promise<Replacement> {
  const record: PreviousRecord = {
    shared: relative(root, shared.path),
    written: await sha256(shared.after),
    before: shared.exists ? shared.before : null,
    ...(synced !== undefined && { synced: [synced] }),
  };
  return await jsonReplacement(root, PREVIOUS_RECORD, record);
}

async function recoverWithNote(o: CommitOptions, paths: string[]): Promise<void> {
  const done = await recover(o.root, paths);
  if (done.length) o.onNote?.(`completed an interrupted write of ${done.join(", ")}`);
}

async function completeInterrupted(o: CommitOptions, paths: string[]): Promise<void> {
  const lock = await lockRoot(o.root, o.holder, o);
  try {
    await recoverWithNote(o, paths);
  } finally {
    await lock.release();
  }
}

const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);

function results(plans: readonly WritePlan[], backup: boolean): WriteResult[] {
  const todo = changed(plans);
  return plans.map((p) => ({
    file: p.file,
    path: p.path,
    written: todo.includes(p),
    ...(todo.includes(p) && backup && p.exists ? { backup: p.path + ".bak" } : {}),
  }));
}

/** The replacements of the plans (each .bak before its file); undefined when a file changed. */
async function replacements(todo: WritePlan[], o: CommitOptions) {
  const reps: Replacement[] = [];
  for (const p of todo) {
    const path = await realInside(p.path, o.root);
    const now = await readBytesIfExists(path, { name: p.file });
    if (!same(now, p.exists ? encode(p.before) : undefined)) return undefined;
    const mode = now ? (await Deno.stat(path)).mode ?? undefined : undefined;
    if (o.backup && now) {
      const bak = p.path + ".bak";
      await realInside(dirname(bak), o.root);
      const old = await readBytesIfExists(bak, { name: p.file + ".bak", root: o.root });
      reps.push({ path: bak, file: p.file + ".bak", old, bytes: now, mode });
    }
    reps.push({ path, file: p.file, old: now, bytes: encode(p.after), mode });
  }
  return reps;
}

async function firstStale(todo: WritePlan[], root: string): Promise<string> {
  for (const p of todo) {
    const now = await readBytesIfExists(await realInside(p.path, root), { name: p.file });
    if (!same(now, p.exists ? encode(p.before) : undefined)) return p.file;
  }
  return todo[0].file;
}

function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
