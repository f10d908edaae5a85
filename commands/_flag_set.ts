// The flags of each command: the shared ones, and how a command's own join them, in its help's order.
import type { ParseArgsConfig } from "./_args.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export /** The flags every command takes. */
const READ_OPTIONS = {
  root: { type: "string" },
  config: { type: "string" },
  json: { type: "boolean" },
  color: { type: "string" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export /** The flags only commands that write take. */
const WRITE_OPTIONS = {
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  "no-backup": { type: "boolean" },
  date: { type: "string" },
} as const;

/** --from ENV --to ENV: the commands that take a pair of environments. */
export const PAIR_OPTIONS = { from: { type: "string" }, to: { type: "string" } } as const;

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
