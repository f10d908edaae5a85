// The JSON layouts of issue 10, end to end (tests/_layouts.ts says what a promote must do): a
// corpus repository whose var files are made `.tfvars.json` in a temporary copy, and one that
// mixes the two syntaxes (HCL into JSON, JSON into HCL).
import assert from "node:assert/strict";
import { join } from "node:path";
import { type CliResult, tfsync } from "./_cli.ts";
import {
  CDS_SNC,
  checkPromote,
  corpusTest,
  corpusTree,
  type Settings,
  writeConfig,
} from "./_layouts.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { noTerraform, terraformConsole } from "./_terraform.ts";

/** Replaces each HCL var file by a `.json` one of its values (hcl2json's reading, indented). */
async function toJson(root: string, files: Record<string, number>): Promise<void> {
  for (const [file, indent] of Object.entries(files)) {
    const path = join(root, file);
    const values = await readWithHcl(await Deno.readTextFile(path), file);
    await Deno.writeTextFile(`${path}.json`, JSON.stringify(values, null, indent) + "\n");
    await Deno.remove(path);
  }
}

/** A run refused as bad input: exit 2, one line on stderr, nothing on stdout. */
function assertRefused(out: CliResult, command: string, message: string): void {
  assert.deepEqual(out, { code: 2, stdout: "", stderr: `tfsync ${command}: ${message}\n` });
}

const DIFF = ["diff", "--from", "dev", "--to", "prod"];
const PROMOTE = ["promote", "--from", "dev", "--to", "prod", "-y"];

const read = async (root: string, file: string) => await Deno.readTextFile(join(root, file));

const HMCTS: Settings = {
  files: ["environments/{env}/{env}.tfvars.json"],
  shared: "environments/shared-features.tfvars",
  module: "environments",
  sync: ["frontend_agw_min_capacity", "frontend_agw_max_capacity", "project", "location"],
  environmentSpecific: ["env", "subscription"],
};
const HMCTS_ENVS = ["demo", "dev", "ithc", "prod", "ptl", "sbox", "stg", "test"];

corpusTest("hmcts as JSON: environments/{env}/{env}.tfvars.json", async () => {
  const root = await corpusTree("hmcts__azure-platform-terraform");
  // prod and demo in four spaces, the others in two: each file keeps its own.
  const indent = (e: string) => e === "prod" || e === "demo" ? 4 : 2;
  const file = (e: string) => `environments/${e}/${e}.tfvars.json`;
  await toJson(root, Object.fromEntries(HMCTS_ENVS.map((e) => [file(e).slice(0, -5), indent(e)])));
  const init = await tfsync(root, ["init"]);
  assert.equal(init.code, 0, init.stderr);
  assert.ok(
    init.stdout.includes(
      'Layout found: environment_files = ["environments/{env}/{env}.tfvars.json"]; module_dir = "environments"\n',
    ),
    init.stdout,
  );
  await writeConfig(root, HMCTS);
  const diff = await tfsync(root, ["diff", "--from", "stg", "--to", "prod"]);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /\nfrontend_agw_min_capacity\n {2}stg: +5\n {2}prod: 10\n/);
  const check = await tfsync(root, ["check"]);
  assert.equal(check.code, 1, check.stderr + check.stdout);
  assert.match(check.stdout, /\n8 environments, 4 syncable variables: 3 errors, 45 warnings\n$/);
  // Each finding names the JSON file and the line of the member.
  assert.ok(
    check.stdout.includes(
      "\nenvironments/prod/prod.tfvars.json:21: error: frontend_agw_min_capacity differs between environments: 2 (default) in demo, dev, ithc, ptl, sbox, test; 10 in prod; 5 in stg [drift]\n",
    ),
    check.stdout,
  );

  // Two values updated in prod; all four added to demo, after its last member in its style.
  const [stg, prod, demo] = await Promise.all(
    ["stg", "prod", "demo"].map((e) => read(root, file(e))),
  );
  const stgValues = JSON.parse(stg);
  const synced = Object.fromEntries(HMCTS.sync.map((n) => [n, stgValues[n]]));
  await checkPromote({
    root,
    from: "stg",
    to: "prod",
    files: { stg: [file("stg")], prod: [file("prod")] },
    record: HMCTS.shared,
    changes: { [file("prod")]: ["frontend_agw_min_capacity", "frontend_agw_max_capacity"] },
  });
  assert.equal(
    await read(root, file("prod")),
    JSON.stringify({ ...JSON.parse(prod), ...synced }, null, 4) + "\n",
  );
  await checkPromote({
    root,
    from: "stg",
    to: "demo",
    files: { stg: [file("stg")], demo: [file("demo")] },
    kept: true,
    changes: { [file("demo")]: HMCTS.sync },
  });
  assert.equal(
    await read(root, file("demo")),
    JSON.stringify({ ...JSON.parse(demo), ...synced }, null, 4) + "\n",
  );
});

