// The read path loads no `node:` module: the first one loads Deno's whole Node compatibility
// layer, which costs more than a read-only command's own work (lib/_path.ts, commands/_args.ts).
// And a read command loads only the modules it uses: loading them is most of its time.
import assert from "node:assert/strict";
import { REPO } from "./_cli.ts";

Deno.test("no module of mod.ts's graph imports a node: module", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", `${REPO}/deno.json`, `${REPO}/mod.ts`],
    stdout: "piped",
  }).output();
  assert.ok(out.success);
  const graph = JSON.parse(new TextDecoder().decode(out.stdout));
  const ours = graph.modules.filter((m: { specifier: string }) => m.specifier.startsWith("file:"));
  assert.ok(ours.length > 30, `only ${ours.length} modules`);
  const offenders = ours.flatMap((
    m: { specifier: string; dependencies?: { specifier: string }[] },
  ) =>
    (m.dependencies ?? []).filter((d) => d.specifier.startsWith("node:"))
      .map((d) => `${m.specifier.replace(`file://${REPO}/`, "")}: ${d.specifier}`)
  );
  assert.deepEqual(offenders, []);
});

// What a module loads when it runs: its imports that are not `import type`, then theirs.
const IMPORT = /^[ \t]*(?:import|export)\s+([^;]*?)\s*from\s*"(\.{1,2}\/[^"]+\.ts)"/gm;

function evaluated(file: string, text: string): string[] {
  const dir = file.slice(0, file.lastIndexOf("/") + 1);
  const out: string[] = [];
  for (const [, what, spec] of text.matchAll(IMPORT)) {
    const names = /^\{([^}]*)\}$/.exec(what.trim())?.[1].split(",").map((n) => n.trim());
    if (/^type\s/.test(what) || names?.filter(Boolean).every((n) => n.startsWith("type "))) {
      continue;
    }
    out.push(new URL(spec, `file:///${dir}`).pathname.slice(1));
  }
  return out;
}

/** lib/mod.ts's loaders (`export const planning = async () => …`) and the modules each imports. */
function loaders(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (
    const [, name, body] of text.matchAll(
      /^export const (\w+) = ([^]*?)(?=^export |^\/\*\*|$(?![^]))/gm,
    )
  ) {
    const specs = [...body.matchAll(/import\("\.\/([^"]+)"\)|await (\w+)\(\)/g)];
    out.set(
      name,
      specs.flatMap(([, spec, other]) => spec ? [`lib/${spec}`] : out.get(other) ?? []),
    );
  }
  return out;
}

/** The project modules `tfsync COMMAND` loads as it starts (not those of one path: an error, a format). */
async function loadedBy(command: string): Promise<Set<string>> {
  const read = (f: string) => Deno.readTextFile(`${REPO}/${f}`);
  const parts = loaders(await read("lib/mod.ts"));
  const entry = `commands/${command}.ts`;
  // The parts a command loads as it starts: `const { … } = await checkReport();` at top level.
  const calls = [...(await read(entry)).matchAll(/^const \{[^}]*\} = await (\w+)\(\);/gm)];
  const queue = [entry, ...calls.flatMap(([, name]) => parts.get(name) ?? [])];
  const seen = new Set<string>();
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    queue.push(...evaluated(f, await read(f)));
  }
  return seen;
}

// Planning, editing, verifying and writing are the write commands' own: a read loads none.
const NOT_READS =
  /^lib\/(write\/|sync\/(?!markers|fingerprint)|hcl\/(edit|align|align_window|format_lines|path_edit|path_project|json_edit|var_convert|verify|json_verify|eval_agree|hcl2json)\.ts$)/;

for (const command of ["diff", "check", "explain", "matrix"]) {
  Deno.test(`${command} loads no module of planning, editing, verifying or writing`, async () => {
    const loaded = await loadedBy(command);
    assert.ok(loaded.has("lib/mod.ts") && loaded.size > 30, [...loaded].join(", "));
    assert.deepEqual([...loaded].filter((f) => NOT_READS.test(f)).sort(), []);
  });
}
