// Conflicts in an environment of several own var files (env/{env}/a.tfvars, then b.tfvars): a
// hand edit is judged in the file the value is written in, not only in the last one, so
// --fail-on-conflict stops a promote that would overwrite it in an earlier file. And a run that
// plans again (another writer changed the files while it waited for the lock) lists the conflicts
// of the plan it writes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, snapshotTree, testIo, tfsync } from "./_cli.ts";
import { main } from "../mod.ts";
import { lockRoot } from "../lib/write/lock.ts";
import { hcl } from "./_layouts.ts";

const DATE = "2026-01-05";
const FILES: Record<string, string> = {
  "tfsync.hcl": hcl([
    'environment_files = ["common.tfvars", "env/{env}/a.tfvars", "env/{env}/b.tfvars"]',
    'shared_file       = "shared.tfvars"',
    'group "app" {',
    '  variables = ["image", "replicas"]',
    "}",
    'environment_specific = ["name"]',
  ]),
  "variables.tf": ["image", "replicas", "name"]
    .map((n) => `variable "${n}" {\n  default = null\n}\n`).join(""),
  "common.tfvars": "# every environment\n",
  "shared.tfvars": 'image    = "old"\nreplicas = 1\n',
  "env/dev/a.tfvars": 'name  = "dev"\nimage = "new"\n',
  "env/dev/b.tfvars": "replicas = 2\n",
  "env/prod/a.tfvars": 'name  = "prod"\nimage = "old"\n',
  "env/prod/b.tfvars": "replicas = 1\n",
};

/** The repository, with `edits` (file → text) over FILES. */
async function repo(edits: Record<string, string> = {}): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-conflicts-layered-" });
  for (const [f, text] of Object.entries({ ...FILES, ...edits })) {
    await Deno.mkdir(join(root, f, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, f), text);
  }
  return root;
}

const PROMOTE = ["promote", "--from", "dev", "--to", "prod", "--date", DATE];

/** promote --fail-on-conflict: its exit code and stdout, and the files it changed. */
async function refused(root: string) {
  const before = await snapshotTree(root);
  const r = await tfsync(root, [...PROMOTE, "--fail-on-conflict", "-y"]);
  return { ...r, changed: changedPaths(before, await snapshotTree(root)) };
}