// dev and production in HCL, staging in JSON: one pattern finds both.
const CDS: Settings = { ...CDS_SNC, files: ["env/{env}_config.tfvars*"] };

corpusTest("cds-snc mixed: HCL into JSON, then JSON into HCL", async () => {
  const root = await corpusTree("cds-snc__notification-terraform");
  await toJson(root, { "env/staging_config.tfvars": 2 });
  await writeConfig(root, CDS);
  const file = (e: string) => `env/${e}_config.tfvars${e === "staging" ? ".json" : ""}`;
  const files = (...envs: string[]) => Object.fromEntries(envs.map((e) => [e, [file(e)]]));
  const diff = await tfsync(root, ["diff", "--from", "dev", "--to", "staging"]);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(
    diff.stdout,
    /\nrds_instance_type\n {2}dev: {5}"db\.t3\.medium"\n {2}staging: "db\.r6g\.xlarge"\n/,
  );
  const staging = await read(root, file("staging"));
  // HCL into JSON: each value as a JSON literal laid out as the file lays out its own.
  await checkPromote({
    root,
    from: "dev",
    to: "staging",
    files: files("dev", "staging"),
    record: CDS.shared,
    changes: { [file("staging")]: CDS.sync.slice(0, 4) },
  });
  const values = JSON.parse(staging);
  Object.assign(values, {
    primary_worker_instance_types: ["m7i-flex.xlarge"],
    elasticache_cache_ops_node_type: "cache.t3.micro",
    rds_instance_type: "db.t3.medium",
    log_retention_period_days: 14,
  });
  assert.equal(await read(root, file("staging")), JSON.stringify(values, null, 2) + "\n");

  // JSON into HCL: staging's strings hold "${" and "%{", literal text in JSON, escaped in HCL.
  await Deno.writeTextFile(
    join(root, file("staging")),
    (await read(root, file("staging")))
      .replace('"eks_cluster_version": "1.36"', '"eks_cluster_version": "1.37-${v}"')
      .replace('[\n    "m7i-flex.xlarge"\n  ]', '["m7i.xlarge", "%{x}"]'),
  );
  await checkPromote({
    root,
    from: "staging",
    to: "production",
    files: files("staging", "production"),
    record: CDS.shared,
    changes: { [file("production")]: CDS.sync },
  });
  const record = await read(root, CDS.shared);
  assert.match(record, /\nprimary_worker_instance_types += \["m7i\.xlarge", "%%\{x\}"\]\n/);
  assert.match(record, /\neks_cluster_version += "1\.37-\$\$\{v\}"\n/);
  const production = await read(root, file("production"));
  assert.match(production, /\neks_cluster_version += "1\.37-\$\$\{v\}"\n/);
});

/** A small repository: envs/{env}.tfvars* (dev in HCL, prod in JSON) and a group "app". */
async function mixed(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-json-" });
  await Deno.mkdir(join(root, "envs"));
  const all: Record<string, string> = {
    "tfsync.hcl": [
      'environment_files = ["envs/{env}.tfvars*"]',
      'shared_file       = "record.tfvars"',
      'group "app" {',
      '  variables = ["image_tag", "settings"]',
      "}",
    ].join("\n") + "\n",
    "variables.tf": 'variable "image_tag" {}\nvariable "settings" {\n  type = any\n}\n',
    ...files,
  };
  for (const [f, text] of Object.entries(all)) await Deno.writeTextFile(join(root, f), text);
  return root;
}

