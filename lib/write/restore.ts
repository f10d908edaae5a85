// Undo for a sync: swap a file and its .bak, so a second swap undoes the first.
import { createTwoFilesPatch } from "diff";
import { ConfigError } from "../errors.ts";
import { lockFiles, writeFileAtomic } from "./files.ts";
import { fsReason } from "../_fs.ts";

export interface RestoreResult {
  file: string;
  backup: string;
  /** False when the file already equals its .bak (nothing written), or with dryRun. */
  restored: boolean;
  /** Unified diff from the current file to the restored one. */
  diff: string;
}

export interface RestoreOptions {
  dryRun?: boolean;
  display?: (path: string) => string;
}

/**
 * Puts `path + ".bak"` in place of `path` and the replaced text into the .bak, both atomically,
 * under tfsync's lock. A missing .bak is a ConfigError. If the second write fails, the first is
 * undone.
 */
export async function restoreBackup(
  path: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const show = options.display ?? ((p: string) => p);
  const backup = path + ".bak";
  const names = { file: show(path), backup: show(backup) };
  const read = (p: string) =>
    Deno.readTextFile(p).catch((e) => {
      if (e instanceof Deno.errors.NotFound && p === backup) {
        throw new ConfigError(`Nothing to restore: ${names.backup} does not exist`);
      }
      throw new ConfigError(`Cannot read "${show(p)}": ${fsReason(e)}`);
    });
  const [current, saved] = [await read(path), await read(backup)];
  const diff = current === saved
    ? ""
    : createTwoFilesPatch(names.file, names.file, current, saved, "current", "restored");
  if (options.dryRun || current === saved) return { ...names, restored: false, diff };
  const lock = await lockFiles([path, backup], `tfsync restore (pid ${Deno.pid})`);
  try {
    // Re-read under the lock: another tfsync may have written since.
    const [now, bak] = [await read(path), await read(backup)];
    await writeFileAtomic(path, bak);
    try {
      await writeFileAtomic(backup, now);
    } catch (e) {
      await writeFileAtomic(path, now);
      throw e;
    }
    const changed = now === current && bak === saved
      ? diff
      : createTwoFilesPatch(names.file, names.file, now, bak, "current", "restored");
    return { ...names, restored: now !== bak, diff: changed };
  } finally {
    await lock.release();
  }
}
