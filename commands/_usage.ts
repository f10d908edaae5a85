// The help text of the shared flags, in one wording for every command.

const READ_LINES =
  `  --root DIR      the infrastructure repository (default: the nearest folder up from the current
                  one that holds tfsync.hcl, stopping at a .git; else the current directory)
  --config FILE   the configuration (default: ROOT/tfsync.hcl, else built-in defaults)
  --json          machine-readable output on stdout (the same as --format json)
  --color WHEN    auto (default: on a terminal, unless NO_COLOR is non-empty), always or never
  --no-color      the same as --color never
  -h, --help      this help`;

/** The shared options of a read-only command, for its help. */
export const READ_USAGE = `Options on every command:\n${READ_LINES}`;

/** The shared options of a command that writes, for its help. */
export const COMMON_USAGE = `Options on every command:
${READ_LINES}
Options on every command that writes:
  --dry-run       print the unified diff of every file it would write; write nothing
  -y, --yes       do not ask for confirmation
  --no-backup     do not write a .bak of a changed file
  --date DATE     YYYY-MM-DD for "Last synced"/"Date" lines (default today; SOURCE_DATE_EPOCH honoured)`;

/** The --format line of a command's help. */
export function formatUsage(formats: readonly string[], detail = ""): string {
  return `  --format FORMAT  ${formats.join(", ")} (default ${formats[0]})${detail}`;
}

/** The --output line of a reporting command's help. */
export const OUTPUT_USAGE =
  "  --output FILE    write the report to FILE (atomically) instead of stdout";
