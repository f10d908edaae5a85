// The command line of one command: its own flags plus the shared ones, parsed strictly, with
// "did you mean" for a mistyped flag, a repeated single-valued flag refused, the flags of writing
// commands refused by read-only ones, and stray positionals answered with what to type instead.
import { parseArgs, type ParseArgsConfig, type Token } from "./_args.ts";
import { resolve } from "../lib/_path.ts";
import type { Io } from "./_command.ts";
import { displayPath, UsageError } from "./_options.ts";
import { didYouMean } from "../lib/suggest.ts";
import { colorOf, formatOf, misplaced, syncDate } from "./_flag_values.ts";
import { writeReport } from "../lib/write/report.ts";
import { discoverRoot } from "../lib/repo/discover.ts";
import { ConfigError } from "../lib/errors.ts";
import { fsReason } from "../lib/_fs.ts";

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
 * Parses a command's args: its own options plus the shared ones. Sets io.root, the folder paths in
 * messages are relative to. Throws UsageError.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  io: Io,
  options: O,
  spec: ArgSpec,
) {
  const all: Options = {
    ...READ_OPTIONS,
    ...(spec.readOnly ? {} : WRITE_OPTIONS),
    ...(spec.formats && { format: { type: "string" } }),
    ...(spec.output && { output: { type: "string" } }),
    ...options,
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options: all, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw new UsageError(_unknown((e as Error).message, all, spec));
  }
  _once(parsed.tokens, all);
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

function _unknown(message: string, all: Options, spec: ArgSpec): string {
  const flag = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
  if (flag === undefined) return message.replace(/\. To specify a positional.*$/, "");
  const name = flag.replace(/^--?/, "").replace(/=.*$/, "");
  if ((spec.readOnly && name in WRITE_OPTIONS) || flag === "-y") {
    return `"${flag}" is for commands that write: ${spec.name} only reads`;
  }
  const near = didYouMean(name, Object.keys(all));
  return `Unknown option "${flag}"${near.replace(/"([^"]+)"/, '"--$1"')}`;
}

/** A single-valued flag given twice is refused: silently keeping the last hides a mistake. */
function _once(tokens: Token[] | undefined, all: Options): void {
  const seen = new Map<string, string | undefined>();
  for (const t of tokens ?? []) {
    if (t.kind !== "option" || all[t.name]?.multiple || all[t.name]?.type !== "string") continue;
    if (seen.has(t.name)) {
      throw new UsageError(
        `"--${t.name}" given twice ("${seen.get(t.name)}", then "${t.value}"): give it once`,
      );
    }
    seen.set(t.name, t.value);
  }
}
