// The pull-request body: promote, backport, sync and apply with --format markdown print, per file,
// each variable's old → new value, then the conflicts, the pending promotions the run leaves (what
// `tfsync check` lists once the files hold their new text) and what is unclassified. The exact
// bodies are golden cases (tests/testdata/sync/pr_body_*, run by golden_cases_test.ts).
import assert from "node:assert/strict";
import { tfsync, withCopy } from "./_cli.ts";

const DATE = ["--date", "2026-01-05", "--format", "markdown"];

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
