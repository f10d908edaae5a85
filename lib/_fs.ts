// File system helpers shared by the loaders of lib/: the one way tfsync reads a file (a regular
// file, at most MAX_INPUT_BYTES, inside the root, decoded byte for byte) and short reasons.
import { dirname, isAbsolute, join, relative } from "./_path.ts";
import { ConfigError } from "./errors.ts";
import { decode } from "./hcl/encoding.ts";

/** The largest file tfsync reads: a var file is kilobytes; this keeps /dev/zero-like input out. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** A short reason for a file system error: "not found", "permission denied", "is a directory". */
export function fsReason(e: unknown): string {
  if (e instanceof Deno.errors.NotFound) return "not found";
  if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  if (e instanceof Deno.errors.IsADirectory) return "is a directory";
  if (e instanceof Deno.errors.NotADirectory) return "not a directory";
  const code = (e as { code?: string }).code;
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EDQUOT") return "disk quota exceeded";
  if (code === "EROFS") return "read-only file system";
  if (e instanceof ConfigError) return e.message;
  return e instanceof Error ? e.message.replace(/ \(os error \d+\).*$/, "") : String(e);
}

// The file system calls below are synchronous behind their promises: a command waits for each
// anyway, and an async call costs a round trip to a worker thread, which was a tenth of a check
// of 50 environments.

/** `f()` as a promise: its value, or what it throws as the rejection (as an async function). */
function settle<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Stat that follows symlinks; undefined when the path does not exist. */
export function statIfExists(path: string): Promise<Deno.FileInfo | undefined> {
  return settle(() => {
    try {
      return Deno.statSync(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) {
        return undefined;
      }
      throw e;
    }
  });
}

/** What a path is, for "… is a FIFO, not a regular file". */
export function kindOf(info: Deno.FileInfo): string {
  if (info.isSymlink) return "a symlink";
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice || info.isBlockDevice) return "a device";
  return info.isFile ? "a regular file" : "not a regular file";
}

/** Throws ConfigError (no place) unless `info` is a regular file of at most MAX_INPUT_BYTES. */
function requireRegular(info: Deno.FileInfo): void {
  if (!info.isFile) throw new ConfigError(`${kindOf(info)}, not a regular file`);
  if (info.size > MAX_INPUT_BYTES) {
    throw new ConfigError(`${info.size} bytes: larger than tfsync's limit of 64 MiB`);
  }
}

/**
 * The real path of `path` (symlinks resolved; for a path that does not exist yet, its deepest
 * existing folder's), checked to be inside `root` (itself resolved). Throws ConfigError.
 */
export function realInside(path: string, root: string): Promise<string> {
  return settle(() => _realInside(path, root));
}

function _realInside(path: string, root: string): string {
  const realRoot = Deno.realPathSync(root);
  let real: string;
  let rest = "";
  for (let p = path;;) {
    try {
      real = join(Deno.realPathSync(p), rest);
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound) || dirname(p) === p) throw e;
      rest = join(relative(dirname(p), p), rest);
      p = dirname(p);
    }
  }
  const rel = relative(realRoot, real);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    const where = real === path ? "it is" : `it resolves to ${real},`;
    throw new ConfigError(`${where} outside the repository root`, { file: path });
  }
  return real;
}

export interface ReadOptions {
  /** How an error names the file, as its place (default: the path). */
  name?: string;
  /** Refuse the file unless it resolves inside this folder. */
  root?: string;
}

/**
 * Reads a regular file as text, byte for byte (see hcl/encoding.ts); undefined when it does not
 * exist. A directory, device, FIFO or socket, a file over the size limit, a path outside the root
 * or an unreadable file is a ConfigError naming it.
 */
export async function readTextIfExists(
  path: string,
  options: ReadOptions = {},
): Promise<string | undefined> {
  const bytes = await readBytesIfExists(path, options);
  return bytes && decode(bytes);
}

/** As readTextIfExists, the bytes. */
export function readBytesIfExists(
  path: string,
  options: ReadOptions = {},
): Promise<Uint8Array | undefined> {
  return settle(() => _readBytes(path, options));
}

function _readBytes(path: string, options: ReadOptions): Uint8Array | undefined {
  const name = options.name ?? path;
  try {
    if (options.root !== undefined) _realInside(path, options.root);
    // stat before open: opening a FIFO would wait for a writer.
    requireRegular(Deno.statSync(path));
    using file = Deno.openSync(path, { read: true });
    const info = file.statSync(); // the file opened, in case the path changed since
    requireRegular(info);
    return readAll(file, info.size);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new ConfigError(`Cannot read the file: ${fsReason(e)}`, { file: name });
  }
}

/**
 * The file's bytes, read into one buffer of the size stat gave and one byte more, to see the end
 * (a file that grew since gets a larger buffer). A 1 MiB chunk per read made reading the 50 files
 * of a check mostly allocating and collecting memory.
 */
function readAll(file: Deno.FsFile, size: number): Uint8Array {
  let buffer = new Uint8Array(Math.min(size, MAX_INPUT_BYTES) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const larger = new Uint8Array(Math.min(2 * buffer.length, MAX_INPUT_BYTES + 1));
      larger.set(buffer);
      buffer = larger;
    }
    const n = file.readSync(buffer.subarray(length));
    if (n === null) break;
    length += n;
    if (length > MAX_INPUT_BYTES) throw new ConfigError("larger than tfsync's limit of 64 MiB");
  }
  return buffer.subarray(0, length);
}
