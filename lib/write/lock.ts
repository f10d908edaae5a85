// One writer at a time per repository: an OS lock (flock) on ROOT/.tfsync.lock, which the kernel
// releases when the process ends however it ends (SIGKILL, a full disk), so no lock outlives its
// holder. The file names the holder for the message of whoever waits.
import { join } from "../_path.ts";
import { ConfigError, LockError } from "../errors.ts";
import { fsReason, kindOf } from "../_fs.ts";
import { WriteError } from "./files.ts";

export { LockError };

export const LOCK_FILE = ".tfsync.lock";

export interface Lock {
  release(): Promise<void>;
}

/** The locks this process holds, for a signal handler (see releaseHeldLocks). */
const held = new Set<Lock>();

/** Releases every lock this process holds: for a signal handler, after interruptWrites(). */
export async function releaseHeldLocks(): Promise<void> {
  for (const lock of [...held]) await lock.release();
}

export interface LockOptions {
  /** How long to wait for another tfsync (default 60 s). */
  waitMs?: number;
  /** Called once, when the lock is held by someone else, with who it is. */
  onWait?: (holder: string) => void;
}

/** Takes the root's lock, waiting for another tfsync to finish. Throws LockError or WriteError. */
export async function lockRoot(root: string, holder: string, o: LockOptions = {}): Promise<Lock> {
  const path = join(root, LOCK_FILE);
  const deadline = Date.now() + (o.waitMs ?? 60_000);
  let waited = false;
  for (;;) {
    let file: Deno.FsFile;
    try {
      // Opening follows a symlink: a lock "file" planted as a link must not truncate its target.
      const info = await Deno.lstat(path).catch(() => undefined);
      if (info && !info.isFile) throw new ConfigError(`${kindOf(info)}, not a regular file`);
      file = await Deno.open(path, { read: true, write: true, create: true });
    } catch (e) {
      throw new WriteError(`Cannot write the lock: ${fsReason(e)}; nothing was written`, false, {
        file: path,
      });
    }
    if (await file.tryLock(true)) {
      // A holder that finishes removes the file; a lock on a removed file locks nothing.
      const now = await Deno.stat(path).catch(() => undefined);
      if (now?.ino === (await file.stat()).ino) {
        // Naming the holder is a courtesy: a full disk must not stop the run here.
        await file.truncate(0).then(() => file.write(new TextEncoder().encode(holder + "\n")))
          .catch(() => {});
        let released: Promise<void> | undefined;
        const lock = {
          // Once, whoever asks first: the run's finally or a signal handler.
          release: () =>
            released ??= (async () => {
              await Deno.remove(path).catch(() => {});
              file.close();
              held.delete(lock);
            })(),
        };
        held.add(lock);
        return lock;
      }
      file.close();
      continue;
    }
    const who = (await Deno.readTextFile(path).catch(() => "")).trim() || "another tfsync";
    file.close();
    if (Date.now() >= deadline) {
      throw new LockError(`The repository is locked by ${who}, still running; nothing was written`);
    }
    if (!waited) o.onWait?.(who);
    waited = true;
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 75));
  }
}
