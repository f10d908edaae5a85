// The README tells the truth (issue 13): its sections in the order a new user needs them, a
// "Coming from the Makefile" table whose every row is a target of the design's Makefile and a
// tfsync command that runs, and a by-hand check of a downloaded binary that works as written.
import assert from "node:assert/strict";
import { join } from "node:path";
import { needs, REPO, run, tfsync, which, withCopy } from "./_cli.ts";

const README = await Deno.readTextFile(join(REPO, "README.md"));
const DESIGN_MAKEFILE = join(REPO, "tests", "testdata", "check", "design.mk");

/** The text of the README section under `heading`, up to the next heading of its level or above. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const level = heading.indexOf(" ");
  const rest = README.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, "m"));
  return end < 0 ? rest : rest.slice(0, end);
}

Deno.test("README: install before usage, then each section issue 13 asks for, in its order", () => {
  const headings = [
    "## Install",
    "### A first release, and checking a binary by hand",
    "## Usage",
    "## The three layers",
    "## Conflicts",
    "## `--prune`",
    "## `.bak` files and `.gitignore`",
    "## Supported layouts and formats",
    "### OpenTofu",
    "## JSON output",
    "## GitHub Actions",
    "### Coming from the Makefile",
  ];
  const at = headings.map((h) => README.indexOf(`\n${h}\n`));
  assert.deepEqual(headings.filter((_, i) => at[i] < 0), [], "missing sections");
  assert.deepEqual([...at].sort((a, b) => a - b), at, "in this order");
  assert.match(section("## `.bak` files and `.gitignore`"), /^\*\.bak$/m);
});

Deno.test("README: each design target maps to a tfsync command that runs on the example", async () => {
  const targets = [...(await Deno.readTextFile(DESIGN_MAKEFILE)).matchAll(/^(sync-[a-z-]+):/gm)]
    .map((m) => m[1]);
  const rows = [
    ...section("### Coming from the Makefile").matchAll(
      /^\| `make (sync-[a-z-]+)[^`]*` +\| `tfsync ([^`]+)`/gm,
    ),
  ].map((m) => ({ target: m[1], args: m[2].split(" ") }));
  assert.deepEqual(rows.map((r) => r.target), targets, "one row per target, in the design's order");
  await withCopy(async (root) => {
    for (const { target, args } of rows) {
      const read = args[0] === "diff";
      const r = await tfsync(root, [...args, ...(read ? [] : ["--dry-run"])]);
      assert.equal(r.code, 0, `${target}: tfsync ${args.join(" ")}: ${r.stderr}`);
    }
  });
});

needs(
  { sha256sum: which("sha256sum") },
  "README: the by-hand check of a downloaded binary prints OK, and fails on a changed byte",
  async () => {
    const text = section("### A first release, and checking a binary by hand");
    const command = /`(sha256sum [^`]+)`/.exec(text)![1];
    const dir = await Deno.makeTempDir();
    try {
      const name = "tfsync-0.1.0-x86_64-unknown-linux-gnu";
      await Deno.writeTextFile(join(dir, name), "a binary\n");
      const sums = await run("sha256sum", [name], { cwd: dir });
      // The release's SHA256SUMS lists every target; only the downloaded one is here.
      await Deno.writeTextFile(
        join(dir, "SHA256SUMS"),
        sums.stdout + `${"0".repeat(64)}  tfsync-0.1.0-aarch64-apple-darwin\n`,
      );
      const [cmd, ...args] = command.split(" ");
      const ok = await run(cmd, args, { cwd: dir });
      assert.deepEqual([ok.code, ok.stdout], [0, `${name}: OK\n`]);
      await Deno.writeTextFile(join(dir, name), "a binary, changed\n");
      assert.equal((await run(cmd, args, { cwd: dir })).code, 1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
