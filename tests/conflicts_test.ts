// Conflicts mean hand edits (#12 req 5), end to end on copies of the bundled example: the
// design's two-step flow (extract, then apply --fail-on-conflict) judges conflicts against the
// record as it was before the extract; the table fits 80 columns, a long value shortened where it
// differs; a comment above an overwritten value that mentions the old value is pointed out.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, snapshotTree, tfsync, withCopy } from "./_cli.ts";

const DATE = "2026-01-05";
const SHARED = "environments/shared-features.tfvars";
const PROD = "environments/prod/terraform.tfvars";
const TEST = "environments/englacial/terraform.tfvars";

const read = (root: string, f: string) => Deno.readTextFile(join(root, f));
async function edit(root: string, file: string, from: RegExp, to: string): Promise<void> {
  const text = await read(root, file);
  assert.match(text, from);
  await Deno.writeTextFile(join(root, file), text.replace(from, to));
}

async function ok(root: string, args: string[]): Promise<string> {
  const r = await tfsync(root, [...args, "--date", DATE]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r.stdout;
}

/** prod promoted from the test environment, then a new image tested there and extracted. */
async function extractedAfterPromote(root: string, handEdit?: () => Promise<void>) {
  await ok(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
  await handEdit?.();
  await edit(
    root,
    TEST,
    /^singleuser_image_tag = "2025\.12\.18"/m,
    'singleuser_image_tag = "2026.01.02"',
  );
  await ok(root, ["extract", "--from", "englacial", "-y"]);
  assert.match(await read(root, SHARED), /^singleuser_image_tag {2}= "2026\.01\.02"/m);
}

Deno.test("extract, then apply --fail-on-conflict: no conflicts when prod was not edited since its sync", async () => {
  await withCopy(async (root) => {
    await extractedAfterPromote(root);
    const out = await ok(root, ["apply", "--to", "prod", "--fail-on-conflict", "-y"]);
    assert.doesNotMatch(out, /conflict/);
    assert.match(await read(root, PROD), /^singleuser_image_tag {2}= "2026\.01\.02"/m);
  });
});

Deno.test("extract, then apply --fail-on-conflict: a hand edit in prod since its sync is the one conflict", async () => {
  await withCopy(async (root) => {
    await extractedAfterPromote(
      root,
      () => edit(root, PROD, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 50"),
    );
    const before = await snapshotTree(root);
    const r = await tfsync(root, ["apply", "--to", "prod", "--fail-on-conflict", "--date", DATE]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const line = (await read(root, PROD)).split("\n")
      .findIndex((l) => l.startsWith("dask_cluster_max_cores = 50")) + 1;
    assert.equal(
      r.stdout,
      "1 conflict: prod differs from the last sync (environments/shared-features.tfvars\n" +
        "before its last change (.tfsync-previous-record.json)), edited since then; this\n" +
        "value would be overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable                prod  line  last sync  new\n" +
        `  dask_cluster_max_cores  50     ${line}  200        200\n` +
        "Nothing written: --fail-on-conflict\n",
    );
    // --json: the record's side is the shared file's value at the last sync, and its line then.
    const json = await tfsync(root, ["apply", "--to", "prod", "--fail-on-conflict", "--json"]);
    assert.deepEqual(JSON.parse(json.stdout).conflicts.map((c: { record: unknown }) => c.record), [
      { value: 200, file: SHARED, line: 19, default: false },
    ]);
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

Deno.test("apply after the extract that created the shared file: no earlier record, no conflicts", async () => {
  await withCopy(async (root) => {
    await Deno.remove(join(root, SHARED));
    await ok(root, ["extract", "--from", "englacial", "-y"]);
    // prod differs from englacial in 4 syncable values, none of them recorded before.
    const out = await ok(root, ["apply", "--to", "prod", "--fail-on-conflict", "-y"]);
    assert.doesNotMatch(out, /conflict/);
    assert.match(await read(root, PROD), /^dask_cluster_max_cores = 200/m);
  });
});

Deno.test("a shared file changed after the extract by other means is the record again", async () => {
  await withCopy(async (root) => {
    await extractedAfterPromote(
      root,
      () => edit(root, PROD, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 50"),
    );
    // A hand edit of the shared file: the kept record no longer describes what it replaced.
    await edit(root, SHARED, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 100");
    const r = await tfsync(root, ["apply", "--to", "prod", "--fail-on-conflict", "--json"]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.conflicts.map((
        c: { name: string; record: { value: unknown } },
      ) => [c.name, c.record.value]),
      [["singleuser_image_tag", "2026.01.02"], ["dask_cluster_max_cores", 100]],
    );
  });
});

Deno.test("the conflicts table fits 80 columns: a long value is shortened where it differs", async () => {
  await withCopy(async (root) => {
    const long = (tail: string) =>
      `"quay.io/example-org/jupyter/pangeo-notebook-geospatial-${tail}"`;
    const name = /^singleuser_image_name\s*=.*$/m;
    await edit(root, SHARED, name, `singleuser_image_name = ${long("2025.11-base")}`);
    await edit(root, PROD, name, `singleuser_image_name = ${long("2025.10-hotfix")}`);
    await edit(root, TEST, name, `singleuser_image_name = ${long("2025.12-base")}`);
    const sync = ["sync", "--from", "englacial", "--to", "prod", "--vars", "singleuser_image_name"];
    const r = await tfsync(root, [...sync, "--fail-on-conflict"]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      "1 conflict: prod differs from the last sync\n" +
        "(environments/shared-features.tfvars), edited since then; this value would be\n" +
        "overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable               prod             line  last sync        new\n" +
        `  singleuser_image_name  …025.10-hotfix"   107  …-2025.11-base"  …-2025.12-base"\n` +
        "Nothing written: --fail-on-conflict\n",
    );
    assert.deepEqual(r.stdout.split("\n").filter((l) => l.length > 80), []);
  });
});

Deno.test("a comment above an overwritten value that mentions the old value is pointed out", async () => {
  await withCopy(async (root) => {
    await edit(
      root,
      PROD,
      /^singleuser_image_tag {2}= "2025\.06\.02"/m,
      '# pinned to 2025.06.02 until INC-42\nsingleuser_image_tag = "2025.06.02"',
    );
    const sync = ["sync", "--from", "englacial", "--to", "prod", "--group", "images", "--dry-run"];
    const r = await tfsync(root, sync);
    assert.equal(r.code, 0, r.stderr);
    const notes = r.stdout.split("\n").filter((l) => l.startsWith("Note:"));
    assert.deepEqual(notes, [
      "Note: environments/prod/terraform.tfvars:108: the comment above singleuser_image_tag " +
      "mentions its old value 2025.06.02; review it: # pinned to 2025.06.02 until INC-42",
    ]);
    const json = JSON.parse((await tfsync(root, [...sync, "--json"])).stdout);
    assert.deepEqual(json.stale_comments, [{
      name: "singleuser_image_tag",
      file: PROD,
      line: 108,
      value: "2025.06.02",
      comment: "# pinned to 2025.06.02 until INC-42",
    }]);
  });
});

/** promote --fail-on-conflict after a promote: exit code, stdout, and the files it changed. */
async function promoteAgain(root: string) {
  const before = await snapshotTree(root);
  const r = await tfsync(root, [
    "promote",
    "--from",
    "englacial",
    "--to",
    "prod",
    "--fail-on-conflict",
    "--date",
    DATE,
  ]);
  return {
    code: r.code,
    stdout: r.stdout,
    changed: changedPaths(before, await snapshotTree(root)),
  };
}

const tagLine = async (root: string) =>
  (await read(root, PROD)).split("\n").findIndex((l) => l.startsWith("singleuser_image_tag")) + 1;

Deno.test("after a promote, a hand edit back to the old value in its target is a conflict on the next one", async () => {
  await withCopy(async (root) => {
    // The first promote syncs prod to 2025.12.18 (the shared file had 2025.11.30).
    await ok(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
    await edit(
      root,
      PROD,
      /^singleuser_image_tag {2}= "2025\.12\.18"/m,
      'singleuser_image_tag = "2025.11.30"',
    );
    await edit(
      root,
      TEST,
      /^singleuser_image_tag = "2025\.12\.18"/m,
      'singleuser_image_tag = "2026.01.02"',
    );
    assert.deepEqual(await promoteAgain(root), {
      code: 1,
      stdout: "1 conflict: prod differs from the last sync\n" +
        "(environments/shared-features.tfvars), edited since then; this value would be\n" +
        "overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable              prod          line  last sync     new\n" +
        `  singleuser_image_tag  "2025.11.30"   ${await tagLine(
          root,
        )}  "2025.12.18"  "2026.01.02"\n` +
        "Nothing written: --fail-on-conflict\n",
      changed: [],
    });
  });
});

Deno.test("after a promote, the next one's conflicts are the hand edits, not the values the last one wrote", async () => {
  await withCopy(async (root) => {
    await ok(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
    await edit(root, PROD, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 50");
    // Both values change again; only dask_cluster_max_cores was edited in prod since.
    await edit(
      root,
      TEST,
      /^singleuser_image_tag = "2025\.12\.18"/m,
      'singleuser_image_tag = "2026.01.02"',
    );
    await edit(root, TEST, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 300");
    const line = (await read(root, PROD)).split("\n")
      .findIndex((l) => l.startsWith("dask_cluster_max_cores = 50")) + 1;
    assert.deepEqual(await promoteAgain(root), {
      code: 1,
      stdout: "1 conflict: prod differs from the last sync\n" +
        "(environments/shared-features.tfvars), edited since then; this value would be\n" +
        "overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable                prod  line  last sync  new\n" +
        `  dask_cluster_max_cores  50     ${line}  200        300\n` +
        "Nothing written: --fail-on-conflict\n",
      changed: [],
    });
  });
});

Deno.test("extract, apply, then a hand edit back to the value before the extract: the next apply finds it", async () => {
  await withCopy(async (root) => {
    await extractedAfterPromote(root);
    await ok(root, ["apply", "--to", "prod", "-y"]);
    // prod was synced to 2026.01.02; it goes back to 2025.12.18 by hand, the kept record's value.
    await edit(
      root,
      PROD,
      /^singleuser_image_tag {2}= "2026\.01\.02"/m,
      'singleuser_image_tag = "2025.12.18"',
    );
    const before = await snapshotTree(root);
    const r = await tfsync(root, ["apply", "--to", "prod", "--fail-on-conflict", "--date", DATE]);
    assert.deepEqual({ code: r.code, stdout: r.stdout }, {
      code: 1,
      stdout: "1 conflict: prod differs from the last sync\n" +
        "(environments/shared-features.tfvars), edited since then; this value would be\n" +
        "overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable              prod          line  last sync     new\n" +
        `  singleuser_image_tag  "2025.12.18"   ${await tagLine(
          root,
        )}  "2026.01.02"  "2026.01.02"\n` +
        "Nothing written: --fail-on-conflict\n",
    });
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

Deno.test("the kept record lists the environments synced to the shared file as it is: apply, not a partial sync", async () => {
  await withCopy(async (root) => {
    await extractedAfterPromote(root);
    const synced = async () => JSON.parse(await read(root, ".tfsync-previous-record.json")).synced;
    assert.equal(await synced(), undefined);
    // One value, already the shared file's: prod's other values are not synced to it.
    const vars = ["--vars", "singleuser_image_tag", "-y"];
    await ok(root, ["sync", "--from", "englacial", "--to", "prod", ...vars]);
    assert.match(await read(root, PROD), /^singleuser_image_tag {2}= "2026\.01\.02"/m);
    assert.equal(await synced(), undefined);
    // A run that writes nothing records nothing: apply has a value to write back.
    await edit(root, PROD, /^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 50");
    await ok(root, ["apply", "--to", "prod", "-y"]);
    assert.deepEqual(await synced(), ["prod"]);
    await ok(root, ["promote", "--from", "englacial", "--to", "dev", "-y"]);
    assert.deepEqual(await synced(), ["prod", "dev"]);
  });
});

Deno.test("restore --env takes the environment out of the synced list: its record is the previous text again", async () => {
  await withCopy(async (root) => {
    const synced = async () => JSON.parse(await read(root, ".tfsync-previous-record.json")).synced;
    await ok(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
    await ok(root, ["promote", "--from", "englacial", "--to", "dev", "-y"]);
    assert.deepEqual(await synced(), ["prod", "dev"]);
    await ok(root, ["restore", "--env", "prod", "-y"]);
    assert.deepEqual(await synced(), ["dev"]);
    // prod holds its values from before the promote again: they are judged against the record
    // from before it (the image it had then is no conflict; the hand edits it had are).
    const r = await tfsync(root, ["promote", "--from", "englacial", "--to", "prod", "--dry-run"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /\n {2}singleuser_image_tag +"2025\.06\.02" +\d+ +"2025\.11\.30" +"2025\.12\.18"\n/,
    );
    await ok(root, ["restore", "--env", "dev", "-y"]);
    const { synced: none, ...rest } = JSON.parse(await read(root, ".tfsync-previous-record.json"));
    assert.equal(none, undefined);
    assert.deepEqual(Object.keys(rest).sort(), ["before", "shared", "written"]);
  });
});
