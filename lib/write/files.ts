// Replacing files safely, all or none. Every new version (and every .bak) is first written in
// full to a temp file beside its destination and flushed; only then does a journal in the root
// list the renames, which follow one by one. A process killed before the journal leaves only
// temp files (removed by the next run), one killed after it is completed by the next run (the
// journal's temp files are whole), so each file is always entirely old or entirely new and the
// files of one run change together. Everything is checked before the first rename; a rename that
// fails is undone, and the error says which file is in which state when undoing fails too.
import { basename, dirname, join } from "../_path.ts";
import { ConfigError, WriteError } from "../errors.ts";
import { fsReason, kindOf, realInside, statIfExists } from "../_fs.ts";

export { WriteError } from "../errors.ts";

export interface Replacement {
  /** The destination, symlinks resolved (see realInside); a .bak's is its own path. */
  path: string;
  /** How messages name it. */
  file: string;
  /** Its bytes now; undefined when it does not exist. */
  old: Uint8Array | undefined;
  /** The bytes to write. */
  bytes: Uint8Array;
  /** Permission bits for the new file (a new .bak takes its file's). */
  mode: number | undefined;
}

export interface ReplaceOptions {
  root: string;
}

/**
 * For fault-injection tests (tests/faults/): awaited before each rename after the first, so a
 * kill or a signal can land inside the write window.
 */
export const testHooks: {
  /** Called as replaceAll starts (the test then kills at a random moment of the write). */
  beforeWrite?: () => void;
  beforeRename?: (index: number) => Promise<void>;
} = {};

/** The journal's name in the root. */
export const JOURNAL = ".tfsync-journal.json";
const TEMP = /^\..+\.tfsync-[0-9a-f]{8}\.tmp$/;

/** Temp files not yet renamed, so a signal handler can remove them (see interruptWrites). */
const pending = new Set<string>();
let renaming: Promise<unknown> | undefined;
/** A write of this process finished: an interruption now comes after it. */
let finished = false;

/**
 * Replaces every file of `reps` with its bytes, all or none (see the header). Throws WriteError.
 * The caller holds the root's lock.
 */
export async function replaceAll(reps: Replacement[], o: ReplaceOptions): Promise<void> {
  testHooks.beforeWrite?.();
  // All at once: each flush waits on the disk, and they overlap. The error names the first
  // file in order that failed, as writing them one by one would.
  const written = await Promise.allSettled(reps.map(async (r) => {
    await requireReplaceable(r, o.root);
    return await writeTemp(r.path, r.bytes, r.mode);
  }));
  const temps = written.flatMap((w) => w.status === "fulfilled" ? [w.value] : []);
  const failed = written.findIndex((w) => w.status === "rejected");
  if (failed >= 0) {
    removeTemps(temps);
    const reason = (written[failed] as PromiseRejectedResult).reason;
    throw new WriteError(`Cannot write the file: ${fsReason(reason)}; nothing was written`, false, {
      file: reps[failed].file,
    });
  }
  const journal = join(o.root, JOURNAL);
  const renames = reps.map((r, i) => [temps[i], r.path]);
  try {
    await settle(
      await writeTemp(journal, new TextEncoder().encode(JSON.stringify(renames)), 0o644),
      journal,
    );
  } catch (e) {
    removeTemps(temps);
    throw new WriteError(`Cannot write the journal: ${fsReason(e)}; nothing was written`, false, {
      file: journal,
    });
  }
  const run = (async () => {
    try {
      await renameAll(reps, temps);
      finished = true;
    } finally {
      await Deno.remove(journal).catch(() => {});
      renaming = undefined;
    }
  })();
  renaming = run;
  await run;
}

async function renameAll(reps: Replacement[], temps: string[]): Promise<void> {
  let i = 0;
  try {
    for (; i < reps.length; i++) {
      if (i > 0) await testHooks.beforeRename?.(i);
      await settle(temps[i], reps[i].path);
    }
  } catch (e) {
    removeTemps(temps.slice(i));
    throw await undo(reps.slice(0, i), `Cannot write "${reps[i].file}": ${fsReason(e)}`);
  }
}

/** Puts back the files already renamed; the error says what each is now. */
async function undo(done: Replacement[], why: string): Promise<WriteError> {
  const failed: string[] = [];
  for (const r of [...done].reverse()) {
    try {
      if (r.old === undefined) await Deno.remove(r.path);
      else await settle(await writeTemp(r.path, r.old, r.mode), r.path);
    } catch {
      failed.push(r.file);
    }
  }
  const restored = done.filter((r) => !failed.includes(r.file)).map((r) => `"${r.file}"`);
  if (failed.length === 0) {
    return new WriteError(
      `${why}; ${restored.length ? `restored ${restored.join(", ")}: ` : ""}nothing was changed`,
    );
  }
  return new WriteError(
    `${why}; could not restore ${failed.map((f) => `"${f}"`).join(", ")}, which now ` +
      `hold${failed.length === 1 ? "s" : ""} the ` +
      `new version${restored.length ? ` (restored ${restored.join(", ")})` : ""}; ` +
      `each .bak holds what was replaced`,
    true,
  );
}

