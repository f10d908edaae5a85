// Layouts with several var files of an environment's own (issue 10): a shared layer, then
// envs/{env}/common.tfvars, then envs/{env}/app.tfvars. diff, check, explain and matrix name the
// file each value comes from; --prune removes from each own file that sets a variable.
import assert from "node:assert/strict";
import { join } from "node:path";
import { tfsync } from "./_cli.ts";
import { hcl } from "./_layouts.ts";

const FILES: Record<string, string> = {
  "tfsync.hcl": hcl([
    'environment_files = ["envs/shared.tfvars", "envs/{env}/common.tfvars", "envs/{env}/app.tfvars"]',
    'shared_file       = "record.tfvars"',
    'group "app" {',
    '  variables = ["image_tag", "replicas", "legacy", "debug"]',
    "}",
    'environment_specific = ["name"]',
  ]),
  "variables.tf": ["image_tag", "replicas", "legacy", "debug", "name"]
    .map((n) => `variable "${n}" {\n  default = null\n}\n`).join(""),
  "envs/shared.tfvars": "replicas = 1 # everyone\n",
  "envs/dev/common.tfvars": 'name      = "dev"\nimage_tag = "v2"\n',
  "envs/dev/app.tfvars": "replicas = 3\n",
  "envs/prod/common.tfvars":
    'name      = "prod"\nimage_tag = "v1"\nlegacy    = "common"\ndebug     = false\n',
  "envs/prod/app.tfvars": 'legacy = "app"\n',
};

async function layered(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-layered-" });
  for (const [f, text] of Object.entries(FILES)) {
    await Deno.mkdir(join(root, f, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, f), text);
  }
  return root;
}

/** Every file of the tree (the run records aside), with its text. */
async function tree(root: string, dir = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(join(root, dir))) {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory) Object.assign(out, await tree(root, path));
    else if (!e.name.startsWith(".tfsync-")) out[path] = await Deno.readTextFile(join(root, path));
  }
  return out;
}

const FROM_FILES = [
  "=== FROM FILES ===",
  "image_tag: dev envs/dev/common.tfvars:2, prod envs/prod/common.tfvars:2",
  "replicas: dev envs/dev/app.tfvars:1, prod envs/shared.tfvars:1",
  "legacy: dev variables.tf:7, prod envs/prod/app.tfvars:1",
  "debug: dev variables.tf:10, prod envs/prod/common.tfvars:4",
  "",
].join("\n");

Deno.test("diff names the file each value comes from, a layer or the default", async () => {
  const out = await tfsync(await layered(), ["diff", "--from", "dev", "--to", "prod"]);
  assert.equal(out.code, 0, out.stderr);
  assert.ok(
    out.stdout.endsWith("=== UNCLASSIFIED ===\n(no differences)\n" + FROM_FILES + "\n"),
    out.stdout,
  );
});

Deno.test("check names the layer a differing value is set in", async () => {
  const out = await tfsync(await layered(), ["check"]);
  assert.deepEqual(out, {
    code: 1,
    stderr: "",
    stdout: [
      "record.tfvars: warning: the shared file does not exist: drift is checked between the environments instead: run 'tfsync extract --from ENV' to create it [shared]",
      "envs/dev/app.tfvars:1: error: replicas differs between environments: 3 in dev; 1 in prod [drift]",
      'envs/dev/common.tfvars:2: error: image_tag differs between environments: "v2" in dev; "v1" in prod [drift]',
      'envs/prod/app.tfvars:1: error: legacy differs between environments: null (default) in dev; "app" in prod [drift]',
      "envs/prod/common.tfvars:4: error: debug differs between environments: null (default) in dev; false in prod [drift]",
      "4 findings [drift]: run 'tfsync extract --from ENV' to record one environment's values, then 'tfsync apply --to ENV' for the others",
      "",
      "2 environments, 4 syncable variables: 4 errors, 1 warning",
      "",
    ].join("\n"),
  });
});

