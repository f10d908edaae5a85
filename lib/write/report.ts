// A report (--output FILE) written atomically: a temp file beside it, flushed, renamed over, so
// a reader never sees half a report and a failed run leaves the previous one. Reports are not
// repository files: no .bak, no lock, anywhere the user names.
import { basename, dirname, join } from "../_path.ts";
import { ConfigError } from "../errors.ts";
import { fsReason, statIfExists } from "../_fs.ts";

/** Writes `text` to `path` atomically. `name` is how messages name the file. */
export async function writeReport(path: string, text: string, name: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${Deno.pid}.tmp`);
  try {
    const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    try {
      const data = new TextEncoder().encode(text);
      for (let n = 0; n < data.length;) n += await file.write(data.subarray(n));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (e) {
    await Deno.remove(temp).catch(() => {});
    // "not found" is the folder's: say which (a report creates no folder).
    const folder = e instanceof Deno.errors.NotFound && !(await statIfExists(dirname(path)));
    const why = folder ? `the folder "${dirname(name)}" does not exist` : fsReason(e);
    throw new ConfigError(`Cannot write the report "${name}": ${why}`);
  }
}