/**
 * Why a new file cannot be created in its folder (`the folder "environments" does not exist`),
 * or undefined when it can. A write creates no folder: one a failed run left could not be told
 * from the user's; and the dry run, which writes nothing, refuses as the write does (verifyWith).
 * `file` is how messages name it.
 */
export async function missingFolder(path: string, file: string): Promise<string | undefined> {
  const info = await statIfExists(dirname(path));
  if (info?.isDirectory) return undefined;
  return `the folder "${dirname(file)}" ${info ? "is not a folder" : "does not exist"}`;
}

/**
 * A destination must be inside the root and, when it exists, a regular file (or a symlink);
 * when it does not, in a folder that exists.
 */
async function requireReplaceable(r: Replacement, root: string): Promise<void> {
  const path = r.path;
  await realInside(dirname(path), root);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    const missing = await missingFolder(path, r.file);
    if (missing) throw new ConfigError(missing);
    return;
  }
  if (info.isSymlink) await realInside(path, root);
  else if (!info.isFile) throw new ConfigError(`${kindOf(info)}, not a regular file`);
}

/** Writes `bytes` to a new temp file beside `path`, flushed; returns its path. */
async function writeTemp(path: string, bytes: Uint8Array, mode: number | undefined) {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.tfsync-${crypto.randomUUID().slice(0, 8)}.tmp`,
  );
  const file = await Deno.open(tmp, {
    write: true,
    createNew: true,
    mode: (mode ?? 0o644) & 0o777,
  });
  pending.add(tmp);
  try {
    for (let n = 0; n < bytes.length;) n += await file.write(bytes.subarray(n));
    await file.sync();
    if (mode !== undefined) await Deno.chmod(tmp, mode & 0o7777); // the umask may have narrowed it
  } catch (e) {
    file.close();
    removeTemps([tmp]);
    throw e;
  } finally {
    try {
      file.close();
    } catch { /* closed above */ }
  }
  return tmp;
}

/** Renames a temp file over its destination. */
async function settle(tmp: string, path: string): Promise<void> {
  await Deno.rename(tmp, path);
  pending.delete(tmp);
}

function removeTemps(temps: string[]): void {
  for (const t of temps) {
    try {
      Deno.removeSync(t);
    } catch { /* gone already */ }
    pending.delete(t);
  }
}

/**
 * Completes a write that a killed process left (its journal), and removes temp files left beside
 * `paths`. Call it holding the root's lock. Returns the files completed.
 */
export async function recover(root: string, paths: string[]): Promise<string[]> {
  const journal = join(root, JOURNAL);
  const completed: string[] = [];
  let renames: [string, string][] = [];
  try {
    const parsed = JSON.parse(await Deno.readTextFile(journal));
    renames = Array.isArray(parsed) ? parsed.filter((r) => r?.length === 2) : [];
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) await Deno.remove(journal).catch(() => {});
  }
  const inside = async (path: string) => await realInside(path, root).then(() => true, () => false);
  for (const [tmp, dest] of renames) {
    // Only temp files beside files inside the root: a journal is no way to write elsewhere.
    if (!TEMP.test(basename(tmp)) || dirname(tmp) !== dirname(dest) || !await inside(dest)) {
      continue;
    }
    try {
      await Deno.rename(tmp, dest);
      completed.push(dest);
    } catch { /* renamed before the kill */ }
  }
  if (renames.length) await Deno.remove(journal).catch(() => {});
  const dirs = [...paths, ...renames.map((r) => r[1])].map((p) => dirname(p));
  for (const dir of new Set([root, ...dirs])) {
    if (!await inside(dir)) continue;
    try {
      for await (const e of Deno.readDir(dir)) {
        if (e.isFile && TEMP.test(e.name)) await Deno.remove(join(dir, e.name)).catch(() => {});
      }
    } catch { /* an unreadable folder: the write will name it */ }
  }
  return completed;
}

/**
 * For a signal handler: removes the temp files of a write not yet renamed, or waits for the
 * renames in progress to finish (a few milliseconds). Returns what the files are now.
 */
export async function interruptWrites(): Promise<"none" | "discarded" | "completed" | "written"> {
  if (renaming) {
    await renaming.catch(() => {});
    return "completed";
  }
  const had = pending.size > 0;
  removeTemps([...pending]);
  return had ? "discarded" : finished ? "written" : "none";
}
