// Syncing keys inside objects and maps end to end (issue 11): the forms_admin_settings
// promoted dev → staging changes only enable_opentelemetry; `node_groups.*.ami_version` syncs the
// version of every node group and nothing else; a second run writes nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import { snapshotTree, tempCopy, tfsync } from "./_cli.ts";
import { REPO } from "./_cli.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

const FIXTURE = join(REPO, "examples", "nested-values");
const STAGING = "environments/staging/terraform.tfvars";
const SHARED = "environments/shared-features.tfvars";

Deno.test("promote by path: only the synced keys change, every other byte stays", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    const before = await Deno.readTextFile(join(root, STAGING));
    const r = await tfsync(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    assert.equal(r.code, 0, r.stderr);
    const after = await Deno.readTextFile(join(root, STAGING));
    const changed = (text: string) => text.split("\n");
    const diff = changed(before).flatMap((l, i) => l === changed(after)[i] ? [] : [i + 1]);
    assert.deepEqual(diff, [3, 9, 12]);
    assert.equal(
      after,
      before
        .replace("enable_opentelemetry = false  ", "enable_opentelemetry = true   ")
        .replaceAll('"1.30.0-20241201"', '"1.31.2-20250101"'),
    );
    // As hashicorp/hcl reads it: the staging values, but for exactly the synced paths.
    const was = await readWithHcl(before, "before.tfvars");
    const now = await readWithHcl(after, "after.tfvars");
    // deno-lint-ignore no-explicit-any
    const w = was as any;
    w.forms_admin_settings.enable_opentelemetry = true;
    w.node_groups.general.ami_version = "1.31.2-20250101";
    w.node_groups.gpu.ami_version = "1.31.2-20250101";
    assert.deepEqual(now, w);
    assert.match(r.stdout, /~ forms_admin_settings\.enable_opentelemetry +false → true/);
    assert.match(
      r.stdout,
      /~ node_groups\.gpu\.ami_version +"1\.30\.0-20241201" → "1\.31\.2-20250101"/,
    );

    // A second run writes nothing: no file, no backup, no record, not even a time stamp.
    const tree = await snapshotTree(root);
    const again = await tfsync(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change\./);
    assert.deepEqual(await snapshotTree(root), tree);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("promote by path --json carries each path as steps and as a string", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    const r = await tfsync(root, [
      "promote",
      "--from",
      "dev",
      "--to",
      "staging",
      "--dry-run",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const target = JSON.parse(r.stdout).files[1];
    assert.deepEqual(target.changes[0].path, {
      steps: ["forms_admin_settings", "enable_opentelemetry"],
      string: "forms_admin_settings.enable_opentelemetry",
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a synced path whose parent is missing in the target is a warning, never a guess", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    const file = join(root, STAGING);
    const text = await Deno.readTextFile(file);
    const without = text.replace(/ {2}gpu = .*\n/, "");
    await Deno.writeTextFile(file, without);
    const r = await tfsync(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /Warning: environments\/staging\/terraform\.tfvars:6: node_groups\.gpu\.ami_version: node_groups\.gpu is not set in environments\/staging\/terraform\.tfvars/,
    );
    assert.ok(!(await Deno.readTextFile(file)).includes("gpu"));
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 0, check.stderr);
    assert.equal(
      check.stdout.split("\n")[0],
      "environments/staging/terraform.tfvars:6: warning: staging: node_groups.gpu.ami_version " +
        "is not synced: node_groups.gpu is not set here: set node_groups.gpu in staging (an object " +
        "or map) for the path to sync there [path]",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the sync fingerprint covers only the synced paths: an environment's own key edited is no drift", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    // A "SYNCED FEATURES" heading, so that the promote stamps staging's "Last synced:" line.
    const file = join(root, STAGING);
    const heading = "# SYNCED FEATURES (from shared-features.tfvars)\n\n";
    await Deno.writeTextFile(file, heading + await Deno.readTextFile(file));
    const promote = await tfsync(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    assert.equal(promote.code, 0, promote.stderr);
    const promoted = await Deno.readTextFile(file);
    assert.match(
      promoted.split("\n")[1],
      /^# Last synced: \d{4}-\d\d-\d\d from: dev \[values [0-9a-f]{8}\]$/,
    );
    const dev = join(root, "environments/dev/terraform.tfvars");
    const edit = async (path: string, from: string, to: string) => {
      const text = await Deno.readTextFile(path);
      assert.ok(text.includes(from), from);
      await Deno.writeTextFile(path, text.replace(from, to));
    };

    // staging's own domain edited by hand, then dev's next feature recorded: a pending promotion.
    await edit(file, '"staging.publishing', '"staging-2.publishing');
    await edit(dev, "enable_opentelemetry = true ", "enable_opentelemetry = false");
    const extract = await tfsync(root, ["extract", "--from", "dev", "-y"]);
    assert.equal(extract.code, 0, extract.stderr);
    const pending = await tfsync(root, ["check"]);
    assert.equal(pending.code, 0, pending.stdout);
    assert.match(
      pending.stdout,
      /^environments\/staging\/terraform\.tfvars:2: warning: staging: 1 syncable value differs from the shared file \(forms_admin_settings\.enable_opentelemetry\): not promoted yet/,
    );

    // A synced key edited by hand is drift, at its line.
    await Deno.writeTextFile(file, promoted);
    await edit(file, "enable_opentelemetry = true ", "enable_opentelemetry = false");
    await edit(dev, "enable_opentelemetry = false", "enable_opentelemetry = true ");
    assert.equal((await tfsync(root, ["extract", "--from", "dev", "-y"])).code, 0);
    const drift = await tfsync(root, ["check"]);
    assert.equal(drift.code, 1, drift.stdout);
    assert.match(
      drift.stdout,
      /^environments\/staging\/terraform\.tfvars:6: error: staging: forms_admin_settings\.enable_opentelemetry = false, but the shared file has true \(environments\/shared-features\.tfvars:\d+\); staging was edited after its last sync/m,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a heredoc synced into a one-line object goes in as the same string, quoted", async () => {
  const root = await Deno.makeTempDir({ prefix: "tfsync-heredoc-" });
  try {
    const write = async (path: string, text: string) => {
      await Deno.mkdir(join(root, path, ".."), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    };
    await write(
      "tfsync.hcl",
      'group "g" {\n  variables = ["s.doc"]\n}\nenvironment_specific = ["s"]\n',
    );
    await write(
      "environments/dev/terraform.tfvars",
      's = {\n  doc = <<EOT\nhello\nEOT\n  own = "dev"\n}\n',
    );
    await write("environments/prod/terraform.tfvars", 's = { doc = "x", own = "prod" }\n');
    const sync = ["sync", "--from", "dev", "--to", "prod", "--group", "g", "-y"];
    const r = await tfsync(root, sync);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      await Deno.readTextFile(join(root, "environments/prod/terraform.tfvars")),
      's = { doc = "hello\\n", own = "prod" }\n',
    );
    assert.match((await tfsync(root, sync)).stdout, /Nothing to change\./);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("sync --prune by path removes a synced key the source lacks, with its line", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    const dev = join(root, "environments/dev/terraform.tfvars");
    const text = await Deno.readTextFile(dev);
    await Deno.writeTextFile(dev, text.replace('    ami_version   = "1.31.2-20250101"\n', ""));
    const staging = await Deno.readTextFile(join(root, STAGING));
    const sync = ["sync", "--from", "dev", "--to", "staging", "--group", "observability", "-y"];
    const kept = await tfsync(root, sync);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(
      kept.stdout,
      /left alone \(--prune removes it\): node_groups\.general\.ami_version/,
    );
    const pruned = await tfsync(root, [...sync, "--prune"]);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.equal(
      await Deno.readTextFile(join(root, STAGING)),
      staging.replace('    ami_version   = "1.30.0-20241201"\n', "")
        .replace("enable_opentelemetry = false  ", "enable_opentelemetry = true   ")
        .replaceAll('"1.30.0-20241201"', '"1.31.2-20250101"'),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("promote --prune by path removes the synced keys the source's objects lack", async () => {
  const root = await tempCopy(FIXTURE);
  try {
    const dev = join(root, "environments/dev/terraform.tfvars");
    const text = await Deno.readTextFile(dev);
    await Deno.writeTextFile(
      dev,
      text.replace('    ami_version   = "1.31.2-20250101"\n', "").replace(
        / {2}enable_opentelemetry.*\n/,
        "",
      ),
    );
    const promote = ["promote", "--from", "dev", "--to", "staging", "-y"];
    const kept = await tfsync(root, promote);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(
      kept.stdout,
      /left alone \(--prune removes it\): forms_admin_settings\.enable_opentelemetry/,
    );
    // The record keeps the objects the source has, empty where none of their keys syncs.
    assert.match(
      await Deno.readTextFile(join(root, SHARED)),
      /^forms_admin_settings = \{\}\nnode_groups = \{\n {2}general = \{\}\n/m,
    );
    const pruned = await tfsync(root, [...promote, "--prune"]);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.equal(
      await Deno.readTextFile(join(root, STAGING)),
      [
        "forms_admin_settings = {",
        '  govuk_app_domain = "staging.publishing.service.gov.uk" # this environment\'s own',
        "}",
        "",
        "node_groups = {",
        "  general = {",
        '    instance_type = "m5.2xlarge" # staging is bigger',
        "    min_size      = 3",
        "  }",
        '  gpu = { instance_type = "g5.2xlarge", ami_version = "1.31.2-20250101" }',
        "}",
        "",
      ].join("\n"),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
