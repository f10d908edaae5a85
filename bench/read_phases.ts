// Where a read command's time goes past the floor, on the bundled example: the modules `diff`
// uses loaded (and evaluated), the command's first run, and a second run in the same process,
// whose code is warm. Each phase's median over N fresh processes, in ms and as a share of the
// floor (an empty `deno run` with the same flags, run alternately).
//
//   deno run --allow-read --allow-write --allow-env --allow-run bench/read_phases.ts [N=15]
import { RUN_FLAGS } from "../tools/permissions.ts";
import type { Io } from "../commands/_command.ts";

const EXAMPLE = new URL("../fixtures/example", import.meta.url).pathname;
const ARGS = ["diff", "--from", "englacial", "--to", "prod"];

/** In a child: the phases of one process, as JSON on stdout. */
async function child(): Promise<void> {
  const start = performance.now();
  const { main } = await import("../mod.ts");
  // Its top-level awaits load the library modules diff reads with: what `tfsync diff` loads.
  await import("../commands/diff.ts");
  const loaded = performance.now();
  const io: Io = {
    stdout: () => {},
    stderr: (t) => void Deno.stderr.writeSync(new TextEncoder().encode(t)),
    interactive: false,
    stdoutTerminal: false,
    stderrTerminal: false,
    readLine: () => Promise.resolve(null),
    env: () => undefined,
    cwd: EXAMPLE,
    color: false,
  };
  const codes = [await main(ARGS, io)];
  const first = performance.now();
  codes.push(await main(ARGS, io));
  const second = performance.now();
  if (codes.some((c) => c !== 0)) throw new Error(`diff exited ${codes}`);
  console.log(JSON.stringify({
    // The time origin is the process's start: what comes before this module runs is Deno's.
    boot: start,
    load: loaded - start,
    first: first - loaded,
    second: second - first,
  }));
}

async function wall(args: string[]): Promise<[number, string]> {
  const t = performance.now();
  const out = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  if (!out.success) throw new Error(`exit ${out.code}`);
  return [performance.now() - t, new TextDecoder().decode(out.stdout)];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (Deno.args[0] === "--child") await child();
else {
  const n = Number(Deno.args[0] ?? 15);
  const empty = await Deno.makeTempFile({ suffix: ".ts" });
  const rows: Record<string, number[]> = { floor: [], whole: [] };
  for (let i = 0; i < n; i++) {
    rows.floor.push((await wall(["run", ...RUN_FLAGS, empty]))[0]);
    const [ms, out] = await wall([
      "run",
      ...RUN_FLAGS,
      new URL(import.meta.url).pathname,
      "--child",
    ]);
    rows.whole.push(ms);
    for (const [k, v] of Object.entries(JSON.parse(out) as Record<string, number>)) {
      (rows[k] ??= []).push(v);
    }
  }
  await Deno.remove(empty);
  const floor = median(rows.floor);
  for (const [k, v] of Object.entries(rows)) {
    console.log(
      `${k.padEnd(6)} ${median(v).toFixed(1).padStart(6)} ms  ${
        (median(v) / floor).toFixed(2)
      }× floor`,
    );
  }
}
