// The table `deno task bench` prints: each row's ratio to the floor against the goals of issue 16,
// peak memory, how cost grows, and the seed Makefile on the same repositories.

export interface Goal {
  /** Highest ratio to the floor. */
  ratio?: number;
  /** Highest peak resident memory. */
  mib?: number;
  /** Highest median wall time. */
  ms?: number;
}

export interface Measurement {
  id: string;
  label: string;
  goal?: Goal;
  median_ms?: number;
  ratio?: number;
  ratio_min?: number;
  ratio_max?: number;
  peak_mib?: number;
  samples?: number;
  /** Set instead of the timings when the command failed. */
  error?: string;
}

const READ = { ratio: 1.6 };
const WRITE = { ratio: 6, mib: 90 };
export const GOALS: Record<string, Goal> = {
  version: { ratio: 1.1 },
  help: { ratio: 1.1 },
  "diff-example": READ,
  "check-example": READ,
  "explain-example": READ,
  "matrix-example": READ,
  "promote-example": WRITE,
  "sync-example": WRITE,
  "diff-2x5000": { ratio: 5 },
  "check-50x1000": { ratio: 10 },
  "promote-2x5000": { ratio: 20 },
  "promote-1-of-100k": { ms: 3000 },
};

function fmtMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function goalText(g: Goal | undefined): string {
  if (!g) return "";
  return [
    g.ratio && `≤ ${g.ratio}×`,
    g.mib && `≤ ${g.mib} MiB`,
    g.ms && `< ${fmtMs(g.ms)}`,
  ].filter(Boolean).join(", ");
}

function met(m: Measurement): string {
  const g = m.goal;
  if (!g || m.error) return "";
  const ok = (!g.ratio || m.ratio! <= g.ratio) && (!g.mib || (m.peak_mib ?? 0) <= g.mib) &&
    (!g.ms || m.median_ms! < g.ms);
  return ok ? "met" : "NOT MET";
}

function cells(m: Measurement): string[] {
  if (m.error) return [m.label, "FAILED", m.error, "", "", "", ""];
  return [
    m.label,
    fmtMs(m.median_ms!),
    `${m.ratio!.toFixed(2)}×`,
    `${m.ratio_min!.toFixed(2)}–${m.ratio_max!.toFixed(2)}`,
    m.peak_mib === undefined ? "-" : `${m.peak_mib.toFixed(0)} MiB`,
    goalText(m.goal),
    met(m),
  ];
}

export function report(
  machine: Record<string, string | number>,
  results: Measurement[],
  runs: number,
): string {
  const header = ["row", "median", "× floor", "min–max", "peak", "goal", ""];
  const growth = (prefix: string) => results.filter((m) => m.id.startsWith(prefix));
  const out = [
    `tfsync: ${machine.command}`,
    `machine: ${machine.cpus} CPUs, ${machine.os}; deno ${machine.deno}`,
    `whole-process wall time; each run right after an empty deno run (the floor), ratio = run/floor;`,
    `median and min–max of ${runs} ratios (fewer on the largest rows); peak = max resident set`,
    "",
    table(
      header,
      results.filter((m) => !/^(diff-2x|check-\d|promote-2x|make-)/.test(m.id)).map(cells),
    ),
  ];
  for (
    const [title, prefix] of [
      ["Growth: diff, 2 environments", "diff-2x"],
      ["Growth: check, 1,000 variables", "check-"],
      ["Growth: promote, 2 environments, 10% of the syncable values changed", "promote-2x"],
    ]
  ) {
    const rows = growth(prefix).filter((m) => m.id !== "check-example");
    if (rows.length) out.push("", title, table(header, rows.map(cells)));
  }
  const make = growth("make-");
  if (make.length) {
    out.push("", `The seed Makefile (${machine.makefile}), same repositories:`);
    out.push(table(
      ["row", "median", "× floor", "make / tfsync diff"],
      make.map((m) => {
        const ours = results.find((r) => r.id === m.id.replace("make-", ""));
        const vs = ours?.median_ms && m.median_ms
          ? `${(m.median_ms / ours.median_ms).toFixed(1)}×`
          : "";
        return m.error
          ? [m.label, "FAILED", m.error, ""]
          : [m.label, fmtMs(m.median_ms!), `${m.ratio!.toFixed(2)}×`, vs];
      }),
    ));
  }
  return out.join("\n");
}
