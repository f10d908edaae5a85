// The command line of one command: its own flags plus the shared ones, parsed strictly, with
// "did you mean" for a mistyped flag, a repeated single-valued flag refused, the flags of writing
// commands refused by read-only ones, and stray positionals answered with what to type instead.
import { parseArgs, type ParseArgsConfig } from "./_args.ts";
import { ConfigError, discoverRoot, fsReason, reportWriting, resolve } from "../lib/mod.ts";
import type { Io } from "./_command.ts";
import { displayPath, UsageError } from "./_options.ts";
import { colorOf, formatOf, syncDate } from "./_flag_values.ts";
import { misplaced, once, unknownFlag } from "./_flag_errors.ts";
import { type ArgSpec, commandOptions, WRITE_OPTIONS } from "./_flag_set.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? string[]
    : O[K] extends { type: "string" } ? string
    : boolean;
};

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
