// The one equality, end to end: values equal after conversion to the variable's declared type
// ("true" is true for a bool, 60 * 60 * 24 is 86400, "3" is 3 in a map(number), inside an object
// and at a synced path inside one) are no difference to diff, check, matrix, explain, conflicts or
// a promote; the same pairs with one side changed are.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, snapshotTree, tfsync } from "./_cli.ts";

const VARIABLES = `variable "region" {
  type = string
}
variable "ip_only" {
  type = bool
}
variable "cull_timeout" {
  type = number
}
variable "flags" {
  type = object({ enabled = bool })
}
variable "limits" {
  type = map(number)
}
variable "settings" {
  type = object({ enabled = bool, name = string })
}
`;

// flags and limits sync whole; settings syncs by path (its name is the environment's).
const CONFIG = `group "features" {
  variables = ["ip_only", "cull_timeout", "flags", "limits", "settings.enabled"]
}
environment_specific = ["region", "settings"]
`;

const DEV = `region       = "us-west-2"
ip_only      = "true"
cull_timeout = 60 * 60 * 24
flags        = { enabled = "true" }
limits       = { cpu = "3" }
settings     = { enabled = "true", name = "dev" }
`;

const PROD = `region       = "us-east-1"
ip_only      = true
cull_timeout = 86400
flags        = { enabled = true }
limits       = { cpu = 3 }
settings     = { enabled = true, name = "prod" }
`;

// The record of the last sync, written from prod.
const SHARED = `# Extracted from: prod
# Date: 2026-01-01

ip_only      = true
cull_timeout = 86400
flags        = { enabled = true }
limits       = { cpu = 3 }
settings     = { enabled = true }
`;

// Each syncable row: a variable synced whole, or the path synced inside settings.
const NAMES = ["ip_only", "cull_timeout", "flags", "limits", "settings.enabled"];
const SHARED_FILE = "environments/shared-features.tfvars";

