// `deno task bench`: tfsync as whole processes on the bundled example and on generated
// repositories, each row as a ratio to the floor (an empty `deno run` with the same flags), measured
// alternately with it in the same run, so the numbers hold on any machine. Also peak memory, the
// seed Makefile's `make sync-diff` on the same repositories, and how cost grows with size.
//
//   deno task bench [--runs 7] [--only ID,PREFIX…] [--binary PATH] [--spec FILE] [--json] [--keep]

import { parseArgs } from "node:util";
import { RUN_FLAGS } from "../tools/permissions.ts";
import { type GeneratedRepo, generateRepo } from "./generate.ts";
import { GOALS, type Measurement, report } from "./report.ts";
import { addPadding, seedMakefile } from "./setup.ts";

const MOD = new URL("../mod.ts", import.meta.url).pathname;
const VERIFIER = new URL("./verifier.ts", import.meta.url).pathname;
const EXAMPLE = new URL("../fixtures/example", import.meta.url).pathname;
const SPEC = new URL("../../shared/spec/environment-sync-strategy.md", import.meta.url).pathname;
const PAIR = ["--from", "englacial", "--to", "prod"];
const DATE = ["--date", "2026-01-05"];
const TIME = "/usr/bin/time";

interface Invocation {
  cmd: string;
  args: string[];
  cwd: string;
  /** Exit codes that mean the command did its job (check exits 1 when it finds drift). */
  ok?: number[];
}

interface Row {
  id: string;
  label: string;
  runs?: number;
  /** Builds the command for one run; work done here (copying a repository) is not timed. */
  prepare: () => Invocation | Promise<Invocation>;
}

