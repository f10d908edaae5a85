// The layering rules of ARCHITECTURE.md, read from the source: lib/hcl imports nothing else of
// the project; nothing in lib/ imports render/, commands/ or mod.ts; only lib/write writes files;
// no module of lib/ imports itself back through others (a cycle); commands/ and mod.ts use lib
// only through lib/mod.ts (and `import type` from anywhere).
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";
import { REPO } from "./_cli.ts";

/** Every non-test .ts file under `dir`, as paths relative to the repository. */
async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(REPO, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await sources(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) out.push(path);
  }
  return out.sort();
}

/** The project files a module imports (statically or dynamically), relative to the repository. */
function imports(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specs.map((s) => relative(REPO, resolve(join(REPO, dirname(file)), s)));
}

// Calls that change the file system; a read-only Deno.open passes.
const WRITES =
  /Deno\.(writeFile|writeTextFile|rename|remove|mkdir|create|truncate|symlink|link|copyFile|chmod|chown|makeTemp\w*|utime)(Sync)?\b|Deno\.open(Sync)?\([^)]*\b(write|append|create|truncate)\s*:|"node:fs/;

const files = await sources("lib");
const texts = new Map(
  await Promise.all(files.map(async (f) => [f, await Deno.readTextFile(join(REPO, f))] as const)),
);
const graph = new Map(files.map((f) => [f, imports(f, texts.get(f)!)]));

Deno.test("lib/hcl imports only lib/hcl", () => {
  const bad = files.filter((f) => f.startsWith("lib/hcl/")).flatMap((f) =>
    graph.get(f)!.filter((i) => !i.startsWith("lib/hcl/")).map((i) => `${f} -> ${i}`)
  );
  assert.deepEqual(bad, []);
});

Deno.test("nothing in lib/ imports render/, commands/ or mod.ts", () => {
  const bad = files.flatMap((f) =>
    graph.get(f)!.filter((i) => !i.startsWith("lib/")).map((i) => `${f} -> ${i}`)
  );
  assert.deepEqual(bad, []);
});

Deno.test("only lib/write writes files", () => {
  const bad = files.filter((f) => !f.startsWith("lib/write/") && WRITES.test(texts.get(f)!));
  assert.deepEqual(bad, []);
  assert.ok(
    WRITES.test("await Deno.writeTextFile(p, t)") && !WRITES.test("Deno.open(p, { read: true })"),
  );
});

Deno.test("no import cycles in lib/", () => {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...path.slice(path.indexOf(f)), f].join(" -> "));
      return;
    }
    state.set(f, "open");
    for (const i of graph.get(f) ?? []) visit(i, [...path, f]);
    state.set(f, "done");
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(cycles, []);
});

// A command past ~150 lines does the library's work; a library file past ~300 holds two ideas.
const LIMITS: Array<[dir: string, max: number]> = [["commands", 150], ["lib", 300]];

Deno.test("no command file over 150 lines, no lib file over 300", async () => {
  const over: string[] = [];
  for (const [dir, max] of LIMITS) {
    for (const f of await sources(dir)) {
      const lines = (await Deno.readTextFile(join(REPO, f))).split("\n").length - 1;
      if (lines > max) over.push(`${f}: ${lines} lines (limit ${max})`);
    }
  }
  assert.deepEqual(over, []);
});

Deno.test("commands/ and mod.ts use lib only through lib/mod.ts (types from anywhere)", async () => {
  const callers = [...(await sources("commands")), "mod.ts"];
  const bad: string[] = [];
  for (const f of callers) {
    const text = await Deno.readTextFile(join(REPO, f));
    // Every import or re-export statement, static or dynamic, with its specifier.
    const statements = text.matchAll(
      /(?:^|\n)\s*(?:(import|export)\s+(type\s+)?[^;]*?from|import\s*\()\s*"(\.{1,2}\/[^"]+)"/g,
    );
    for (const [, , typeOnly, spec] of statements) {
      const target = relative(REPO, resolve(join(REPO, dirname(f)), spec));
      if (target.startsWith("lib/") && target !== "lib/mod.ts" && !typeOnly) {
        bad.push(`${f} -> ${target}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});