Deno.test("promote --fail-on-conflict: no conflict when prod's files are as the last sync left them", async () => {
  const root = await repo();
  const r = await tfsync(root, [...PROMOTE, "--fail-on-conflict", "-y", "--no-backup"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /conflict/);
  assert.equal(await Deno.readTextFile(join(root, "env/prod/b.tfvars")), "replicas = 2\n");
});

Deno.test("promote --fail-on-conflict: a hand edit in an earlier own file is a conflict", async () => {
  const root = await repo({ "env/prod/a.tfvars": 'name  = "prod"\nimage = "prod-a"\n' });
  assert.deepEqual(await refused(root), {
    code: 1,
    stderr: "",
    stdout: [
      "1 conflict: prod differs from the last sync (shared.tfvars), edited since then;",
      "this value would be overwritten (lines of env/prod/a.tfvars):",
      "  variable  prod      line  last sync  new",
      '  image     "prod-a"     2  "old"      "new"',
      "Nothing written: --fail-on-conflict",
      "",
    ].join("\n"),
    changed: [],
  });
});

Deno.test("promote --fail-on-conflict: hand edits in two own files each name their file and line", async () => {
  const root = await repo({
    "env/prod/a.tfvars": 'name  = "prod"\nimage = "prod-a"\n',
    "env/prod/b.tfvars": "replicas = 5\n",
  });
  assert.deepEqual(await refused(root), {
    code: 1,
    stderr: "",
    stdout: [
      "2 conflicts: prod differs from the last sync (shared.tfvars), edited since then;",
      "these values would be overwritten:",
      "  variable  prod      file:line            last sync  new",
      '  image     "prod-a"  env/prod/a.tfvars:2  "old"      "new"',
      "  replicas  5         env/prod/b.tfvars:1  1          2",
      "Nothing written: --fail-on-conflict",
      "",
    ].join("\n"),
    changed: [],
  });
});

Deno.test("a hand edit after a sync in an earlier own file is a conflict though the last file's banner matches", async () => {
  // prod sets no replicas: applying the shared file adds it to b.tfvars under a banner whose
  // fingerprint is b's; a.tfvars's image is updated in place (no banner there).
  const root = await repo({
    "shared.tfvars": 'image    = "new"\nreplicas = 2\n',
    "env/prod/b.tfvars": "# prod's own\n",
  });
  const first = await tfsync(root, ["apply", "--to", "prod", "-y", "--no-backup", "--date", DATE]);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(
    await Deno.readTextFile(join(root, "env/prod/b.tfvars")),
    /^# Last synced: 2026-01-05 from: shared.tfvars \[values [0-9a-f]{8}\]\n[^]*^replicas = 2$/m,
  );
  const a = join(root, "env/prod/a.tfvars");
  assert.equal(await Deno.readTextFile(a), 'name  = "prod"\nimage = "new"\n');
  await Deno.writeTextFile(a, 'name  = "prod"\nimage = "hotfix"\n');
  await Deno.writeTextFile(join(root, "env/dev/a.tfvars"), 'name  = "dev"\nimage = "newer"\n');
  assert.deepEqual(await refused(root), {
    code: 1,
    stderr: "",
    stdout: [
      "1 conflict: prod differs from the last sync (shared.tfvars), edited since then;",
      "this value would be overwritten (lines of env/prod/a.tfvars):",
      "  variable  prod      line  last sync  new",
      '  image     "hotfix"     2  "new"      "newer"',
      "Nothing written: --fail-on-conflict",
      "",
    ].join("\n"),
    changed: [],
  });
});

Deno.test("a run that plans again after waiting for the lock lists the new plan's conflicts", async () => {
  const root = await repo();
  // Planned with no conflict; while it waits for the lock, prod's image is edited by hand.
  const lock = await lockRoot(root, "another tfsync (pid 1)");
  const io = testIo(root);
  const stderr = io.stderr;
  let edited: Promise<void> | undefined;
  io.stderr = (text) => {
    stderr(text);
    if (!text.includes("Waiting for")) return;
    edited = Deno.writeTextFile(
      join(root, "env/prod/a.tfvars"),
      'name  = "prod"\nimage = "prod-a"\n',
    )
      .then(() => lock.release());
  };
  const code = await main([...PROMOTE, "-y", "--no-backup"], io);
  await edited;
  assert.equal(code, 0, io.out + io.err);
  assert.equal(
    io.err,
    "tfsync promote: Waiting for another tfsync (pid 1) to finish writing\n" +
      "tfsync promote: Note: the files changed since they were read (another tfsync wrote them): " +
      "planning again\n",
  );
  // The conflicts, the target's diffs and the summary are all of the second plan.
  assert.equal(
    io.out,
    [
      "1 conflict: prod differs from the last sync (shared.tfvars), edited since then;",
      "this value will be overwritten (lines of env/prod/a.tfvars):",
      "  variable  prod      line  last sync  new",
      '  image     "prod-a"     2  "old"      "new"',
      "",
      "--- a/env/prod/a.tfvars",
      "+++ b/env/prod/a.tfvars",
      "@@ -1,2 +1,2 @@",
      ' name  = "prod"',
      '-image = "prod-a"',
      '+image = "new"',
      "",
      "--- a/env/prod/b.tfvars",
      "+++ b/env/prod/b.tfvars",
      "@@ -1,1 +1,1 @@",
      "-replicas = 1",
      "+replicas = 2",
      "",
      "shared.tfvars (extract from dev):",
      '  ~ image     "old" → "new"',
      "  ~ replicas  1 → 2",
      "env/prod/a.tfvars (apply to prod):",
      '  ~ image  "prod-a" → "new"',
      "env/prod/b.tfvars (apply to prod):",
      "  ~ replicas  1 → 2",
      "",
      "Wrote shared.tfvars",
      "Wrote env/prod/a.tfvars",
      "Wrote env/prod/b.tfvars",
      "",
    ].join("\n"),
  );
  assert.equal(
    await Deno.readTextFile(join(root, "env/prod/a.tfvars")),
    'name  = "prod"\nimage = "new"\n',
  );
});
