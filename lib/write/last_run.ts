// The record of the last writing run, so `tfsync restore` can undo it whole: one small file in the
// root (.tfsync-last-run.json) naming the files the run changed and whether each existed before
// (its previous version is then its .bak) or was created (restore removes it). It is written
// with the run's files, all or none; restore writes it too, so a second restore undoes the first.
import { join, relative } from "../_path.ts";
import { gitPatch } from "./_patch.ts";
import { ConfigError } from "../errors.ts";
import { option } from "../words.ts";
import { readBytesIfExists, realInside } from "../_fs.ts";
import { decode } from "../hcl/encoding.ts";
import { recover, replaceAll, type Replacement } from "./files.ts";
import { lockRoot } from "./lock.ts";

/** The record's name in the root. */
export const LAST_RUN = ".tfsync-last-run.json";

/**
 * What the last run did to one file: "replaced" (its previous version is its .bak), "created"
 * (it did not exist), "removed" (a restore removed a created file; its .bak holds it).
 */
export interface RunFile {
  /** Relative to the root, as configured. */
  path: string;
  state: "replaced" | "created" | "removed";
}

export interface LastRun {
  command: string;
  /** False when the run kept no .bak (--no-backup): it cannot be restored. */
  backup: boolean;
  files: RunFile[];
}

/** The record's replacement for a run that writes `files` (`exists`: the file was there). */
export function lastRunReplacement(
  root: string,
  command: string,
  backup: boolean,
  files: Array<{ path: string; exists: boolean }>,
): Promise<Replacement> {
  const run: LastRun = {
    command,
    backup,
    files: files.map((f) => ({
      path: relative(root, f.path),
      state: f.exists ? "replaced" : "created",
    })),
  };
  return recordReplacement(root, run);
}

function recordReplacement(root: string, run: LastRun): Promise<Replacement> {
  return jsonReplacement(root, LAST_RUN, run);
}

/** The replacement of one of tfsync's small JSON records in the root. */
export async function jsonReplacement(
  root: string,
  name: string,
  value: unknown,
): Promise<Replacement> {
  const path = join(root, name);
  return {
    path,
    file: name,
    old: await readBytesIfExists(path, { name, root }),
    bytes: new TextEncoder().encode(JSON.stringify(value, null, 2) + "\n"),
    mode: 0o644,
  };
}

/** One file a whole-run restore changes. */
export interface RestoredFile {
  file: string;
  /** After the restore: "present" (the .bak put back) or "removed" (a created file). */
  becomes: "present" | "removed";
  /** Unified diff from the file now to the file restored. */
  diff: string;
}

export interface RunRestore {
  /** The command whose run is undone. */
  command: string;
  files: RestoredFile[];
}

interface Step {
  entry: RunFile;
  /** The file as the record names it, in the root: its .bak is beside it, as the run wrote it. */
  path: string;
  /** `path` with symlinks resolved: what is written. */
  real: string;
  name: string;
  current: Uint8Array | undefined;
  saved: Uint8Array | undefined;
}

/**
 * Undoes the last writing run: every file it replaced gets its .bak back (the replaced version
 * becoming the .bak), every file it created is removed (kept as its .bak), and the record says
 * so, so running it again redoes the run. Throws ConfigError when there is nothing to restore.
 */
export async function restoreLastRun(
  root: string,
  o: {
    dryRun?: boolean;
    display?: (path: string) => string;
    holder: string;
    /** The patches a person confirmed: a file that reads otherwise under the lock is refused. */
    confirmed?: readonly string[];
  },
): Promise<RunRestore> {
  const show = o.display ?? ((p: string) => p);
  const first = await plan(root, show);
  if (o.dryRun) return first.result;
  const lock = await lockRoot(root, o.holder);
  try {
    await recover(root, first.steps.flatMap((s) => [s.path, s.real]));
    // Read again under the lock: another tfsync may have written since.
    const { steps, run, result } = await plan(root, show);
    refuseUnconfirmed(result.files, o.confirmed);
    const reps: Replacement[] = [];
    const removals: string[] = [];
    for (const s of steps) {
      const bak = s.path + ".bak";
      const mode = s.current ? (await Deno.stat(s.real)).mode ?? undefined : undefined;
      if (s.current) {
        reps.push({ path: bak, file: s.name + ".bak", old: s.saved, bytes: s.current, mode });
      }
      if (s.entry.state === "created") {
        if (s.current) removals.push(s.real);
      } else reps.push({ path: s.real, file: s.name, old: s.current, bytes: s.saved!, mode });
    }
    const next: LastRun = {
      ...run,
      command: `restore of ${run.command}`.replace(/^restore of restore of /, ""),
      files: steps.map((s) => ({
        path: s.entry.path,
        state: s.entry.state === "replaced"
          ? "replaced"
          : s.entry.state === "created"
          ? "removed"
          : "created",
      })),
    };
    reps.push(await recordReplacement(root, next));
    await replaceAll(reps, { root });
    // The content of a removed file is in its .bak already (written above).
    for (const path of removals) await Deno.remove(path).catch(() => {});
    return result;
  } finally {
    await lock.release();
  }
}