Deno.test("a .tfvars.json that is no valid JSON: one line naming the place, exit 2, nothing written", async () => {
  const cases: Array<[string, string]> = [
    [
      '{\n  "image_tag": "v1",\n}\n',
      'envs/prod.tfvars.json:2:20: Trailing comma: JSON allows no "," before "}"',
    ],
    [
      '{\n  "image_tag": "v1",\n  "image_tag": "v2"\n}\n',
      'envs/prod.tfvars.json:3:3: Duplicate attribute definition: "image_tag" was already set at line 2',
    ],
    [
      '["image_tag"]\n',
      "envs/prod.tfvars.json:1:1: Root value must be object: a .tfvars.json file is one JSON object of variable names",
    ],
    [
      '{"settings": {"a": 1, "a": 2}}',
      'envs/prod.tfvars.json:1:23: Duplicate object key: "a" is set twice',
    ],
  ];
  for (const [json, message] of cases) {
    const root = await mixed({
      "envs/dev.tfvars": 'image_tag = "v2"\n',
      "envs/prod.tfvars.json": json,
    });
    for (const args of [DIFF, PROMOTE]) {
      assertRefused(await tfsync(root, args), args[0], message);
    }
    // check reports it as a finding among the others (exit 1), at the same place.
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 1, check.stderr);
    const [place, what] = [
      message.slice(0, message.indexOf(": ")),
      message.slice(message.indexOf(": ") + 2),
    ];
    assert.ok(`\n${check.stdout}`.includes(`\n${place}: error: ${what} [syntax]\n`), check.stdout);
    assert.equal(await read(root, "envs/prod.tfvars.json"), json);
    assert.deepEqual((await Array.fromAsync(Deno.readDir(root))).map((e) => e.name).sort(), [
      "envs",
      "tfsync.hcl",
      "variables.tf",
    ]);
  }
});

Deno.test("into JSON, an HCL expression is written as the value terraform reads", async () => {
  const root = await mixed({
    "envs/dev.tfvars":
      'image_tag = "v${1 + 1}"\nsettings = {\n  ttl  = 12 * 60 # minutes\n  note = <<EOT\n  $${x}\nEOT\n}\n',
    "envs/prod.tfvars.json": '{"image_tag": "v1"}\n',
  });
  const out = await tfsync(root, ["promote", "--from", "dev", "--to", "prod", "-y", "--no-backup"]);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(
    await read(root, "envs/prod.tfvars.json"),
    '{"image_tag": "v2", "settings": {"ttl": 720, "note": "  ${x}\\n"}}\n',
  );
});

Deno.test("a value terraform reads but tfsync cannot (1 / 0 is +Inf in terraform, no JSON number) is refused", async () => {
  const root = await mixed({
    "envs/dev.tfvars": 'image_tag = "v2"\nsettings  = { ttl = 1 / 0 }\n',
    "envs/prod.tfvars.json": '{"image_tag": "v1"}\n',
  });
  const out = await tfsync(root, ["promote", "--from", "dev", "--to", "prod", "-y"]);
  assertRefused(
    out,
    "promote",
    "envs/dev.tfvars:2:21: Operation failed: Error during operation: division by zero",
  );
  assert.equal(await read(root, "envs/prod.tfvars.json"), '{"image_tag": "v1"}\n');
});

/** mixed()'s repository with paths: settings.a and every key of settings.n sync, the rest not. */
async function withPaths(files: Record<string, string>, shared = "record.tfvars"): Promise<string> {
  const root = await mixed(files);
  await Deno.writeTextFile(
    join(root, "tfsync.hcl"),
    [
      'environment_files = ["envs/{env}.tfvars*"]',
      `shared_file       = "${shared}"`,
      'group "app" {',
      '  variables = ["image_tag", "settings.a", "settings.n.*"]',
      "}",
      'environment_specific = ["settings"]',
    ].join("\n") + "\n",
  );
  return root;
}

