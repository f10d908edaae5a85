// Undo for a sync: swap a file and its .bak, so a second swap undoes the first. Both are read as
// bytes and swapped all or none, under the repository's lock; a .bak that resolves outside the
// root is refused, never followed.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { ConfigError } from "../errors.ts";
import { readBytesIfExists, realInside } from "../_fs.ts";
import { decode } from "../hcl/encoding.ts";
import { recover, replaceAll } from "./files.ts";
import { lockRoot } from "./lock.ts";

/** A patch as git's: `git apply` takes it from the root. */
export const GIT = { headerOptions: FILE_HEADERS_ONLY };

export interface RestoreResult {
  file: string;
  backup: string;
  /** False when the file already equals its .bak (nothing written), or with dryRun. */
  restored: boolean;
  /** Unified diff from the current file to the restored one. */
  diff: string;
}

export interface RestoreOptions {
  /** The repository root: both files must resolve inside it. */
  root: string;
  dryRun?: boolean;
  display?: (path: string) => string;
  /** Who holds the lock while restoring, as another run waiting for it names it. */
  holder: string;
}

/**
 * Puts `path + ".bak"` in place of `path` and the replaced version into the .bak, together,
 * under tfsync's lock. A missing .bak is a ConfigError.
 */
export async function restoreBackup(path: string, o: RestoreOptions): Promise<RestoreResult> {
  const show = o.display ?? ((p: string) => p);
  const backup = path + ".bak";
  const names = { file: show(path), backup: show(backup) };
  const read = async () => {
    const [file, bak] = [await realInside(path, o.root), backup];
    const current = await readBytesIfExists(file, { name: names.file, root: o.root });
    const saved = await readBytesIfExists(bak, { name: names.backup, root: o.root });
    if (saved === undefined) {
      throw new ConfigError("Nothing to restore: its .bak does not exist", { file: path });
    }
    if (current === undefined) {
      throw new ConfigError("Cannot restore it: not found", { file: path });
    }
    return { file, current, saved, diff: patch(decode(current), decode(saved)) };
  };
  const patch = (a: string, b: string) =>
    a === b
      ? ""
      : createTwoFilesPatch(`a/${names.file}`, `b/${names.file}`, a, b, "current", "restored", GIT);
  const first = await read();
  if (o.dryRun || first.diff === "") return { ...names, restored: false, diff: first.diff };
  const lock = await lockRoot(o.root, o.holder);
  try {
    await recover(o.root, [path]);
    // Read again under the lock: another tfsync may have written since.
    const now = await read();
    if (now.diff === "") return { ...names, restored: false, diff: "" };
    const mode = (await Deno.stat(now.file)).mode ?? undefined;
    await replaceAll([
      { path: backup, file: names.backup, old: now.saved, bytes: now.current, mode },
      { path: now.file, file: names.file, old: now.current, bytes: now.saved, mode },
    ], { root: o.root });
    return { ...names, restored: true, diff: now.diff };
  } finally {
    await lock.release();
  }
}