async function plan(root: string, show: (path: string) => string) {
  const recordPath = join(root, LAST_RUN);
  const text = await readBytesIfExists(recordPath, { name: LAST_RUN, root });
  if (text === undefined) {
    throw new ConfigError([
      `Nothing to restore: no writing run is recorded (${LAST_RUN} does not exist); ` +
      `name one environment with `,
      option("env"),
      " ENV to put its .bak back",
    ]);
  }
  const run = parseRecord(decode(text));
  if (!run.backup) {
    throw new ConfigError([
      `Nothing to restore: the last run (tfsync ${run.command}) kept no .bak (`,
      option("no-backup"),
      ")",
    ]);
  }
  const steps: Step[] = [];
  const files: RestoredFile[] = [];
  for (const entry of run.files) {
    const path = join(root, entry.path);
    const name = show(path);
    const real = await realInside(path, root);
    const current = await readBytesIfExists(real, { name, root });
    // Beside the file as named, not its symlink's target: where the run (transaction.ts) wrote it.
    const saved = await readBytesIfExists(path + ".bak", { name: name + ".bak", root });
    if (entry.state !== "created" && saved === undefined) {
      throw new ConfigError("Nothing to restore: its .bak does not exist", { file: path });
    }
    if (entry.state === "replaced" && current === undefined) {
      throw new ConfigError("Cannot restore it: not found", { file: path });
    }
    const before = current ? decode(current) : "";
    const after = entry.state === "created" ? "" : decode(saved!);
    files.push({
      file: name,
      becomes: entry.state === "created" ? "removed" : "present",
      diff: before === after && entry.state === "replaced"
        ? ""
        // A file the run created goes away.
        : gitPatch(name, before, after, entry.state === "created"),
    });
    steps.push({ entry, path, real, name, current, saved });
  }
  return { steps, run, result: { command: run.command, files } };
}

/**
 * The files the last run replaced (absolute), for restore --env; none when no run is recorded or
 * the record is unreadable (restore --env needs only the .bak files).
 */
export async function lastRunPaths(root: string): Promise<string[]> {
  const text = await readBytesIfExists(join(root, LAST_RUN), { name: LAST_RUN, root })
    .catch(() => undefined);
  if (text === undefined) return [];
  try {
    const run = parseRecord(decode(text));
    return run.files.filter((f) => f.state === "replaced").map((f) => join(root, f.path));
  } catch {
    return [];
  }
}

function parseRecord(text: string): LastRun {
  const bad = () =>
    new ConfigError(`Cannot restore: ${LAST_RUN} is not a record tfsync wrote; remove it`);
  let run: LastRun;
  try {
    run = JSON.parse(text);
  } catch {
    throw bad();
  }
  const states = ["replaced", "created", "removed"];
  if (
    typeof run?.command !== "string" || typeof run.backup !== "boolean" ||
    !Array.isArray(run.files) ||
    !run.files.every((f) => typeof f?.path === "string" && states.includes(f.state))
  ) throw bad();
  return run;
}

/**
 * What a person confirmed is what gets written: a file whose patch is no longer the one shown
 * (another tfsync wrote it meanwhile) stops the restore, as a changed file stops a sync.
 */
export function refuseUnconfirmed(
  now: ReadonlyArray<{ diff: string; file: string }>,
  confirmed: readonly string[] | undefined,
): void {
  if (!confirmed) return;
  const shown = now.filter((f) => f.diff !== "");
  const changed = shown.find((f, i) => f.diff !== confirmed[i]) ??
    (shown.length !== confirmed.length ? now[0] : undefined);
  if (changed) {
    throw new ConfigError(
      `"${changed.file}" changed while tfsync was running: nothing was written; run the command again`,
    );
  }
}
