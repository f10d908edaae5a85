// Undo for one environment: swap each of its own var files with its .bak, so a second swap undoes
// the first. Every file is read as bytes and the pairs are swapped all or none, with the run's
// record (last_run.ts), under the repository's lock; a .bak that resolves outside the root is
// refused, never followed.
import { ConfigError } from "../errors.ts";
import { readBytesIfExists, realInside } from "../_fs.ts";
import { decode } from "../hcl/encoding.ts";
import { gitPatch } from "./_patch.ts";
import { recover, replaceAll, type Replacement } from "./files.ts";
import {
  jsonReplacement,
  lastRunPaths,
  lastRunReplacement,
  refuseUnconfirmed,
} from "./last_run.ts";
import { PREVIOUS_RECORD, withoutSynced } from "../sync/record.ts";
import { lockRoot } from "./lock.ts";

export interface RestoreResult {
  file: string;
  backup: string;
  /** False when the file already equals its .bak (nothing written), or with dryRun. */
  restored: boolean;
  /** Unified diff from the current file to the restored one. */
  diff: string;
}

export interface RestoreOptions {
  /** The repository root: every file must resolve inside it. */
  root: string;
  dryRun?: boolean;
  display?: (path: string) => string;
  /** Who holds the lock while restoring, as another run waiting for it names it. */
  holder: string;
  /** The run as the record names it ("restore --env prod"): a whole-run restore undoes it. */
  command: string;
  /** The environment restored and the shared file: it is no longer synced to the shared file. */
  unsync?: { env: string; shared: string };
  /** The patches a person confirmed (last_run.ts's refuseUnconfirmed). */
  confirmed?: readonly string[];
}

interface Pair {
  path: string;
  /** `path` with symlinks resolved: what is written. */
  real: string;
  backup: string;
  names: { file: string; backup: string };
  current: Uint8Array | undefined;
  saved: Uint8Array | undefined;
}

/**
 * Puts `path + ".bak"` in place of `path` and the replaced version into the .bak, for each of
 * `paths` (an environment's own files, in -var-file order) that has a .bak: those the last run
 * changed when it changed any of them (an older .bak of another file is not that run's), else
 * all. Together, under tfsync's lock. No .bak at all is a ConfigError.
 */
export async function restoreBackups(
  paths: readonly string[],
  o: RestoreOptions,
): Promise<RestoreResult[]> {
  const first = await plan(paths, o);
  if (o.dryRun || first.every((p) => p.diff === "")) return first.map(result(false));
  const lock = await lockRoot(o.root, o.holder);
  try {
    await recover(o.root, first.flatMap((p) => [p.path, p.real]));
    // Read again under the lock: another tfsync may have written since.
    const now = await plan(paths, o);
    refuseUnconfirmed(now.map((p) => ({ file: p.names.file, diff: p.diff })), o.confirmed);
    const todo = now.filter((p) => p.diff !== "");
    const reps: Replacement[] = [];
    for (const p of todo) {
      const mode = (await Deno.stat(p.real)).mode ?? undefined;
      reps.push(
        { path: p.backup, file: p.names.backup, old: p.saved, bytes: p.current!, mode },
        { path: p.real, file: p.names.file, old: p.current, bytes: p.saved!, mode },
      );
    }
    if (todo.length) {
      // This is the last writing run now: a whole-run restore must undo it, not the run before,
      // whose files it left as they were before that run or swapped back.
      const files = todo.map((p) => ({ path: p.path, exists: true }));
      reps.push(await lastRunReplacement(o.root, o.command, true, files));
      // Its files are as they were before a sync: the shared file's previous text is its record.
      const kept = o.unsync && await withoutSynced(o.root, o.unsync.shared, o.unsync.env);
      if (kept) reps.push(await jsonReplacement(o.root, PREVIOUS_RECORD, kept));
      await replaceAll(reps, { root: o.root });
    }
    return now.map(result(true));
  } finally {
    await lock.release();
  }
}

const result = (written: boolean) => (p: Pair & { diff: string }): RestoreResult => ({
  ...p.names,
  restored: written && p.diff !== "",
  diff: p.diff,
});

/** The pairs to swap, each with its patch ("" when the file equals its .bak). */
async function plan(paths: readonly string[], o: RestoreOptions) {
  const show = o.display ?? ((p: string) => p);
  const pairs: Pair[] = [];
  for (const path of paths) {
    const backup = path + ".bak";
    const names = { file: show(path), backup: show(backup) };
    const real = await realInside(path, o.root);
    const current = await readBytesIfExists(real, { name: names.file, root: o.root });
    const saved = await readBytesIfExists(backup, { name: names.backup, root: o.root });
    pairs.push({ path, real, backup, names, current, saved });
  }
  const saved = pairs.filter((p) => p.saved !== undefined);
  if (saved.length === 0) {
    if (paths.length === 1) {
      throw new ConfigError("Nothing to restore: its .bak does not exist", { file: paths[0] });
    }
    const names = pairs.map((p) => p.names.file).join(", ");
    // Placed at the environment's last own file, where a sync writes its new values.
    throw new ConfigError(`Nothing to restore: none of ${names} has a .bak`, {
      file: paths[paths.length - 1],
    });
  }
  const changed = new Set(await lastRunPaths(o.root));
  const ran = saved.filter((p) => changed.has(p.path));
  const chosen = ran.length ? ran : saved;
  return chosen.map((p) => {
    if (p.current === undefined) {
      throw new ConfigError("Cannot restore it: not found", { file: p.path });
    }
    const [a, b] = [decode(p.current), decode(p.saved!)];
    return { ...p, diff: a === b ? "" : gitPatch(p.names.file, a, b) };
  });
}
