// File-level golden cases, one folder each: tests/testdata/<suite>/<case>/ holds `args` (the
// command line, words separated by spaces), `stdout`, `stderr`, `exit` (the exit code) and
// `want/` (every file the run created or changed, as it must be after it); the tree it runs on is
// the case's `input/` or the folder its `input` file names on its first line (cases that share a
// tree; each further line `without PATH` leaves one of its files out), else the
// suite's (the same way: tests/testdata/sync runs on fixtures/example). Each runs in-process through main(args, io) on a copy
// of that tree; every file not in want/ must be left exactly as it was.
// `deno task test:update` (TFSYNC_UPDATE=1) rewrites the expected files from the current output;
// without it a missing one fails, naming the task.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { copyTree, REPO, tfsync } from "./_cli.ts";

const UPDATE = Deno.env.get("TFSYNC_UPDATE") === "1";
const TESTDATA = join(REPO, "tests", "testdata");

/** Every file under `dir` (relative paths) and its bytes; none when the folder does not exist. */
async function files(dir: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(join(dir, rel))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(path);
      else out.set(path, await Deno.readFile(join(dir, path)));
    }
  };
  if (await exists(dir)) await walk("");
  return out;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

const same = (a?: Uint8Array, b?: Uint8Array) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** The expected text of a case's file, or a failure that names the task that writes it. */
async function expected(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    throw new Error(`Missing golden file ${path}: run deno task test:update`);
  }
}

type Tree = { dir: string; without: string[] };

/** The tree a case runs on: its `input/`, the folder its `input` file names, else the suite's. */
async function inputOf(dir: string, suite: string): Promise<Tree> {
  return await treeAt(dir) ?? (await treeAt(join(TESTDATA, suite)))!;
}

/** A folder's `input/`, or the folder its `input` file names (relative to it) less the files its
 * `without PATH` lines name; else undefined. */
async function treeAt(dir: string): Promise<Tree | undefined> {
  const input = join(dir, "input");
  const info = await Deno.stat(input).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isFile) return { dir: input, without: [] };
  const [folder, ...rest] = (await Deno.readTextFile(input)).trim().split("\n");
  const without = rest.map((line) => {
    const m = /^without (\S+)$/.exec(line.trim());
    if (!m) throw new Error(`${input}: expected "without PATH", found "${line}"`);
    return m[1];
  });
  return { dir: join(dir, folder.trim()), without };
}

/** The case folders of every suite: those with an `args` file. */
async function cases(): Promise<Array<{ suite: string; name: string; dir: string }>> {
  const out = [];
  for await (const suite of Deno.readDir(TESTDATA)) {
    if (!suite.isDirectory) continue;
    for await (const c of Deno.readDir(join(TESTDATA, suite.name))) {
      const dir = join(TESTDATA, suite.name, c.name);
      if (c.isDirectory && await exists(join(dir, "args"))) {
        out.push({ suite: suite.name, name: c.name, dir });
      }
    }
  }
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}

for (const c of await cases()) {
  Deno.test(`golden case ${c.suite}/${c.name}`, async () => {
    const args = (await Deno.readTextFile(join(c.dir, "args"))).trim().split(/\s+/);
    const tree = await inputOf(c.dir, c.suite);
    const root = await Deno.makeTempDir({ prefix: "tfsync-golden-" });
    try {
      await copyTree(tree.dir, root);
      for (const p of tree.without) await Deno.remove(join(root, p));
      const input = await files(root);
      const r = await tfsync(root, args);
      const after = await files(root);
      // What the run created or changed; a removed file has no place in want/ and fails here.
      const changed = new Map([...after].filter(([p, b]) => !same(b, input.get(p))));
      const removed = [...input.keys()].filter((p) => !after.has(p));
      assert.deepEqual(removed, [], "files the run removed");
      const outputs = { stdout: r.stdout, stderr: r.stderr, exit: `${r.code}\n` };
      const wantDir = join(c.dir, "want");
      if (UPDATE) {
        for (const [name, text] of Object.entries(outputs)) {
          await Deno.writeTextFile(join(c.dir, name), text);
        }
        await Deno.remove(wantDir, { recursive: true }).catch(() => {});
        for (const [p, bytes] of changed) {
          await Deno.mkdir(dirname(join(wantDir, p)), { recursive: true });
          await Deno.writeFile(join(wantDir, p), bytes);
        }
        return;
      }
      for (const [name, text] of Object.entries(outputs)) {
        assert.equal(text, await expected(join(c.dir, name)), `${name} of ${c.name}`);
      }
      if (changed.size > 0 && !(await exists(wantDir))) await expected(wantDir);
      const want = await files(wantDir);
      const decode = (b?: Uint8Array) => b && new TextDecoder().decode(b);
      assert.deepEqual([...changed.keys()].sort(), [...want.keys()].sort(), "files changed");
      for (const [p, bytes] of want) assert.equal(decode(changed.get(p)), decode(bytes), p);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}
