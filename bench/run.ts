// `deno task bench`: times tfsync as whole processes on generated repositories and prints the
// rows of issue 6 (target, median, min–max, ratio), how cost grows with variables and
// environments, and the Deno start-up baseline. A row whose command fails shows the failure.
//
//   deno task bench [--runs 10] [--json] [--only diff,check] [--binary dist/tfsync]
//                   [--compare-makefile /tmp/designmake/Makefile] [--make-runs 3] [--keep]

import { parseArgs } from "node:util";
import { RUN_FLAGS } from "../tools/permissions.ts";
import { type GeneratedRepo, generateRepo } from "./generate.ts";

/** The permission flags tfsync ships with: the binary's, the Makefile's `deno run` fallback's. */
export const DENO_FLAGS: readonly string[] = RUN_FLAGS;
const MOD = new URL("../mod.ts", import.meta.url).pathname;
const EXAMPLE = new URL("../fixtures/example", import.meta.url).pathname;
const FROM = ["--from", "englacial", "--to", "prod"];

interface Invocation {
  cmd: string;
  args: string[];
  cwd: string;
  stdin?: string;
  /** Exit codes that mean the command did its job (check exits 1 when it finds drift). */
  ok: number[];
}

interface Row {
  id: string;
  label: string;
  targetMs?: number;
  /** Builds the command for one run; work done here (copying a repository) is not timed. */
  prepare: () => Promise<Invocation>;
  runs: number;
}

