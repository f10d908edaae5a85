// The pull-request body: promote, backport, sync and apply with --format markdown print, per file,
// each variable's old → new value, then the conflicts, the pending promotions the run leaves (what
// `tfsync check` lists once the files hold their new text) and what is unclassified. Exact output,
// golden files in tests/testdata/pr-body/ (deno task test:update rewrites them).
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { changedPaths, REPO, snapshotTree, tfsync, withCopy } from "./_cli.ts";

const UPDATE = Deno.env.get("TFSYNC_UPDATE") === "1";
const GOLDEN = join(REPO, "tests", "testdata", "pr-body");
const DATE = ["--date", "2026-01-05", "--format", "markdown"];

async function golden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, actual);
  }
  assert.equal(actual, await Deno.readTextFile(path), `output differs from ${name}`);
}

const CASES: Array<[string, string[]]> = [
  ["promote.md", ["promote", "--from", "englacial", "--to", "prod"]],
  ["backport.md", ["backport", "--from", "prod", "--to", "dev"]],
  ["sync.md", ["sync", "--from", "englacial", "--to", "prod", "--group", "images"]],
  ["apply.md", ["apply", "--to", "dev"]],
];

for (const [name, args] of CASES) {
  Deno.test(`${args[0]} --format markdown --dry-run is a pull-request body (${name})`, async () => {
    await withCopy(async (root) => {
      const before = await snapshotTree(root);
      const r = await tfsync(root, [...args, ...DATE, "--dry-run"]);
      assert.deepEqual([r.code, r.stderr], [0, ""]);
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      await golden(name, r.stdout);
    });
  });
}

/** The pending findings `check --json` reports, as the PR body lists them. */
async function checkPending(root: string): Promise<string[]> {
  const report = JSON.parse((await tfsync(root, ["check", "--json"])).stdout);
  return report.findings
    .filter((f: { check: string }) => f.check === "pending")
    .map((f: { message: string; fix: string }) =>
      `- ${f.message}: ${f.fix}`.replace(/'(tfsync [^']*)'/g, "`$1`")
    );
}

Deno.test("a written promote's body lists the pending promotions check finds afterwards", async () => {
  await withCopy(async (root) => {
    const r = await tfsync(root, ["promote", "--from", "englacial", "--to", "prod", ...DATE, "-y"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes("Dry run"));
    const section = r.stdout.split("**Pending promotions** (1): where the features go next\n\n")[1];
    const listed = section.slice(0, section.indexOf("\n\n")).split("\n");
    assert.deepEqual(listed, await checkPending(root));
    assert.match(listed[0], /^- dev: 9 syncable values differ from the shared file /);
  });
});

Deno.test("with --fail-on-conflict the body says nothing was written, and lists no pending", async () => {
  await withCopy(async (root) => {
    const args = ["promote", "--from", "englacial", "--to", "prod", ...DATE, "--fail-on-conflict"];
    const r = await tfsync(root, args);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\n_Nothing written: conflicts \(--fail-on-conflict\)\._\n\n/);
    assert.match(r.stdout, /\n\*\*Conflicts\*\* \(4\): edited by hand since the last sync\n/);
    assert.ok(!r.stdout.includes("Pending promotions"));
  });
});
