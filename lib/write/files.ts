// Writing files safely: atomically (temp file in the same folder, flushed, renamed over), with
// the original's permission bits, through symlinks to their targets, with an optional .bak, and
// never when the text is unchanged. A lock file keeps two tfsync processes from losing an update.
import { basename, dirname, join } from "node:path";

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockError";
  }
}

export interface WriteOptions {
  /** Also write `<path>.bak` holding the original text. */
  backup?: boolean;
}

/** Writes `text` to `path` atomically. Returns false (and writes nothing) when the text is unchanged. */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: WriteOptions = {},
): Promise<boolean> {
  const target = await resolveTarget(path);
  let original: string | undefined;
  let mode: number | null = null;
  try {
    original = await Deno.readTextFile(target);
    mode = (await Deno.stat(target)).mode;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (original === text) return false;
  if (options.backup && original !== undefined) await replaceFile(path + ".bak", original, mode);
  await replaceFile(target, text, mode);
  return true;
}

/** The file a path names, following symlinks (a new file: the path itself). */
export async function resolveTarget(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return path;
    throw e;
  }
}

async function replaceFile(path: string, text: string, mode: number | null): Promise<void> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.tfsync-${crypto.randomUUID().slice(0, 8)}.tmp`,
  );
  const file = await Deno.open(tmp, {
    write: true,
    createNew: true,
    mode: (mode ?? 0o644) & 0o777,
  });
  try {
    const data = new TextEncoder().encode(text);
    let written = 0;
    while (written < data.length) written += await file.write(data.subarray(written));
    await file.sync();
  } catch (e) {
    file.close();
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  file.close();
  if (mode !== null) await Deno.chmod(tmp, mode & 0o7777).catch(() => {}); // umask may have narrowed it
  try {
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes `<file>.tfsync.lock` beside each file's target, waiting up to `waitMs` for another
 * tfsync to finish. Throws LockError naming the holder when the wait runs out.
 */
export async function lockFiles(paths: string[], holder: string, waitMs = 2000): Promise<Lock> {
  const taken: string[] = [];
  const release = async () => {
    for (const l of taken.reverse()) await Deno.remove(l).catch(() => {});
  };
  const targets = [...new Set(await Promise.all(paths.map(resolveTarget)))].sort();
  try {
    for (const target of targets) {
      const lock = target + ".tfsync.lock";
      const deadline = Date.now() + waitMs;
      for (;;) {
        try {
          await Deno.writeTextFile(lock, `${holder}\n`, { createNew: true });
          taken.push(lock);
          break;
        } catch (e) {
          if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
          if (Date.now() >= deadline) {
            const who = (await Deno.readTextFile(lock).catch(() => "")).trim() || "unknown";
            throw new LockError(
              `${target} is locked by another tfsync (${who}); if none is running, remove ${lock}`,
            );
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { release };
}