Deno.test("explain lists every layer of each environment", async () => {
  const out = await tfsync(await layered(), ["explain", "legacy"]);
  assert.deepEqual(out, {
    code: 0,
    stderr: "",
    stdout: [
      'legacy: syncable, group "app"',
      "",
      "  variable      variables.tf:7: type (any), default null",
      "  shared file   none",
      "",
      "  ENVIRONMENT  VALUE  WINS     FROM",
      "  dev          null   default  variables.tf:7",
      "      shared layer envs/shared.tfvars: not set",
      "      layer envs/dev/common.tfvars: not set",
      "      layer envs/dev/app.tfvars: not set",
      '  prod         "app"  tfvars   envs/prod/app.tfvars:1',
      "      shared layer envs/shared.tfvars: not set",
      '      layer envs/prod/common.tfvars:3: "common"',
      '      layer envs/prod/app.tfvars:1: "app"',
      "",
    ].join("\n"),
  });
});

Deno.test("matrix names the file of each value of a differing row", async () => {
  const out = await tfsync(await layered(), ["matrix"]);
  assert.deepEqual(out, {
    code: 0,
    stderr: "",
    stdout: [
      // Two environments that differ: neither value is the one most environments have.
      "GROUP  VARIABLE   dev      prod",
      'app    image_tag  "v2"*    "v1"*',
      "app    replicas   3*       1*",
      'app    legacy     (null)*  "app"*',
      "app    debug      (null)*  false*",
      "",
      "* differs from the value most environments have (there is no shared file); (value): not set, the variables.tf default; -: no value",
      "",
      FROM_FILES,
    ].join("\n"),
  });
});

