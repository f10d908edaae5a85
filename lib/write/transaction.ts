// Writing a plan: every edit verified first, then, under a lock, each file checked unchanged since
// it was read and written atomically; when a later write fails, the earlier files (and their
// .bak) are put back, so a run changes all of its files or none.
import { ConfigError } from "../errors.ts";
import { lockFiles, writeFileAtomic } from "./files.ts";
import { fsReason } from "../_fs.ts";
import type { FilePlan } from "../sync/sync_plan.ts";
import { verifyEdit } from "../hcl/verify.ts";

/** A write failed; the files written before it were restored. */
export class WriteError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = "WriteError";
  }
}

export interface WriteResult {
  file: string;
  path: string;
  written: boolean;
  /** The .bak written beside it, when one was. */
  backup?: string;
}

export interface CommitOptions {
  backup: boolean;
  /** Names this process in the lock files: "tfsync promote (pid 42)". */
  holder: string;
  /** Called once the files are locked and checked, right before the first write. */
  onLocked?: () => void;
  /** The writer (tests inject a failing one). */
  write?: (path: string, text: string, options: { backup?: boolean }) => Promise<boolean>;
}

/** Checks every changed file's edit with verifyEdit. Throws VerificationError. */
export async function verifyPlans(plans: FilePlan[]): Promise<void> {
  for (const p of plans) {
    if (p.after !== p.before) await verifyEdit(p.beforeDoc, p.after, p.intent);
  }
}

export function changed(plans: FilePlan[]): FilePlan[] {
  return plans.filter((p) => p.after !== p.before);
}

interface Snapshot {
  plan: FilePlan;
  /** The .bak's text before this run; undefined when there was none. */
  bak: string | undefined;
}

/** Writes the changed files in order. Throws LockError, ConfigError or WriteError. */
export async function commit(plans: FilePlan[], o: CommitOptions): Promise<WriteResult[]> {
  const write = o.write ?? writeFileAtomic;
  const todo = changed(plans);
  const results: WriteResult[] = plans.map((p) => ({ file: p.file, path: p.path, written: false }));
  if (todo.length === 0) return results;
  const lock = await lockFiles(todo.map((p) => p.path), o.holder);
  try {
    for (const p of todo) {
      if ((await readIfExists(p.path)) !== (p.exists ? p.before : undefined)) {
        throw new ConfigError(
          `"${p.file}" changed while tfsync was running: nothing was written; run the command again`,
        );
      }
    }
    o.onLocked?.();
    const done: Snapshot[] = [];
    for (const p of todo) {
      const backup = o.backup && p.exists;
      done.push({ plan: p, bak: await readIfExists(p.path + ".bak") });
      try {
        await write(p.path, p.after, { backup });
      } catch (e) {
        await rollback(done);
        const restored = done.slice(0, -1).map((s) => `"${s.plan.file}"`);
        throw new WriteError(
          `Cannot write "${p.file}": ${fsReason(e)}; ${
            restored.length ? `restored ${restored.join(", ")}: ` : ""
          }nothing was changed`,
        );
      }
      const r = results[plans.indexOf(p)];
      r.written = true;
      if (backup) r.backup = p.path + ".bak";
    }
  } finally {
    await lock.release();
  }
  return results;
}

async function rollback(done: Snapshot[]): Promise<void> {
  for (const { plan, bak } of [...done].reverse()) {
    if (plan.exists) await writeFileAtomic(plan.path, plan.before).catch(() => {});
    else await Deno.remove(plan.path).catch(() => {});
    const bakPath = plan.path + ".bak";
    if (bak === undefined) await Deno.remove(bakPath).catch(() => {});
    else await writeFileAtomic(bakPath, bak).catch(() => {});
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new ConfigError(`Cannot read "${path}": ${fsReason(e)}`);
  }
}
