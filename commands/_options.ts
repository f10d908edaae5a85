// Flags every command shares, parsed per command (strict: a flag of one command is unknown to
// another), and the one place where lib's typed errors become messages and exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { relative, resolve } from "node:path";
import { EXIT, type Io } from "./_command.ts";
import {
  ConfigError,
  type PlacedError,
  TfvarsSyntaxError,
  VerificationError,
} from "../lib/errors.ts";
import { LockError } from "../lib/write/lock.ts";
import { discoverRoot } from "../lib/repo/discover.ts";

/** Bad usage: an unknown flag, a missing or malformed argument. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const COMMON_OPTIONS = {
  root: { type: "string" },
  config: { type: "string" },
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  json: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-backup": { type: "boolean" },
  date: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const COMMON_USAGE = `Options on every command:
  --root DIR      the infrastructure repository (default: the nearest folder up from the current
                  one that holds tfsync.hcl, stopping at a .git; else the current directory)
  --config FILE   the configuration (default: ROOT/tfsync.hcl, else built-in defaults)
  --dry-run       print the unified diff of every file it would write; write nothing
  -y, --yes       do not ask for confirmation
  --json          machine-readable output on stdout
  --no-color      no colour (NO_COLOR is honoured too)
  --no-backup     do not write a .bak of a changed file
  --date DATE     YYYY-MM-DD for "Last synced"/"Date" lines (default today; SOURCE_DATE_EPOCH honoured)
  -h, --help      this help`;

export interface Common {
  root: string;
  configPath?: string;
  dryRun: boolean;
  yes: boolean;
  json: boolean;
  color: boolean;
  backup: boolean;
  date: string;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed<V> {
  values: V;
  positionals: string[];
  common: Common;
}

/** Parses a command's args: its own options plus the common ones. Throws UsageError. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  io: Io,
  options: O,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      strict: true,
      allowPositionals,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/, ""));
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const common: Common = {
    root: v.root === undefined ? discoverRoot(io.cwd) : resolve(io.cwd, v.root as string),
    configPath: v.config === undefined ? undefined : resolve(io.cwd, v.config as string),
    dryRun: v["dry-run"] === true,
    yes: v.yes === true,
    json: v.json === true,
    color: io.color && v["no-color"] !== true && io.env("NO_COLOR") === undefined,
    backup: v["no-backup"] !== true,
    date: syncDate(v.date as string | undefined, io),
  };
  return { values: parsed.values, positionals: parsed.positionals, common, help: v.help === true };
}

function syncDate(flag: string | undefined, io: Io): string {
  if (flag !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(flag);
    const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!d || d.toISOString().slice(0, 10) !== flag) {
      throw new UsageError(`invalid --date "${flag}": expected YYYY-MM-DD`);
    }
    return flag;
  }
  const epoch = io.env("SOURCE_DATE_EPOCH");
  if (epoch !== undefined) {
    if (!/^\d+$/.test(epoch)) {
      throw new UsageError(`invalid SOURCE_DATE_EPOCH "${epoch}": expected seconds`);
    }
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
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

/**
 * Runs a command body, turning errors into one line on stderr and an exit code:
 * 2 for usage, configuration, syntax, lock and file errors; 3 for a failed verification.
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
    if (e instanceof UsageError) {
      io.stderr(`tfsync ${name}: ${e.message}\nRun 'tfsync ${name} --help' for usage.\n`);
      void usage;
      return EXIT.usage;
    }
    if (e instanceof TfvarsSyntaxError) {
      io.stderr(`tfsync ${name}: ${where(e.message)}\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError && e.place) {
      io.stderr(`tfsync ${name}: ${placed(e, io)}\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError || e instanceof LockError) {
      io.stderr(`tfsync ${name}: ${where(e.message)}\n`);
      return EXIT.usage;
    }
    if (e instanceof VerificationError) {
      io.stderr(`tfsync ${name}: ${where(e.message)} (a bug in tfsync: nothing was written)\n`);
      return EXIT.verification;
    }
    if (
      e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied ||
      e instanceof Deno.errors.IsADirectory
    ) {
      io.stderr(`tfsync ${name}: ${where((e as Error).message)}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