Deno.test("--prune removes from each own file that sets a variable, never from the shared layer", async () => {
  const root = await layered();
  const out = await tfsync(root, [
    "promote",
    "--from",
    "dev",
    "--to",
    "prod",
    "-y",
    "--no-backup",
    "--prune",
    "--date",
    "2026-01-05",
  ]);
  assert.equal(out.code, 0, out.stderr);
  assert.ok(
    out.stdout.includes(
      [
        'Set in prod but not in dev, removed (--prune): legacy = "common" (envs/prod/common.tfvars:3)',
        "Set in prod but not in dev, removed (--prune): debug = false (envs/prod/common.tfvars:4)",
        'Set in prod but not in dev, removed (--prune): legacy = "app" (envs/prod/app.tfvars:1)',
      ].join("\n"),
    ),
    out.stdout,
  );
  const after = await tree(root);
  const record = after["record.tfvars"];
  delete after["record.tfvars"];
  assert.deepEqual(after, {
    ...FILES,
    // replicas: 3 in dev, the shared layer's 1 in prod: set in prod's last own file.
    "envs/prod/common.tfvars": 'name      = "prod"\nimage_tag = "v2"\n',
    "envs/prod/app.tfvars": [
      "# =============================================================================",
      "# SYNCED FEATURES (from record.tfvars)",
      "# Last synced: 2026-01-05 from: dev [values 9776e15e]",
      "# =============================================================================",
      "",
      "# app",
      "replicas = 3",
      "",
    ].join("\n"),
  });
  assert.ok(record.endsWith('\nimage_tag = "v2"\nreplicas  = 3\n'), record);
  const again = await tfsync(root, ["promote", "--from", "dev", "--to", "prod", "-y", "--prune"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await tree(root), { ...after, "record.tfvars": record });
});

const PROMOTE = ["promote", "--from", "dev", "--to", "prod", "-y", "--date", "2026-01-05"];

Deno.test("restore --env puts back every own file the run wrote, together, and undoes itself", async () => {
  const root = await layered();
  assert.equal((await tfsync(root, PROMOTE)).code, 0);
  const promoted = await tree(root);
  const own = ["envs/prod/common.tfvars", "envs/prod/app.tfvars"];
  for (const f of own) assert.equal(promoted[f + ".bak"], FILES[f], f);
  const out = await tfsync(root, ["restore", "--env", "prod", "-y"]);
  assert.deepEqual(out, {
    code: 0,
    stderr: "",
    stdout:
      "Restored envs/prod/common.tfvars from envs/prod/common.tfvars.bak; the replaced version is now envs/prod/common.tfvars.bak\n" +
      "Restored envs/prod/app.tfvars from envs/prod/app.tfvars.bak; the replaced version is now envs/prod/app.tfvars.bak (run 'tfsync restore --env prod' again to undo)\n",
  });
  const swapped = Object.fromEntries(
    own.flatMap((f) => [[f, FILES[f]], [f + ".bak", promoted[f]]]),
  );
  assert.deepEqual(await tree(root), { ...promoted, ...swapped });
  assert.equal((await tfsync(root, ["restore", "--env", "prod", "-y"])).code, 0);
  assert.deepEqual(await tree(root), promoted);
});

Deno.test("restore --env leaves an own file's older .bak when the last run did not write it", async () => {
  const root = await layered();
  assert.equal((await tfsync(root, PROMOTE)).code, 0);
  // The second promote changes replicas alone, in prod's app.tfvars; common.tfvars.bak stays
  // the first run's.
  await Deno.writeTextFile(join(root, "envs/dev/app.tfvars"), "replicas = 5\n");
  assert.equal((await tfsync(root, PROMOTE)).code, 0);
  const before = await tree(root);
  assert.equal(before["envs/prod/common.tfvars.bak"], FILES["envs/prod/common.tfvars"]);
  const out = await tfsync(root, ["restore", "--env", "prod", "-y"]);
  assert.deepEqual([out.code, out.stdout], [
    0,
    "Restored envs/prod/app.tfvars from envs/prod/app.tfvars.bak; the replaced version is now envs/prod/app.tfvars.bak (run 'tfsync restore --env prod' again to undo)\n",
  ]);
  assert.deepEqual(await tree(root), {
    ...before,
    "envs/prod/app.tfvars": before["envs/prod/app.tfvars.bak"],
    "envs/prod/app.tfvars.bak": before["envs/prod/app.tfvars"],
  });
});

Deno.test("restore --env with no .bak of any own file is exit 2 and names them", async () => {
  const root = await layered();
  assert.deepEqual(await tfsync(root, ["restore", "--env", "prod", "-y"]), {
    code: 2,
    stdout: "",
    stderr:
      "tfsync restore: envs/prod/app.tfvars: Nothing to restore: none of envs/prod/common.tfvars, envs/prod/app.tfvars has a .bak\n",
  });
  assert.deepEqual(await tree(root), FILES);
});

Deno.test("unclassified variables are listed from every var file read, each named as its own file", async () => {
  const root = await layered();
  const add = (f: string, line: string) =>
    Deno.writeTextFile(join(root, f), line, { append: true });
  // One in the shared layer, one in each environment's earlier own file, one in prod's last.
  await add("envs/shared.tfvars", 'region = "eu"\n');
  await add("envs/dev/common.tfvars", 'owner = "dev-team"\n');
  await add("envs/prod/common.tfvars", 'owner = "ops"\n');
  await add("envs/prod/app.tfvars", 'zone = "b"\n');
  const listed = async (args: string[]) => {
    const out = await tfsync(root, [...args, "--dry-run", "--json"]);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    return JSON.parse(out.stdout).unclassified;
  };
  assert.deepEqual(await listed(["promote", "--from", "dev", "--to", "prod"]), [
    { name: "region", files: ["envs/shared.tfvars"] },
    { name: "owner", files: ["envs/dev/common.tfvars", "envs/prod/common.tfvars"] },
    { name: "zone", files: ["envs/prod/app.tfvars"] },
  ]);
  assert.deepEqual(await listed(["extract", "--from", "dev"]), [
    { name: "region", files: ["envs/shared.tfvars"] },
    { name: "owner", files: ["envs/dev/common.tfvars"] },
  ]);
  await tfsync(root, ["extract", "--from", "dev", "-y", "--no-backup"]);
  assert.deepEqual(await listed(["apply", "--to", "prod"]), [
    { name: "region", files: ["envs/shared.tfvars"] },
    { name: "owner", files: ["envs/prod/common.tfvars"] },
    { name: "zone", files: ["envs/prod/app.tfvars"] },
  ]);
});
