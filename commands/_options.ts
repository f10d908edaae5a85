// The one place where lib's typed errors become messages and exit codes (the flags are parsed in
// _flags.ts).
import {
  FORMAT_VERSION,
  isAbsolute,
  LockError,
  PlacedError,
  relative,
  VerificationError,
  WriteError,
} from "../lib/mod.ts";
import type { Text } from "../lib/words.ts";
import { EXIT, type Io } from "./_command.ts";
import { type Spelling, TFSYNC_WORDS, words } from "../render/words.ts";

/** How this run's messages name commands and options: make's words through make. */
export function spellingOf(io: Io): Spelling {
  return io.spelling ?? TFSYNC_WORDS;
}

/** Bad usage: an unknown flag, a missing or malformed argument. Exit 2. */
export class UsageError extends Error {
  /** The message with its commands and options as data, spelled when it is printed. */
  readonly text: Text;
  constructor(message: Text) {
    super(words(message, TFSYNC_WORDS));
    this.name = "UsageError";
    this.text = message;
  }
}

/** The value of a required option. Throws UsageError. */
export function requireOption(value: unknown, flag: string): string {
  if (typeof value !== "string" || value === "") {
    throw new UsageError(`Missing ${flag} ENV`);
  }
  return value;
}

/**
 * A path as a person should read it: inside the repository, relative to its root (so a patch
 * applies from the root wherever tfsync ran); outside it (--output ../report.md), relative to the
 * working directory when inside that, else absolute.
 */
export function displayPath(path: string, io: Io): string {
  for (const base of io.root === undefined ? [io.cwd] : [io.root, io.cwd]) {
    if (base === "/") continue; // relative to the filesystem's root is no shorter, only vaguer
    const rel = relative(base, path);
    if (!_outside(rel)) return rel === "" ? "." : rel;
  }
  return path;
}

/** A relative path that leaves its base ("..", "../x", or another drive's absolute path). */
const _outside = (rel: string) => /^\.\.($|[\\/])/.test(rel) || isAbsolute(rel);

/** A place's file as a person should read it (displayPath). */
function showFile(file: string, io: Io): string {
  // lib names a file by a relative path only when it has already made it readable.
  return isAbsolute(file) ? displayPath(file, io) : file;
}

/**
 * An error as people and scripts read it: `tfsync COMMAND: message` on stderr (then `more`), and
 * with --format json (io.jsonErrors) its JSON object on stdout. `command` is null before one is
 * known (an unknown command, a bad -C). Returns the exit code.
 */
export function reportError(
  command: string | null,
  message: string,
  exit: number,
  io: Io,
  o: { fields?: object; more?: string } = {},
): number {
  io.stderr(`tfsync${command === null ? "" : " " + command}: ${message}\n${o.more ?? ""}`);
  if (io.jsonErrors) io.stdout(errorJson(command, exit, o.fields ?? { message }));
  return exit;
}

/** An error as the JSON object `--format json` prints on stdout (docs/json.md). */
function errorJson(command: string | null, exit: number, fields: object): string {
  return JSON.stringify(
    { format_version: FORMAT_VERSION, error: { command, ...fields, exit_code: exit } },
    null,
    2,
  ) + "\n";
}

/**
 * Runs a command body, turning errors into one line on stderr and an exit code:
 * 2 for usage, configuration, syntax, lock and file errors; 3 for a failed verification; 4 for a
 * write that failed and could not be undone (files left changed). With
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
    // How a placed error reads (render/error.ts) is loaded with one, never on a run without.
    const show = (f: string) => showFile(f, io);
    const spelling = spellingOf(io);
    const render = e instanceof PlacedError ? await import("../render/error.ts") : undefined;
    const fields = render && render.errorFields(e as PlacedError, show, spelling);
    const fail = (message: string, code: number, more = "") =>
      reportError(name, message, code, io, { more, ...(fields && { fields }) });
    if (e instanceof UsageError) {
      void usage;
      // Help is tfsync's own: its usage names tfsync's flags, whoever runs it.
      return fail(words(e.text, spelling), EXIT.usage, `Run 'tfsync ${name} --help' for usage.\n`);
    }
    if (e instanceof PlacedError) {
      // On a terminal the source line and a caret follow the one line.
      const text = render!.errorText(e, show, io.stderrTerminal === true, spelling);
      if (e instanceof VerificationError) {
        return fail(`${text} (a bug in tfsync: nothing was written)`, EXIT.verification);
      }
      return fail(text, e instanceof WriteError && e.partial ? EXIT.partial : EXIT.usage);
    }
    if (
      e instanceof LockError || e instanceof Deno.errors.NotFound ||
      e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.IsADirectory
    ) {
      return fail((e as Error).message, EXIT.usage);
    }
    throw e;
  }
}
