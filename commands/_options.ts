// The one place where lib's typed errors become messages and exit codes (the flags are parsed in
// _flags.ts).
import { relative } from "node:path";
import { EXIT, type Io } from "./_command.ts";
import { FORMAT_VERSION } from "../lib/report/present.ts";
import {
  ConfigError,
  type PlacedError,
  TfvarsSyntaxError,
  VerificationError,
} from "../lib/errors.ts";
import { LockError } from "../lib/write/lock.ts";

/** Bad usage: an unknown flag, a missing or malformed argument. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A path as a person should read it: relative to the working directory when inside it. */
export function displayPath(path: string, io: Io): string {
  const rel = relative(io.cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}

/** "file:line:col: message" with the file relative to the working directory. */
export function placed(e: PlacedError, io: Io): string {
  const p = e.place;
  if (!p) return e.message;
  const at = [displayPath(p.file, io), p.line, p.line && p.column].filter((x) => x).join(":");
  return `${at}: ${e.message}`;
}

/** An error as the JSON object `--format json` prints on stdout (docs/json.md). */
export function errorJson(command: string, message: string, exit: number, io: Io, e?: unknown) {
  const p = (e as PlacedError | undefined)?.place;
  const place = p && { file: displayPath(p.file, io), line: p.line, column: p.column };
  return JSON.stringify(
    { format_version: FORMAT_VERSION, error: { command, message, exit_code: exit, ...place } },
    null,
    2,
  ) + "\n";
}

/**
 * Runs a command body, turning errors into one line on stderr and an exit code:
 * 2 for usage, configuration, syntax, lock and file errors; 3 for a failed verification. With
 * --format json (io.jsonErrors) the error is also a JSON object on stdout.
 */
export async function guard(
  name: string,
  usage: string,
  io: Io,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const where = (msg: string) =>
      msg.replace(/(^|\s)(\/[^\s:]+)/g, (_, sp, p) => sp + displayPath(p, io));
    const fail = (message: string, code: number, more = "") => {
      io.stderr(`tfsync ${name}: ${message}\n${more}`);
      if (io.jsonErrors) io.stdout(errorJson(name, message, code, io, e));
      return code;
    };
    if (e instanceof UsageError) {
      void usage;
      return fail(e.message, EXIT.usage, `Run 'tfsync ${name} --help' for usage.\n`);
    }
    if (e instanceof TfvarsSyntaxError) return fail(where(e.message), EXIT.usage);
    if (e instanceof ConfigError && e.place) return fail(placed(e, io), EXIT.usage);
    if (e instanceof ConfigError || e instanceof LockError) {
      return fail(where(e.message), EXIT.usage);
    }
    if (e instanceof VerificationError) {
      return fail(
        `${where(e.message)} (a bug in tfsync: nothing was written)`,
        EXIT.verification,
      );
    }
    if (
      e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied ||
      e instanceof Deno.errors.IsADirectory
    ) {
      return fail(where((e as Error).message), EXIT.usage);
    }
    throw e;
  }
}