async function once(inv: Invocation, memory: boolean): Promise<{ ms: number; kib?: number }> {
  const out = memory ? await Deno.makeTempFile() : "";
  const [cmd, args] = memory
    ? [TIME, ["-f", "%M", "-o", out, inv.cmd, ...inv.args]]
    : [inv.cmd, inv.args];
  const start = performance.now();
  const r = await new Deno.Command(cmd, {
    args,
    cwd: inv.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const ms = performance.now() - start;
  if (!(inv.ok ?? [0]).includes(r.code)) {
    const text = new TextDecoder().decode(r.stderr.length ? r.stderr : r.stdout);
    throw new Error(`exit ${r.code}: ${text.trim().split("\n")[0] ?? ""}`);
  }
  if (!memory) return { ms };
  const kib = Number((await Deno.readTextFile(out)).trim().split("\n").pop());
  await Deno.remove(out);
  return { ms, kib };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Warm-up, then runs alternating with the floor: each sample is row time / floor time. */
async function measure(
  row: Row,
  floor: Invocation,
  runs: number,
  memory: boolean,
): Promise<Measurement> {
  const base = { id: row.id, label: row.label, goal: GOALS[row.id] };
  try {
    await once(await row.prepare(), false);
    const ms: number[] = [], ratios: number[] = [], kib: number[] = [];
    for (let i = 0; i < (row.runs ?? runs); i++) {
      const f = await once(floor, false);
      const r = await once(await row.prepare(), memory);
      ms.push(r.ms);
      ratios.push(r.ms / f.ms);
      if (r.kib) kib.push(r.kib);
    }
    return {
      ...base,
      median_ms: median(ms),
      ratio: median(ratios),
      ratio_min: Math.min(...ratios),
      ratio_max: Math.max(...ratios),
      peak_mib: kib.length ? Math.max(...kib) / 1024 : undefined,
      samples: ms.length,
    };
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
}

export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

const USAGE = `Usage: deno task bench [options]

Times tfsync (deno run ${RUN_FLAGS.join(" ")} mod.ts …) as whole processes: a warm-up, then N
runs per row, each right after an empty deno run with the same flags (the floor); prints each row's
median time and its ratio to the floor (median, min–max), peak memory, and the goals of issue 16.

Options:
  --runs N          runs per row (default 7; the largest rows run 3 times)
  --only ID[,ID…]   only these rows: an id (diff-2x500) or a prefix (diff, check, make)
  --binary PATH     time a compiled tfsync instead of deno run mod.ts
  --spec FILE       the design document whose Makefile is the seed (default ../shared/spec/…)
  --json            print the measurements as JSON
  --keep            keep the generated repositories and say where
  -h, --help        this text
`;

async function main(argv: string[]): Promise<number> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "7" },
      only: { type: "string" },
      binary: { type: "string" },
      spec: { type: "string", default: SPEC },
      json: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (o.help) return console.log(USAGE), 0;
  const runs = Number(o.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new TypeError(`--runs: expected a positive integer`);
  }
  const only = o.only?.split(",").filter((s) => s !== "");
  const wanted = (id: string) => !only || only.some((p) => id === p || id.startsWith(`${p}-`));
  const tmp = await Deno.makeTempDir({ prefix: "tfsync-bench-" });
  const memory = await exists(TIME);
  const deno = Deno.execPath();
  const tfsync = (cwd: string, args: string[], ok?: number[]): Invocation =>
    o.binary
      ? { cmd: o.binary, args, cwd, ok }
      : { cmd: deno, args: ["run", ...RUN_FLAGS, MOD, ...args], cwd, ok };
  await Deno.writeTextFile(`${tmp}/empty.ts`, "");
  const floor: Invocation = { cmd: deno, args: ["run", ...RUN_FLAGS, `${tmp}/empty.ts`], cwd: tmp };
  let copies = 0;
  const fresh = async (from: string) => {
    const to = `${tmp}/copy-${copies++}`;
    await copyDir(from, to);
    return to;
  };
  const repos = new Map<string, Promise<GeneratedRepo>>();
  const generated = (envs: number, vars: number) => {
    const key = `${envs}x${vars}`;
    if (!repos.has(key)) {
      const options = { envs, vars, seed: 1, changedFraction: 0.1 };
      repos.set(key, generateRepo(`${tmp}/repo-${key}`, options));
    }
    return repos.get(key)!;
  };
  const repo = async (envs: number, vars: number) => (await generated(envs, vars)).dir;
  const example = `${tmp}/example`;
  await copyDir(EXAMPLE, example);
  // The example once promoted: a second promote has nothing to change.
  const synced = await fresh(EXAMPLE);
  await once(tfsync(synced, ["promote", ...PAIR, "--yes", ...DATE]), false);
  const big = `${tmp}/big`;
  const makefile = (await exists(o.spec))
    ? await seedMakefile(o.spec, `${tmp}/Makefile`)
    : undefined;

  const rows: Row[] = [
    { id: "version", label: "tfsync --version", prepare: () => tfsync(tmp, ["--version"]) },
    { id: "help", label: "tfsync --help", prepare: () => tfsync(tmp, ["--help"]) },
    ...([
      ["diff", ["diff", ...PAIR]],
      ["check", ["check"], [0, 1]],
      ["explain", ["explain", "singleuser_image_tag"]],
      ["matrix", ["matrix"]],
    ] as const).map(([id, args, ok]): Row => ({
      id: `${id}-example`,
      label: `${id}, bundled example`,
      prepare: () => tfsync(example, [...args], ok ? [...ok] : undefined),
    })),
    {
      id: "promote-example",
      label: "promote --yes, bundled example",
      prepare: async () => tfsync(await fresh(EXAMPLE), ["promote", ...PAIR, "--yes", ...DATE]),
    },
    {
      id: "sync-example",
      label: "sync --group images --yes, bundled example",
      prepare: async () =>
        tfsync(await fresh(EXAMPLE), ["sync", ...PAIR, "--group", "images,dask", "--yes", ...DATE]),
    },
    {
      // Always through deno run, as tfsync's own rows without --binary.
      id: "verifier-alone",
      label: "hashicorp/hcl alone: hcl2json started, one line read",
      prepare: () => ({ cmd: deno, args: ["run", ...RUN_FLAGS, VERIFIER], cwd: tmp }),
    },
    {
      id: "promote-again-example",
      label: "promote --yes with nothing to change (no wasm)",
      prepare: () => tfsync(synced, ["promote", ...PAIR, "--yes", ...DATE]),
    },
    ...[40, 500, 1000, 5000].map((vars): Row => ({
      id: `diff-2x${vars}`,
      label: `diff, 2 envs × ${vars.toLocaleString("en-US")} vars`,
      prepare: async () => tfsync(await repo(2, vars), ["diff", ...PAIR]),
    })),
    ...[5, 20, 50].map((envs): Row => ({
      id: `check-${envs}x1000`,
      label: `check, ${envs} envs × 1,000 vars`,
      runs: envs === 50 ? 5 : undefined,
      prepare: async () => tfsync(await repo(envs, 1000), ["check"], [0, 1]),
    })),
    ...[500, 2000, 5000].map((vars): Row => ({
      id: `promote-2x${vars}`,
      label: `promote --yes, 2 envs × ${vars.toLocaleString("en-US")} vars, 10% changed`,
      runs: vars === 5000 ? 3 : undefined,
      prepare: async () =>
        tfsync(await fresh(await repo(2, vars)), ["promote", ...PAIR, "--yes", ...DATE]),
    })),
    {
      id: "promote-1-of-100k",
      label: "promote --yes, one variable, 100,000-attribute target",
      runs: 3,
      prepare: async () => {
        if (!(await exists(big))) await addPadding(await fresh(synced), big, 100_000);
        return tfsync(await fresh(big), ["promote", ...PAIR, "--yes", ...DATE]);
      },
    },
  ];
  if (makefile) {
    // The seed knows only its own hard-coded lists: a generated repository's are passed to it.
    const make = (dir: string, lists: string[] = []): Invocation => ({
      cmd: "make",
      args: [
        "-s",
        "-f",
        makefile,
        "-C",
        dir,
        "sync-diff",
        "SYNC_SOURCE=englacial",
        "SYNC_TARGET=prod",
        ...lists,
      ],
      cwd: dir,
    });
    rows.push({
      id: "make-diff-example",
      label: "seed make sync-diff, bundled example",
      runs: 3,
      prepare: () => make(example),
    });
    for (const vars of [40, 500, 5000]) {
      rows.push({
        id: `make-diff-2x${vars}`,
        label: `seed make sync-diff, 2 envs × ${vars.toLocaleString("en-US")} vars`,
        runs: vars === 5000 ? 1 : 3,
        prepare: async () => {
          const r = await generated(2, vars);
          return make(r.dir, [
            `SYNCABLE_VARS=${r.syncable.join(" ")}`,
            `ENV_SPECIFIC_VARS=${r.environmentSpecific.join(" ")}`,
          ]);
        },
      });
    }
  }
  const selected = rows.filter((r) => wanted(r.id));
  const results: Measurement[] = [];
  const floorRow: Row = {
    id: "floor",
    label: "deno run of an empty script (the floor)",
    prepare: () => floor,
  };
  try {
    for (const row of [floorRow, ...selected]) {
      const m = await measure(row, floor, runs, memory);
      results.push(m);
      console.error(`  ${row.label}: ${m.error ? `FAILED ${m.error}` : `${m.ratio!.toFixed(2)}×`}`);
    }
  } finally {
    if (o.keep) console.error(`bench: repositories kept in ${tmp}`);
    else await Deno.remove(tmp, { recursive: true });
  }
  const machine = {
    cpus: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    command: o.binary ?? `deno run ${RUN_FLAGS.join(" ")} mod.ts`,
    makefile: makefile ? o.spec : "not found: no seed Makefile rows",
  };
  console.log(
    o.json
      ? JSON.stringify({ machine, runs, rows: results }, null, 2)
      : report(machine, results, runs),
  );
  return results.some((r) => r.error) ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