export interface Measurement {
  id: string;
  label: string;
  target_ms?: number;
  runs?: number;
  median_ms?: number;
  min_ms?: number;
  max_ms?: number;
  samples_ms?: number[];
  /** Set instead of the timings when the command failed or could not be prepared. */
  error?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ANSI = new RegExp(String.raw`\x1b\[[0-9;]*m`, "g");

function failure(code: number, stderr: Uint8Array, stdout: Uint8Array): string {
  const text = new TextDecoder().decode(stderr.length ? stderr : stdout)
    .replace(ANSI, "");
  const line = text.split("\n").map((l) => l.trim()).find((l) => l !== "") ??
    "(no output)";
  return `exit ${code}: ${line}`;
}

async function once(
  inv: Invocation,
): Promise<{ ms: number } | { error: string }> {
  const command = new Deno.Command(inv.cmd, {
    args: inv.args,
    cwd: inv.cwd,
    stdin: inv.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const start = performance.now();
  const child = command.spawn();
  if (inv.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(inv.stdin));
    await writer.close();
  }
  const out = await child.output();
  const ms = performance.now() - start;
  if (!inv.ok.includes(out.code)) {
    return { error: failure(out.code, out.stderr, out.stdout) };
  }
  return { ms };
}

async function measure(row: Row): Promise<Measurement> {
  const base = { id: row.id, label: row.label, target_ms: row.targetMs };
  try {
    const warm = await once(await row.prepare()); // warm-up: fills caches, proves the command works
    if ("error" in warm) return { ...base, error: warm.error };
    const samples: number[] = [];
    for (let i = 0; i < row.runs; i++) {
      const r = await once(await row.prepare());
      if ("error" in r) return { ...base, error: `run ${i + 1}: ${r.error}` };
      samples.push(r.ms);
    }
    return {
      ...base,
      runs: row.runs,
      median_ms: round(median(samples)),
      min_ms: round(Math.min(...samples)),
      max_ms: round(Math.max(...samples)),
      samples_ms: samples.map(round),
    };
  } catch (e) {
    return { ...base, error: (e as Error).message.split("\n")[0] };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function fmtMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const a = `${from}/${entry.name}`;
    const b = `${to}/${entry.name}`;
    if (entry.isDirectory) await copyDir(a, b);
    else if (entry.isFile) await Deno.copyFile(a, b);
  }
}

/** The syncable and environment-specific lists of a tfsync.hcl, read loosely (for make only). */
async function configLists(
  root: string,
): Promise<{ syncable: string[]; envSpecific: string[] } | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${root}/tfsync.hcl`);
  } catch {
    return undefined;
  }
  text = text.replace(/#.*$/gm, "");
  const names = (body: string) => [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const syncable = [...text.matchAll(/\bvariables\s*=\s*\[([^\]]*)\]/g)]
    .flatMap((m) => names(m[1]));
  const env = /\benvironment_specific\s*=\s*\[([^\]]*)\]/.exec(text);
  return { syncable, envSpecific: env ? names(env[1]) : [] };
}

function makeVars(
  lists?: { syncable: string[]; envSpecific: string[] },
): string[] {
  if (!lists) return [];
  return [
    `SYNCABLE_VARS=${lists.syncable.join(" ")}`,
    `ENV_SPECIFIC_VARS=${lists.envSpecific.join(" ")}`,
  ];
}

/** A /proc file through `cat`: Deno asks for --allow-all to read /proc/cpuinfo itself. */
async function readProc(path: string): Promise<string> {
  try {
    const out = await new Deno.Command("cat", { args: [path], stderr: "null" }).output();
    return new TextDecoder().decode(out.stdout);
  } catch {
    return "";
  }
}

async function cpuModel(): Promise<string> {
  return /^model name\s*:\s*(.+)$/m.exec(await readProc("/proc/cpuinfo"))?.[1] ?? "unknown CPU";
}

/** The 1-minute load average: other work on the machine shows up in every timing. */
async function loadAverage(): Promise<number | undefined> {
  const first = (await readProc("/proc/loadavg")).split(" ")[0];
  return first ? Number(first) : undefined;
}

const USAGE = `Usage: deno task bench [options]

Times tfsync as whole processes (deno run ${DENO_FLAGS.join(" ")} mod.ts …) on generated
repositories: a warm-up run, then N timed runs per row; prints median and min–max against the
targets of issue 6.

Options:
  --runs N                 timed runs per row (default 10)
  --only ID[,ID…]          only these rows: an id (diff-2x500) or a prefix (diff, check, make)
  --binary PATH            time a compiled tfsync instead of deno run mod.ts
  --compare-makefile PATH  also time the design document's Makefile targets on the same repositories
  --make-runs N            timed runs per Makefile row (default 3: they take seconds)
  --json                   print the measurements as JSON on stdout
  --keep                   keep the generated repositories and print where they are
  -h, --help               this text
`;

interface Options {
  runs: number;
  makeRuns: number;
  json: boolean;
  keep: boolean;
  only?: string[];
  binary?: string;
  makefile?: string;
}

function parse(args: string[]): Options | string {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      runs: { type: "string", default: "10" },
      "make-runs": { type: "string", default: "3" },
      only: { type: "string" },
      binary: { type: "string" },
      "compare-makefile": { type: "string" },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return USAGE;
  const runs = Number(values.runs);
  const makeRuns = Number(values["make-runs"]);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new TypeError(
      `Invalid --runs "${values.runs}": expected a positive integer`,
    );
  }
  if (!Number.isInteger(makeRuns) || makeRuns < 1) {
    throw new TypeError(
      `Invalid --make-runs "${values["make-runs"]}": expected a positive integer`,
    );
  }
  return {
    runs,
    makeRuns,
    json: values.json,
    keep: values.keep,
    only: values.only?.split(",").filter((s) => s !== ""),
    binary: values.binary,
    makefile: values["compare-makefile"],
  };
}

/** Sizes: the rows of issue 6, plus extra points for the growth curves. */
const DIFF_SIZES = [40, 100, 500, 1000, 5000];
const CHECK_ENVS = [5, 20, 50];
const DIFF_TARGETS: Record<number, number> = { 500: 150, 5000: 600 };

async function main(args: string[]): Promise<number> {
  let opts: Options | string;
  try {
    opts = parse(args);
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    return 2;
  }
  if (typeof opts === "string") {
    console.log(opts);
    return 0;
  }
  const o = opts;
  const log = (s: string) => console.error(s);
  const tmp = await Deno.makeTempDir({ prefix: "tfsync-bench-" });
  try {
    return await bench(o, tmp, log);
  } finally {
    if (o.keep) console.error(`bench: repositories kept in ${tmp}`);
    else await Deno.remove(tmp, { recursive: true });
  }
}

async function bench(
  o: Options,
  tmp: string,
  log: (s: string) => void,
): Promise<number> {
  const deno = Deno.execPath();
  const tfsync = (cwd: string, argv: string[], ok = [0]): Invocation =>
    o.binary
      ? { cmd: o.binary, args: argv, cwd, ok }
      : { cmd: deno, args: ["run", ...DENO_FLAGS, MOD, ...argv], cwd, ok };
  const wanted = (id: string) => !o.only || o.only.some((p) => id === p || id.startsWith(`${p}-`));

  // Repositories, generated once (lazily, so --only skips what it does not need).
  const repos = new Map<string, Promise<GeneratedRepo>>();
  const repo = (envs: number, vars: number): Promise<GeneratedRepo> => {
    const key = `${envs}x${vars}`;
    if (!repos.has(key)) {
      repos.set(
        key,
        generateRepo(`${tmp}/repo-${key}`, {
          envs,
          vars,
          seed: 1,
          changedFraction: 0.1,
        }),
      );
    }
    return repos.get(key)!;
  };
  // The bundled example, copied once: the commands run on the copy, never on the fixture.
  const hasExample = await exists(`${EXAMPLE}/environments`);
  const example = `${tmp}/example`;
  if (hasExample) await copyDir(EXAMPLE, example);
  let copies = 0;
  const freshCopy = async (from: string) => {
    const to = `${tmp}/copy-${copies++}`;
    await copyDir(from, to);
    return to;
  };
  const empty = `${tmp}/empty.ts`;
  await Deno.writeTextFile(empty, "");

  const rows: Row[] = [
    {
      id: "startup",
      label: "deno run of an empty script (start-up)",
      runs: o.runs,
      prepare: () =>
        Promise.resolve({
          cmd: deno,
          args: ["run", ...DENO_FLAGS, empty],
          cwd: tmp,
          ok: [0],
        }),
    },
    {
      id: "help",
      label: "tfsync --help",
      targetMs: 40,
      runs: o.runs,
      prepare: () => Promise.resolve(tfsync(tmp, ["--help"])),
    },
    {
      id: "version",
      label: "tfsync --version",
      targetMs: 40,
      runs: o.runs,
      prepare: () => Promise.resolve(tfsync(tmp, ["--version"])),
    },
  ];
  if (hasExample) {
    rows.push({
      id: "diff-example",
      label: "diff, bundled example",
      targetMs: 80,
      runs: o.runs,
      prepare: () => Promise.resolve(tfsync(example, ["diff", ...FROM])),
    });
  }
  for (const vars of DIFF_SIZES) {
    rows.push({
      id: `diff-2x${vars}`,
      label: `diff, 2 envs × ${vars.toLocaleString("en-US")} vars`,
      targetMs: DIFF_TARGETS[vars],
      runs: o.runs,
      prepare: async () => tfsync((await repo(2, vars)).dir, ["diff", ...FROM]),
    });
  }
  rows.push({
    id: "promote-2x500",
    label: "promote --yes, 2 envs × 500 vars, 10% changed",
    targetMs: 400,
    runs: o.runs,
    prepare: async () =>
      tfsync(await freshCopy((await repo(2, 500)).dir), [
        "promote",
        ...FROM,
        "--yes",
      ]),
  });
  for (const envs of CHECK_ENVS) {
    rows.push({
      id: `check-${envs}x1000`,
      label: `check, ${envs} envs × 1,000 vars`,
      targetMs: envs === 50 ? 2000 : undefined,
      runs: o.runs,
      prepare: async () => tfsync((await repo(envs, 1000)).dir, ["check"], [0, 1]),
    });
  }
  if (o.makefile) {
    const makefile = o.makefile.startsWith("/") ? o.makefile : `${Deno.cwd()}/${o.makefile}`;
    const make = (
      cwd: string,
      target: string,
      vars: string[],
      stdin?: string,
    ): Invocation => ({
      cmd: "make",
      args: ["-f", makefile, "-C", cwd, target, ...FROM_MAKE, ...vars],
      cwd,
      stdin,
      ok: [0],
    });
    const lists = (r: GeneratedRepo) =>
      makeVars({ syncable: r.syncable, envSpecific: r.environmentSpecific });
    if (hasExample) {
      rows.push({
        id: "make-diff-example",
        label: "make sync-diff, bundled example",
        runs: o.makeRuns,
        prepare: async () => make(example, "sync-diff", makeVars(await configLists(example))),
      });
    }
    for (const vars of [40, 500, 5000]) {
      rows.push({
        id: `make-diff-2x${vars}`,
        label: `make sync-diff, 2 envs × ${vars.toLocaleString("en-US")} vars`,
        runs: o.makeRuns,
        prepare: async () => {
          const r = await repo(2, vars);
          return make(r.dir, "sync-diff", lists(r));
        },
      });
    }
    rows.push({
      id: "make-promote-2x500",
      label: "make sync-promote, 2 envs × 500 vars, 10% changed",
      runs: o.makeRuns,
      prepare: async () => {
        // sync-promote re-invokes $(MAKE) without -f: the Makefile must be the repository's own.
        const r = await repo(2, 500);
        const dir = await freshCopy(r.dir);
        await Deno.copyFile(makefile, `${dir}/Makefile`);
        return {
          ...make(dir, "sync-promote", lists(r), "\n"),
          args: ["sync-promote", ...FROM_MAKE, ...lists(r)],
        };
      },
    });
  }

  const selected = rows.filter((r) => wanted(r.id));
  const loadBefore = await loadAverage();
  log(
    `bench: ${selected.length} rows, ${o.runs} runs each after a warm-up (temp dir ${tmp})`,
  );
  const results: Measurement[] = [];
  for (const row of selected) {
    const m = await measure(row);
    results.push(m);
    log(
      `  ${row.label}: ${m.error ? `FAILED ${m.error}` : fmtMs(m.median_ms!)}`,
    );
  }
  const machine = {
    cpu: await cpuModel(),
    cpus: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    command: o.binary ?? `deno run ${DENO_FLAGS.join(" ")} mod.ts`,
    load_before: loadBefore ?? "unknown",
    load_after: (await loadAverage()) ?? "unknown",
  };
  const notes = hasExample ? [] : [`diff-example skipped: ${EXAMPLE} has no environments/ yet`];
  if (o.json) {
    console.log(
      JSON.stringify({ machine, runs: o.runs, notes, rows: results }, null, 2),
    );
  } else {
    console.log(report(machine, results, notes, o));
  }
  return results.some((r) => r.error) ? 1 : 0;
}

const FROM_MAKE = ["SYNC_SOURCE=englacial", "SYNC_TARGET=prod"];

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((
      c,
      i,
    ) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}

function cells(m: Measurement | undefined): [string, string] {
  if (!m) return ["-", "-"];
  if (m.error) return ["FAILED", m.error];
  return [fmtMs(m.median_ms!), `${fmtMs(m.min_ms!).replace(" ms", "")}–${fmtMs(m.max_ms!)}`];
}

function report(
  machine: Record<string, string | number>,
  results: Measurement[],
  notes: string[],
  o: Options,
): string {
  const by = new Map(results.map((r) => [r.id, r]));
  const out: string[] = [
    `tfsync: ${o.binary ? o.binary : machine.command}`,
    `machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.os}; deno ${machine.deno}; ` +
    `load average ${machine.load_before} before, ${machine.load_after} after`,
    `whole-process wall time, median of ${o.runs} runs after a warm-up`,
    "",
  ];
  const main = [
    "startup",
    "diff-example",
    "diff-2x500",
    "diff-2x5000",
    "promote-2x500",
    "check-50x1000",
    "help",
    "version",
  ];
  const mainRows = main.map((id) => by.get(id)).filter((m): m is Measurement => m !== undefined);
  // What the command costs beyond starting Deno: the part tfsync's own code can make faster.
  const startup = by.get("startup")?.median_ms;
  out.push(table(
    ["row", "target", "median", "min–max", "median/target", "minus start-up"],
    mainRows.map((m) => {
      const [med, range] = cells(m);
      if (m.error) return [m.label, m.target_ms ? fmtMs(m.target_ms) : "-", med, "", "", ""];
      const ratio = m.target_ms
        ? `${(m.median_ms! / m.target_ms).toFixed(2)} ${
          m.median_ms! <= m.target_ms ? "ok" : "OVER"
        }`
        : "-";
      const own = startup !== undefined && m.id !== "startup" ? fmtMs(m.median_ms! - startup) : "-";
      return [m.label, m.target_ms ? fmtMs(m.target_ms) : "-", med, range, ratio, own];
    }),
    [false, true, true, true, true, true],
  ));
  for (const note of notes) out.push(`note: ${note}`);
  const failed = mainRows.filter((m) => m.error);
  for (const m of failed) out.push(`failed: ${m.label}: ${m.error}`);

  const growth = (title: string, ids: [string, number][], unit: string) => {
    const ms = ids.map(([id, n]) => [by.get(id), n] as const).filter(([m]) => m !== undefined);
    if (ms.length === 0) return;
    out.push("", title);
    out.push(table(
      [unit, "median", "min–max"],
      ms.map(([m, n]) => {
        const [med, range] = cells(m);
        return [n.toLocaleString("en-US"), med, m!.error ? m!.error : range];
      }),
      [true, true, false],
    ));
    const good = ms.filter(([m]) => m!.median_ms !== undefined);
    if (good.length >= 2) {
      const [a, na] = good[0];
      const [b, nb] = good[good.length - 1];
      const slope = (b!.median_ms! - a!.median_ms!) / (nb - na);
      out.push(
        `≈ ${fmtMs(slope * (unit === "variables" ? 1000 : 1))} per ${
          unit === "variables" ? "1,000 variables" : "environment"
        } (between ${na.toLocaleString("en-US")} and ${nb.toLocaleString("en-US")})`,
      );
    }
  };
  growth(
    "Growth: diff, 2 environments",
    DIFF_SIZES.map((v) => [`diff-2x${v}`, v]),
    "variables",
  );
  growth(
    "Growth: check, 1,000 variables",
    CHECK_ENVS.map((e) => [`check-${e}x1000`, e]),
    "environments",
  );

  const pairs: [string, string, string][] = [
    ["diff, bundled example", "diff-example", "make-diff-example"],
    ["diff, 2 envs × 40 vars", "diff-2x40", "make-diff-2x40"],
    ["diff, 2 envs × 500 vars", "diff-2x500", "make-diff-2x500"],
    ["diff, 2 envs × 5,000 vars", "diff-2x5000", "make-diff-2x5000"],
    [
      "promote, 2 envs × 500 vars, 10% changed",
      "promote-2x500",
      "make-promote-2x500",
    ],
  ];
  const compared = pairs.filter(([, , m]) => by.has(m));
  if (compared.length > 0) {
    out.push(
      "",
      `The design document's Makefile (${o.makefile}), same repositories, median of ${o.makeRuns} runs`,
    );
    out.push(table(
      ["work", "tfsync", "make", "make/tfsync"],
      compared.map(([label, t, m]) => {
        const a = by.get(t);
        const b = by.get(m)!;
        const speedup = a?.median_ms && b.median_ms
          ? `${(b.median_ms / a.median_ms).toFixed(1)}×`
          : "-";
        return [label, cells(a)[0], cells(b)[0], speedup];
      }),
      [false, true, true, true],
    ));
    for (const [, , m] of compared) {
      const b = by.get(m)!;
      if (b.error) out.push(`failed: ${b.label}: ${b.error}`);
    }
  }
  return out.join("\n");
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