/** terraform's reading of `settings` in a var file of the repository (its variables.tf). */
async function terraformSettings(root: string, file: string): Promise<unknown> {
  const out = await terraformConsole(root, "jsonencode(var.settings)", file);
  assert.ok(out.success, out.stderr);
  return JSON.parse(JSON.parse(out.stdout));
}

const PROD_JSON = [
  "{",
  '  "image_tag": "v1",',
  '  "settings": {',
  '    "a": 0,',
  '    "b": 3,',
  '    "n": {',
  '      "w": false,',
  '      "old": 1',
  "    }",
  "  }",
  "}",
  "",
].join("\n");

Deno.test({
  name: "paths inside a value (a.b) sync into a JSON var file: only the synced keys change",
  ignore: noTerraform !== undefined,
  fn: async () => {
    const root = await withPaths({
      "envs/dev.tfvars":
        'image_tag = "v2"\nsettings = {\n  a = "x-$${y}"\n  b = 2\n  n = { z = [1, 2], w = true }\n}\n',
      "envs/prod.tfvars.json": PROD_JSON,
    });
    const diff = await tfsync(root, DIFF);
    assert.equal(diff.code, 0, diff.stderr);
    assert.ok(
      diff.stdout.includes(
        '\nsettings.a\n  dev:  "x-$${y}"\n  prod: 0\n' +
          "settings.n.w\n  dev:  true\n  prod: false\n" +
          "settings.n.z\n  dev:  [1, 2]\n  prod: (not set)\n" +
          "settings.n.old\n  dev:  (not set)\n  prod: 1\n",
      ),
      diff.stdout,
    );
    assert.ok(diff.stdout.includes("\nsettings.b: 2 → 3\n"), diff.stdout);
    const out = await tfsync(root, [...PROMOTE, "--no-backup", "--prune"]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(
      await read(root, "envs/prod.tfvars.json"),
      [
        "{",
        '  "image_tag": "v2",',
        '  "settings": {',
        '    "a": "x-${y}",',
        '    "b": 3,',
        '    "n": {',
        '      "w": true,',
        '      "z": [',
        "        1,",
        "        2",
        "      ]",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    // The record holds the synced part, as written in the HCL source.
    assert.ok(
      (await read(root, "record.tfvars")).endsWith(
        'image_tag = "v2"\nsettings = {\n  a = "x-$${y}"\n  n = {\n    z = [1, 2]\n    w = true\n  }\n}\n',
      ),
    );
    // terraform reads prod's own key (b) kept and the synced ones from dev.
    assert.deepEqual(await terraformSettings(root, "envs/prod.tfvars.json"), {
      a: "x-${y}",
      b: 3,
      n: { w: true, z: [1, 2] },
    });
    const check = await tfsync(root, ["check"]);
    assert.equal(check.stdout, "2 environments, 2 syncable variables: no findings\n");
    assert.equal(check.code, 0);
  },
});

Deno.test({
  name: "paths from a JSON var file into HCL: each key converted (a literal ${ is $${ there)",
  ignore: noTerraform !== undefined,
  fn: async () => {
    const prod =
      'image_tag = "v1"\nsettings = {\n  a = 0 # was zero\n  b = 3\n  n = {\n    w   = false\n    old = 1\n  }\n}\n';
    const root = await withPaths({
      "envs/dev.tfvars.json":
        '{"image_tag": "v2", "settings": {"a": "x-${y}\\u00e9\\/", "b": 2, "n": {"z": [1, 2], "w": true}}}\n',
      "envs/prod.tfvars": prod,
    });
    const out = await tfsync(root, [...PROMOTE, "--no-backup"]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(
      await read(root, "envs/prod.tfvars"),
      prod.replace('"v1"', '"v2"').replace("a = 0 ", () => 'a = "x-$${y}é/" ')
        .replace("w   = false", "w   = true").replace("old = 1\n", "old = 1\n    z   = [1, 2]\n"),
    );
    assert.ok(
      (await read(root, "record.tfvars")).endsWith(
        'settings = {\n  a = "x-$${y}é/"\n  n = {\n    z = [1, 2]\n    w = true\n  }\n}\n',
      ),
    );
    // One after the other: two consoles in one folder would contend for its state lock.
    const dev = await terraformSettings(root, "envs/dev.tfvars.json");
    const now = await terraformSettings(root, "envs/prod.tfvars");
    assert.deepEqual(now, { ...(dev as object), b: 3, n: { w: true, z: [1, 2], old: 1 } });
    for (const f of ["envs/prod.tfvars", "record.tfvars"]) {
      const fmt = await new Deno.Command("terraform", { args: ["fmt", "-check", f], cwd: root })
        .output();
      assert.ok(fmt.success, f);
    }
  },
});

Deno.test("a shared file named .json is written as JSON, and edited by path on the next run", async () => {
  const dev = (w: string) =>
    `image_tag = "v2"\nsettings = {\n  a = 1\n  b = 2\n  n = { z = [1, 2], w = ${w} }\n}\n`;
  const root = await withPaths(
    { "envs/dev.tfvars": dev("true"), "envs/prod.tfvars.json": PROD_JSON },
    "record.tfvars.json",
  );
  assert.equal((await tfsync(root, [...PROMOTE, "--no-backup"])).code, 0);
  const record = (w: string) =>
    `{\n  "image_tag": "v2",\n  "settings": {\n    "a": 1,\n    "n": {\n      "z": [\n        1,\n        2\n      ],\n      "w": ${w}\n    }\n  }\n}\n`;
  assert.equal(await read(root, "record.tfvars.json"), record("true"));
  await Deno.writeTextFile(join(root, "envs/dev.tfvars"), dev("false"));
  const again = await tfsync(root, [...PROMOTE, "--no-backup"]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(await read(root, "record.tfvars.json"), record("false"));
  assert.match(await read(root, "envs/prod.tfvars.json"), /\n {6}"w": false,\n {6}"old": 1,\n/);
});

Deno.test("*.auto.tfvars.json and *.auto.tfvars in one glob: layers in lexical order, each edited in its syntax", async () => {
  const root = await Deno.makeTempDir({ prefix: "tfsync-json-" });
  const files: Record<string, string> = {
    "tfsync.hcl": [
      'environment_files = ["envs/{env}/*.auto.tfvars*"]',
      'module_dir        = "envs/{env}"',
      'shared_file       = "record.tfvars"',
      'group "app" {\n  variables = ["image_tag", "replicas", "debug"]\n}',
    ].join("\n") + "\n",
    "envs/dev/a.auto.tfvars.json": '{\n  "image_tag": "v2",\n  "replicas": 3\n}\n',
    "envs/dev/b.auto.tfvars": "replicas = 4\n",
    "envs/prod/a.auto.tfvars.json":
      '{\n  "image_tag": "v1",\n  "replicas": 1,\n  "debug": true\n}\n',
    "envs/prod/b.auto.tfvars": "debug = false\n",
  };
  for (const env of ["dev", "prod"]) {
    files[`envs/${env}/variables.tf`] = ["image_tag", "replicas", "debug"]
      .map((n) => `variable "${n}" {\n  default = null\n}\n`).join("");
  }
  for (const [f, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, f, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, f), text);
  }
  const layers = (e: string) => [`envs/${e}/a.auto.tfvars.json`, `envs/${e}/b.auto.tfvars`];
  // replicas: 4 in dev (b wins), 1 in prod's JSON layer, edited there; debug: dev leaves it.
  await checkPromote({
    root,
    from: "dev",
    to: "prod",
    files: { dev: layers("dev"), prod: layers("prod") },
    record: "record.tfvars",
    changes: { "envs/prod/a.auto.tfvars.json": ["image_tag", "replicas"] },
  });
  assert.equal(
    await read(root, "envs/prod/a.auto.tfvars.json"),
    '{\n  "image_tag": "v2",\n  "replicas": 4,\n  "debug": true\n}\n',
  );
  assert.equal(await read(root, "envs/prod/b.auto.tfvars"), "debug = false\n");
});
