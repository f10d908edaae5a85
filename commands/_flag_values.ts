// The shared flags' values that need more than a lookup (--format, --color, --date).
import type { Io } from "./_command.ts";
import { UsageError } from "./_options.ts";

/** --format (or --json), checked against the command's formats; undefined when neither is given. */
export function formatOf(
  flag: string | undefined,
  json: boolean,
  formats: readonly string[],
): string | undefined {
  if (json && flag !== undefined && flag !== "json") {
    throw new UsageError(`"--json" and "--format ${flag}" disagree: use one of them`);
  }
  const format = flag ?? (json ? "json" : undefined);
  if (format !== undefined && !formats.includes(format)) {
    throw new UsageError(`Unknown format "${format}": expected ${formats.join(", ")}`);
  }
  return format;
}

/** Whether to colour: --color auto (a terminal, no NO_COLOR), always or never. */
export function colorOf(flag: string | undefined, noColor: boolean, io: Io): boolean {
  if (flag !== undefined && !["auto", "always", "never"].includes(flag)) {
    throw new UsageError(`Unknown --color "${flag}": expected auto, always or never`);
  }
  if (noColor || flag === "never") return false;
  if (flag === "always") return true;
  return io.color && !io.env("NO_COLOR"); // an empty NO_COLOR is unset (no-color.org)
}

/** The date for "Last synced"/"Date" lines: --date, else SOURCE_DATE_EPOCH, else today. */
export function syncDate(flag: string | undefined, io: Io): string {
  if (flag !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(flag);
    const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!d || d.toISOString().slice(0, 10) !== flag) {
      throw new UsageError(`Invalid --date "${flag}": expected YYYY-MM-DD`);
    }
    return flag;
  }
  const epoch = sourceDateEpoch(io);
  if (epoch) return epoch.toISOString().slice(0, 10);
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** SOURCE_DATE_EPOCH (reproducible builds' "now"), when it is set; a value not in seconds is refused. */
export function sourceDateEpoch(io: Io): Date | undefined {
  const epoch = io.env("SOURCE_DATE_EPOCH");
  if (epoch === undefined) return undefined;
  if (!/^\d+$/.test(epoch)) {
    throw new UsageError(`Invalid SOURCE_DATE_EPOCH "${epoch}": expected seconds`);
  }
  return new Date(Number(epoch) * 1000);
}