/** Runs `fn` in a new folder holding `files` (path → text), removed afterwards. */
async function withFiles(
  files: Record<string, string>,
  fn: (root: string) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-typed-" });
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(join(root, path, ".."), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    }
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

function withRepo(
  files: { dev: string; prod: string; shared?: string },
  fn: (root: string) => Promise<void>,
): Promise<void> {
  return withFiles({
    "variables.tf": VARIABLES,
    "tfsync.hcl": CONFIG,
    "environments/dev/terraform.tfvars": files.dev,
    "environments/prod/terraform.tfvars": files.prod,
    ...(files.shared !== undefined && { [SHARED_FILE]: files.shared }),
  }, fn);
}

Deno.test("diff --exit-code: typed-equal pairs are no syncable difference (exit 0)", async () => {
  await withRepo({ dev: DEV, prod: PROD }, async (root) => {
    const r = await tfsync(root, ["diff", "--from", "dev", "--to", "prod", "--exit-code"]);
    assert.equal(r.stderr, "");
    assert.equal(
      r.stdout,
      "Comparing dev → prod\n\n=== SYNCABLE FEATURES ===\n(no differences)\n\n" +
        '=== ENVIRONMENT-SPECIFIC (not synced) ===\nregion: "us-west-2" → "us-east-1"\n' +
        'settings.name: "dev" → "prod"\n\n=== UNCLASSIFIED ===\n(no differences)\n',
    );
    assert.equal(r.code, 0);
  });
});

Deno.test("check: typed-equal pairs are no drift, with and without the shared file (exit 0)", async () => {
  for (const shared of [SHARED, undefined]) {
    await withRepo({ dev: DEV, prod: PROD, shared }, async (root) => {
      const r = await tfsync(root, ["check"]);
      assert.equal(r.stderr, "");
      const findings = shared === undefined
        ? `${SHARED_FILE}: warning: the shared file does not exist: drift is checked between ` +
          "the environments instead: run 'tfsync extract --from ENV' to create it [shared]\n\n"
        : "";
      const summary = shared === undefined ? "1 warning" : "no findings";
      assert.equal(r.stdout, `${findings}2 environments, 5 syncable variables: ${summary}\n`);
      assert.equal(r.code, 0);
    });
  }
});

Deno.test("matrix marks no cell of a typed-equal pair as differing", async () => {
  await withRepo({ dev: DEV, prod: PROD, shared: SHARED }, async (root) => {
    const r = await tfsync(root, ["matrix", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout).rows as Array<{
      variable: string;
      path?: { string: string };
      cells: Record<string, { differs: boolean }>;
    }>;
    assert.deepEqual(
      rows.map((row) => [
        row.path?.string ?? row.variable,
        row.cells.dev.differs,
        row.cells.prod.differs,
      ]),
      NAMES.map((n) => [n, false, false]),
    );
  });
});

Deno.test("explain: dev's typed-equal values do not differ from the shared file", async () => {
  await withRepo({ dev: DEV, prod: PROD, shared: SHARED }, async (root) => {
    for (const name of NAMES) {
      const r = await tfsync(root, ["explain", name, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      const envs = JSON.parse(r.stdout).environments as Array<
        { name: string; differs_from_shared: boolean }
      >;
      assert.deepEqual(
        envs.map((e) => [e.name, e.differs_from_shared]),
        [["dev", false], ["prod", false]],
        name,
      );
    }
  });
});

const TARGET = (env: string) => `environments/${env}/terraform.tfvars`;
const NOTHING: Array<{ args: string[]; plans: string[] }> = [
  {
    args: ["promote", "--from", "dev", "--to", "prod", "--fail-on-conflict"],
    plans: [`${SHARED_FILE} (extract from dev)`, `${TARGET("prod")} (apply to prod)`],
  },
  {
    args: ["promote", "--from", "prod", "--to", "dev", "--fail-on-conflict"],
    plans: [`${SHARED_FILE} (extract from prod)`, `${TARGET("dev")} (apply to dev)`],
  },
  {
    args: ["backport", "--from", "prod", "--to", "dev"],
    plans: [`${SHARED_FILE} (extract from prod)`, `${TARGET("dev")} (apply to dev)`],
  },
  {
    args: ["sync", "--group", "features", "--from", "dev", "--to", "prod"],
    plans: [`${SHARED_FILE} (recording the sync from dev)`, `${TARGET("prod")} (sync from dev)`],
  },
  { args: ["extract", "--from", "dev"], plans: [`${SHARED_FILE} (extract from dev)`] },
  { args: ["apply", "--to", "dev"], plans: [`${TARGET("dev")} (apply to dev)`] },
];

for (const c of NOTHING) {
  Deno.test(`${c.args.join(" ")}: typed-equal pairs only, so nothing to change and nothing written`, async () => {
    await withRepo({ dev: DEV, prod: PROD, shared: SHARED }, async (root) => {
      const before = await snapshotTree(root);
      const r = await tfsync(root, [...c.args, "--yes", "--date", "2026-01-05"]);
      assert.equal(r.stderr, "");
      assert.equal(
        r.stdout,
        c.plans.map((p) => `${p}: up to date\n`).join("") + "\nNothing to change.\n",
      );
      assert.equal(r.code, 0);
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      for (
        const [file, text] of [[SHARED_FILE, SHARED], [TARGET("dev"), DEV], [TARGET("prod"), PROD]]
      ) {
        assert.equal(await Deno.readTextFile(join(root, file)), text);
      }
    });
  });
}

// prod differs from the record only by typed-equal pairs; dev brings new values.
const DEV_NEW = `region       = "us-west-2"
ip_only      = false
cull_timeout = 3600
flags        = { enabled = false }
limits       = { cpu = 4 }
settings     = { enabled = false, name = "dev" }
`;

const PROD_EQUAL = `region       = "us-east-1"
ip_only      = "true"
cull_timeout = 60 * 60 * 24
flags        = { enabled = "true" }
limits       = { cpu = "3" }
settings     = { enabled = "true", name = "prod" }
`;

const PROMOTE = ["promote", "--from", "dev", "--to", "prod", "--yes", "--fail-on-conflict"];

Deno.test("promote --fail-on-conflict: a target typed-equal to the record is no conflict", async () => {
  await withRepo({ dev: DEV_NEW, prod: PROD_EQUAL, shared: SHARED }, async (root) => {
    const r = await tfsync(root, [...PROMOTE, "--date", "2026-01-05"]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /conflict/);
    const prod = await Deno.readTextFile(join(root, "environments/prod/terraform.tfvars"));
    assert.equal(
      prod.split("\n").slice(0, 6).join("\n"),
      'region       = "us-east-1"\nip_only      = false\ncull_timeout = 3600\n' +
        "flags        = { enabled = false }\nlimits       = { cpu = 4 }\n" +
        'settings     = { enabled = false, name = "prod" }',
    );
  });
});

Deno.test("promote --fail-on-conflict: a target that differs from the record is a conflict (exit 1)", async () => {
  // prod edited by hand since the record (86401, enabled false); dev brings 3600 and enabled true.
  const prod = PROD_EQUAL.replace("60 * 60 * 24", "60 * 60 * 24 + 1")
    .replace('settings     = { enabled = "true"', 'settings     = { enabled = "false"');
  const dev = DEV_NEW.replace("{ enabled = false, name", "{ enabled = true, name");
  await withRepo({ dev, prod, shared: SHARED }, async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, [...PROMOTE, "--date", "2026-01-05"]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split("\n").filter((l) => /^ {2}[a-z_.]+ +\S+ +\d+ /.test(l)), [
      "  cull_timeout      86401     3  86400      3600",
      "  settings.enabled  false     6  true       true",
    ]);
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

Deno.test("check: a typed-equal hand edit after a sync keeps the file as its sync left it", async () => {
  // The banner's fingerprint tells a file its sync left (pending) from one edited by hand (drift).
  const prod = `# Last synced: 2026-01-01 from: prod\n${PROD}`;
  await withRepo({ dev: DEV_NEW, prod, shared: SHARED }, async (root) => {
    const at = (env: string) => join(root, `environments/${env}/terraform.tfvars`);
    const promote = await tfsync(root, [...PROMOTE, "--date", "2026-01-05"]);
    assert.equal(promote.code, 0, promote.stderr);
    const synced = await Deno.readTextFile(at("prod"));
    assert.match(synced, /^# Last synced: 2026-01-05 from: dev \[values [0-9a-f]{8}\]$/m);
    await Deno.writeTextFile(
      at("prod"),
      synced.replace("cull_timeout = 3600", "cull_timeout = 60 * 60")
        .replace("ip_only      = false", 'ip_only      = "false"'),
    );
    // A new feature recorded from dev since: prod has it pending, and was not edited.
    const dev = await Deno.readTextFile(at("dev"));
    await Deno.writeTextFile(at("dev"), dev.replace("{ cpu = 4 }", "{ cpu = 5 }"));
    const extract = await tfsync(root, [
      "extract",
      "--from",
      "dev",
      "--yes",
      "--date",
      "2026-01-06",
    ]);
    assert.equal(extract.code, 0, extract.stderr);
    const check = await tfsync(root, ["check"]);
    assert.equal(check.stderr, "");
    assert.equal(
      check.stdout,
      "environments/prod/terraform.tfvars:1: warning: prod: 1 syncable value differs from the " +
        "shared file (limits): not promoted yet, a pending promotion: run 'tfsync promote " +
        "--from dev --to prod' to promote dev's values to prod, or 'tfsync apply --to prod' to " +
        "bring it the shared file's as they are [pending]\n\n2 environments, 5 syncable " +
        "variables: 1 warning\n",
    );
    assert.equal(check.code, 0);
  });
});

// Display: values as terraform reads them for their type; explain adds the text as written.
const PROD_DIFFERENT = `region       = "us-east-1"
ip_only      = false
cull_timeout = 86401
flags        = { enabled = false }
limits       = { cpu = 4 }
settings     = { enabled = false, name = "prod" }
`;

Deno.test('diff shows terraform\'s values: 60 * 60 * 24 as 86400, "true" as true, "3" as 3', async () => {
  await withRepo({ dev: DEV, prod: PROD_DIFFERENT }, async (root) => {
    const r = await tfsync(root, ["diff", "--from", "dev", "--to", "prod", "--exit-code"]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout.split("=== SYNCABLE FEATURES ===\n")[1].split("\n\n")[0],
      "ip_only\n  dev:  true\n  prod: false\n" +
        "cull_timeout\n  dev:  86400\n  prod: 86401\n" +
        "flags\n  flags.enabled: true → false\n" +
        "limits\n  limits.cpu: 3 → 4\n" +
        "settings.enabled\n  dev:  true\n  prod: false",
    );
  });
});

Deno.test("check shows terraform's values in its drift findings", async () => {
  await withRepo({ dev: DEV, prod: PROD_DIFFERENT }, async (root) => {
    const r = await tfsync(root, ["check"]);
    assert.equal(r.code, 1, r.stderr);
    const dev = "environments/dev/terraform.tfvars";
    assert.deepEqual(r.stdout.split("\n").filter((l) => l.endsWith("[drift]")), [
      `${dev}:2: error: ip_only differs between environments: true in dev; false in prod [drift]`,
      `${dev}:3: error: cull_timeout differs between environments: 86400 in dev; 86401 in prod [drift]`,
      `${dev}:4: error: flags differs between environments: { enabled = true } in dev; ` +
      "{ enabled = false } in prod [drift]",
      `${dev}:5: error: limits differs between environments: { cpu = 3 } in dev; { cpu = 4 } in prod [drift]`,
      "environments/prod/terraform.tfvars:6: error: prod: settings.enabled = false, but " +
      `settings.enabled is true (${dev}:6) [drift]`,
    ]);
  });
});

Deno.test("matrix shows terraform's values", async () => {
  await withRepo({ dev: DEV, prod: PROD_DIFFERENT }, async (root) => {
    const r = await tfsync(root, ["matrix"]);
    assert.equal(r.code, 0, r.stderr);
    // settings syncs by path: its row is settings.enabled's alone. Two environments that
    // differ: neither value is the one most environments have, both are marked.
    assert.deepEqual(r.stdout.split("\n").slice(0, 6), [
      "GROUP     VARIABLE          dev                  prod",
      "features  ip_only           true*                false*",
      "features  cull_timeout      86400*               86401*",
      "features  flags             { enabled = true }*  { enabled = false }*",
      "features  limits            { cpu = 3 }*         { cpu = 4 }*",
      "features  settings.enabled  true*                false*",
    ]);
  });
});

Deno.test("explain shows terraform's value and, beside it, the text as written", async () => {
  await withRepo({ dev: DEV, prod: PROD_DIFFERENT, shared: SHARED }, async (root) => {
    const r = await tfsync(root, ["explain", "cull_timeout"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'cull_timeout: syncable, group "features"\n\n' +
        "  variable      variables.tf:7: type number, no default (required)\n" +
        `  shared file   ${SHARED_FILE}:5: 86400\n\n` +
        "  ENVIRONMENT  VALUE  WINS    FROM\n" +
        "  dev          86400  tfvars  environments/dev/terraform.tfvars:3   as written: 60 * 60 * 24\n" +
        "  prod         86401  tfvars  environments/prod/terraform.tfvars:3  differs from the shared file\n",
    );
    const json = await tfsync(root, ["explain", "ip_only", "--json"]);
    const envs = JSON.parse(json.stdout).environments;
    assert.deepEqual(
      envs.map((e: Record<string, unknown>) => [e.name, e.value, e.written, e.differs_from_shared]),
      [["dev", true, '"true"', false], ["prod", false, undefined, true]],
    );
  });
});

Deno.test("explain of .tfvars.json files: the text as written only where the type converts it", async () => {
  const config =
    'tfvars_file = "terraform.tfvars.json"\ngroup "features" {\n  variables = ["limits"]\n}\n';
  await withFiles({
    "variables.tf": VARIABLES,
    "tfsync.hcl": config,
    "environments/dev/terraform.tfvars.json": '{\n  "limits": {"cpu": 3}\n}\n',
    "environments/prod/terraform.tfvars.json": '{\n  "limits": {"cpu": "3"}\n}\n',
  }, async (root) => {
    const r = await tfsync(root, ["explain", "limits"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\n").slice(5, 8), [
      "  ENVIRONMENT  VALUE        WINS    FROM",
      "  dev          { cpu = 3 }  tfvars  environments/dev/terraform.tfvars.json:2",
      '  prod         { cpu = 3 }  tfvars  environments/prod/terraform.tfvars.json:2  as written: {"cpu": "3"}',
    ]);
  });
});
