// The command line of one command: its own flags plus the shared ones, parsed strictly, with
// "did you mean" for a mistyped flag, a repeated single-valued flag refused, the flags of writing
// commands refused by read-only ones, and stray positionals answered with what to type instead.
import { parseArgs, type ParseArgsConfig } from "./_args.ts";
import { ConfigError, discoverRoot, fsReason, reportWriting, resolve } from "../lib/mod.ts";
import type { Io } from "./_command.ts";
import { displayPath, UsageError } from "./_options.ts";
import { colorOf, formatOf, syncDate } from "./_flag_values.ts";
import { misplaced, once, unknownFlag } from "./_flag_errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? string[]
    : O[K] extends { type: "string" } ? string
    : boolean;
};

/** The flags every command takes. */
const READ_OPTIONS = {
  root: { type: "string" },
  config: { type: "string" },
  json: { type: "boolean" },
  color: { type: "string" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The flags only commands that write take. */
const WRITE_OPTIONS = {
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  "no-backup": { type: "boolean" },
  date: { type: "string" },
} as const;

/** --from ENV --to ENV: the commands that take a pair of environments. */
export const PAIR_OPTIONS = { from: { type: "string" }, to: { type: "string" } } as const;

export interface Common {
  root: string;
  configPath?: string;
  dryRun: boolean;
  yes: boolean;
  /** --format json or --json. */
  json: boolean;
  /** --format, or json for --json; undefined when neither is given. */
  format?: string;
  /** --output FILE, resolved. */
  output?: string;
  color: boolean;
  backup: boolean;
  date: string;
}

export interface ArgSpec {
  name: string;
  /** diff, check, explain, matrix: the writing flags are refused. */
  readOnly?: boolean;
  /** How many positionals the command takes (explain: 1); default none. */
  positionals?: number;
  /** The flags a misplaced positional most likely meant, in order (diff: --from, --to). */
  meant?: readonly string[];
  /** The values --format takes; absent: no --format. */
  formats?: readonly string[];
  /** Takes --output FILE (the reporting commands). */
  output?: boolean;
}

/**
 * Every option a command takes, in the order its help lists them: its own, --format, --output,
 * then the shared ones.
 */
export function commandOptions(options: Options, spec: Omit<ArgSpec, "name">): Options {
  return {
    ...options,
    ...(spec.formats && { format: { type: "string" } }),
    ...(spec.output && { output: { type: "string" } }),
    ...READ_OPTIONS,
    ...(spec.readOnly ? {} : WRITE_OPTIONS),
  };
}

/** commandOptions as the flags a user types (`--from`). */
export function commandFlags(options: Options, spec: Omit<ArgSpec, "name">): string[] {
  return Object.keys(commandOptions(options, spec)).map((o) => `--${o}`);
}

/**
 * Parses a command's args: its own options plus the shared ones. Sets io.root, the folder paths in
 * messages are relative to. Throws UsageError.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  io: Io,
  options: O,
  spec: ArgSpec,
) {
  const all = commandOptions(options, spec);
  let parsed;
  try {
    parsed = parseArgs({ args, options: all, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw new UsageError(unknownFlag(e as Error, all, spec, Object.keys(WRITE_OPTIONS)));
  }
  once(parsed.tokens, all);
  const positionals = parsed.positionals;
  if (positionals.length > (spec.positionals ?? 0)) misplaced(positionals, spec);
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = formatOf(
    v.format as string | undefined,
    v.json === true,
    spec.formats ?? ["text", "json"],
  );
  const common: Common = {
    root: _root(v.root as string | undefined, io),
    configPath: v.config === undefined ? undefined : resolve(io.cwd, v.config as string),
    dryRun: v["dry-run"] === true,
    yes: v.yes === true,
    json: format === "json",
    format,
    output: v.output === undefined ? undefined : resolve(io.cwd, v.output as string),
    // A report written to a file is plain text unless --color always says otherwise.
    color: colorOf(v.color as string | undefined, v["no-color"] === true, io) &&
      (v.output === undefined || v.color === "always"),
    backup: v["no-backup"] !== true,
    date: syncDate(v.date as string | undefined, io),
  };
  io.root = common.root;
  return {
    values: parsed.values as Values<O>,
    positionals,
    common,
    help: v.help === true,
  };
}

/** Prints a report: on stdout, or into the --output file. */
export async function emit(io: Io, common: Common, text: string): Promise<void> {
  if (common.output === undefined) return io.stdout(text);
  const { writeReport } = await reportWriting();
  await writeReport(common.output, text, displayPath(common.output, io));
}

/**
 * --root DIR, which must be a folder (named as typed when it is not: every other path is shown
 * relative to it), else the root found from the working directory.
 */
function _root(dir: string | undefined, io: Io): string {
  if (dir === undefined) return discoverRoot(io.cwd);
  const root = resolve(io.cwd, dir);
  try {
    if (Deno.statSync(root).isDirectory) return root;
    throw new Deno.errors.NotADirectory();
  } catch (e) {
    throw new ConfigError(`Cannot use root "${dir}": ${fsReason(e)}`);
  }
}
