// Every layout of the corpus end to end (tests/_layouts.ts says what a promote must do), on a
// temporary copy of ../shared/corpus/<repository>; root discovery and -C.
import assert from "node:assert/strict";
import { join } from "node:path";
import { copyTree, CORPUS, tfsync } from "./_cli.ts";
import { CDS_SNC, checkPromote, corpusCopy, corpusTest, hcl, type Settings } from "./_layouts.ts";

/** A one-file-per-environment corpus layout, promoted `from` → `to`. */
interface OneFileCase {
  name: string;
  repo: string;
  settings: Settings;
  from: string;
  to: string;
  /** What diff shows of one synced variable; check's exit code and summary line. */
  diff: RegExp;
  check: [number, RegExp];
  /** The variables the promote changes in the target (the others are equal already). */
  changes: string[];
}

const ONE_FILE: OneFileCase[] = [
  {
    name: "cds-snc: env/{env}_config.tfvars",
    repo: "cds-snc__notification-terraform",
    settings: CDS_SNC,
    from: "dev",
    to: "staging",
    diff:
      /elasticache_cache_ops_node_type\n {2}dev: +"cache.t3.micro"\n {2}staging: "cache.t3.medium"/,
    // No shared record yet: the environments' differences in syncable values are errors.
    check: [1, /3 environments, 5 syncable variables: 4 errors, 153 warnings/],
    // eks_cluster_version is "1.36" in both.
    changes: [
      "primary_worker_instance_types",
      "elasticache_cache_ops_node_type",
      "rds_instance_type",
      "log_retention_period_days",
    ],
  },
  {
    name: "hmcts: environments/{env}/{env}.tfvars",
    repo: "hmcts__azure-platform-terraform",
    settings: {
      files: ["environments/{env}/{env}.tfvars"],
      shared: "environments/shared-features.tfvars",
      module: "environments",
      sync: ["frontend_agw_min_capacity", "frontend_agw_max_capacity", "project", "location"],
      environmentSpecific: ["env", "subscription"],
    },
    from: "stg",
    to: "prod",
    diff: /frontend_agw_min_capacity\n {2}stg: +5\n {2}prod: +10/,
    check: [1, /8 environments, 4 syncable variables: 3 errors, 45 warnings/],
    // project and location are synced but equal already ("hmcts", "uksouth" in both).
    changes: ["frontend_agw_min_capacity", "frontend_agw_max_capacity"],
  },
];

for (const c of ONE_FILE) {
  corpusTest(c.name, async () => {
    const root = await corpusCopy(c.repo, c.settings);
    const diff = await tfsync(root, ["diff", "--from", c.from, "--to", c.to]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, c.diff);
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, c.check[0], check.stderr + check.stdout);
    assert.match(check.stdout, c.check[1]);
    const file = (env: string) => c.settings.files[0].replaceAll("{env}", env);
    await checkPromote({
      root,
      from: c.from,
      to: c.to,
      files: { [c.from]: [file(c.from)], [c.to]: [file(c.to)] },
      record: c.settings.shared,
      changes: { [file(c.to)]: c.changes },
    });
  });
}

corpusTest("englacial (OpenTofu): variables.tf renamed variables.tofu", async () => {
  const root = await Deno.makeTempDir({ prefix: "tfsync-layout-" });
  await copyTree(join(CORPUS, "englacial__tofu-jupyter"), root);
  await Deno.rename(join(root, "variables.tf"), join(root, "variables.tofu"));
  const explain = await tfsync(root, ["explain", "dask_worker_cores_max"]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /variable +variables\.tofu:296: type number, default 4/);
  // The variables are declared in variables.tofu (the corpus sets one undeclared variable,
  // enable_spot_instances, in three environments); no shared record yet: differences are errors.
  const check = await tfsync(root, ["check"]);
  assert.equal(check.code, 1, check.stderr + check.stdout);
  assert.match(check.stdout, /4 environments, 11 syncable variables: 8 errors, 29 warnings/);
  const undeclared = check.stdout.match(/"(\w+)" is declared in no variable block/g) ?? [];
  assert.deepEqual(
    undeclared,
    Array(3).fill('"enable_spot_instances" is declared in no variable block'),
  );
  const diff = await tfsync(root, ["diff", "--from", "englacial", "--to", "prod"]);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /dask_worker_cores_max\n {2}englacial: 1\n {2}prod: +4/);
  const env = (e: string) => `environments/${e}/terraform.tfvars`;
  // The built-in groups: the values englacial sets that prod lacks or sets otherwise.
  const changes = "dask_worker_cores_max dask_worker_memory_max dask_cluster_max_cores " +
    "enable_profile_selection use_three_node_groups enable_lambda_invoke github_enabled";
  const files = { englacial: [env("englacial")], prod: [env("prod")] };
  const record = "environments/shared-features.tfvars";
  await checkPromote({
    root,
    from: "englacial",
    to: "prod",
    files,
    record,
    changes: { [env("prod")]: changes.split(" ") },
  });
});

corpusTest("alphagov: terraform/variables/{env}/common.tfvars, then the deployment's", async () => {
  const v = (e: string) => [
    `terraform/variables/${e}/common.tfvars`,
    `terraform/variables/${e}/rds.tfvars`,
  ];
  const root = await corpusCopy("alphagov__govuk-infrastructure", {
    files: ["terraform/variables/{env}/common.tfvars", "terraform/variables/{env}/rds.tfvars"],
    shared: "terraform/variables/shared-features.tfvars",
    module: "terraform/deployments/rds",
    sync: ["publishing_service_domain", "maintenance_window", "force_destroy"],
    environmentSpecific: ["govuk_environment", "vpc_cidr"],
  });

  // Every deployment symlinks variables-common.tf; the copy holds it as a file (no symlinks).
  await Deno.copyFile(
    join(root, "terraform/variables/variables-common.tf"),
    join(root, "terraform/deployments/rds/variables-common.tf"),
  );
  const explain = await tfsync(root, ["explain", "maintenance_window", "--env", "integration"]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(
    explain.stdout,
    /layer terraform\/variables\/integration\/common\.tfvars: not set\n +layer terraform\/variables\/integration\/rds\.tfvars:\d+: "Sun:04:00-Sun:06:00"/,
  );
  const diff = await tfsync(root, ["diff", "--from", "integration", "--to", "staging"]);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(
    diff.stdout,
    /=== FROM FILES ===\npublishing_service_domain: integration terraform\/variables\/integration\/common\.tfvars:\d+, staging terraform\/variables\/staging\/common\.tfvars:\d+\n/,
  );
  const check = await tfsync(root, ["check"]);
  assert.equal(check.code, 1, check.stderr + check.stdout);
  // A value set in common.tfvars is edited there; one set nowhere goes to the last own file.
  await checkPromote({
    root,
    from: "integration",
    to: "staging",
    files: { integration: v("integration"), staging: v("staging") },
    record: "terraform/variables/shared-features.tfvars",
    changes: {
      "terraform/variables/staging/common.tfvars": ["publishing_service_domain"],
      "terraform/variables/staging/rds.tfvars": ["maintenance_window", "force_destroy"],
    },
  });
});

/** A repository with a shared layer: envs/shared.tfvars, then envs/{env}.tfvars. */
async function layered(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-layout-" });
  await Deno.mkdir(join(root, "envs"));
  const files: Record<string, string> = {
    "tfsync.hcl": hcl([
      'environment_files = ["envs/shared.tfvars", "envs/{env}.tfvars"]',
      'shared_file       = "record.tfvars"',
      'group "app" {',
      '  variables = ["image_tag", "replicas", "debug"]',
      "}",
      'environment_specific = ["name"]',
    ]),
    "variables.tf": ["image_tag", "replicas", "debug", "name"]
      .map((n) => `variable "${n}" {\n  default = null\n}\n`).join(""),
    "envs/shared.tfvars": 'image_tag = "v1" # everyone\nreplicas  = 2\n',
    "envs/dev.tfvars": 'name      = "dev"\nimage_tag = "v2"\nreplicas  = 2\ndebug     = true\n',
    "envs/prod.tfvars": 'name  = "prod"\ndebug = false\n',
  };
  for (const [f, text] of Object.entries(files)) await Deno.writeTextFile(join(root, f), text);
  return root;
}

Deno.test("a shared layer is never edited: the environment's own file overrides it", async () => {
  const root = await layered();
  const explain = await tfsync(root, ["explain", "image_tag", "--env", "prod"]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(
    explain.stdout,
    /prod +"v1" +tfvars +envs\/shared\.tfvars:1\n +shared layer envs\/shared\.tfvars:1: "v1"\n +layer envs\/prod\.tfvars: not set\n/,
  );
  const out = await checkPromote({
    root,
    from: "dev",
    to: "prod",
    files: {
      dev: ["envs/shared.tfvars", "envs/dev.tfvars"],
      prod: ["envs/shared.tfvars", "envs/prod.tfvars"],
    },
    record: "record.tfvars",
    // replicas: 2 in both already (prod's from the shared layer): nothing to do.
    changes: { "envs/prod.tfvars": ["image_tag", "debug"] },
  });
  assert.match(
    out,
    /\+ image_tag +"v1" → "v2" \(now overrides the shared layer envs\/shared\.tfvars\)/,
  );
  assert.match(out, /~ debug +false → true\n/);
  assert.equal(
    await Deno.readTextFile(join(root, "envs/shared.tfvars")),
    'image_tag = "v1" # everyone\nreplicas  = 2\n',
  );
});

Deno.test("root discovery: tfsync.hcl found upwards from the working folder; -C DIR as git -C", async () => {
  const root = await layered();
  await Deno.mkdir(join(root, "envs", "deep"), { recursive: true });
  const up = await tfsync(join(root, "envs", "deep"), ["diff", "--from", "dev", "--to", "prod"]);
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stdout, /^Comparing dev → prod/);
  const elsewhere = await Deno.makeTempDir();
  // Paths are shown relative to the root, wherever tfsync started.
  const c = await tfsync(elsewhere, ["-C", root, "diff", "--from", "dev", "--to", "prod"]);
  assert.deepEqual(c, await tfsync(root, ["diff", "--from", "dev", "--to", "prod"]));
  assert.match(c.stdout, /\nimage_tag: dev envs\/dev\.tfvars:2, prod envs\/shared\.tfvars:1\n/);
  assert.deepEqual(up, c, "from a subfolder as from the root");
  const missing = await tfsync(elsewhere, ["-C", "nope", "check"]);
  assert.deepEqual(missing, {
    code: 2,
    stdout: "",
    stderr: 'tfsync: Cannot change to "nope": not a folder\n',
  });
});

/** Repository, the pattern and module_dir init proposes, and the summary of check on its config. */
const INIT: Array<[string, string, string, string]> = [
  [
    "cds-snc__notification-terraform",
    "env/{env}_config.tfvars",
    "env",
    "3 environments, 11 syncable variables: 170 warnings",
  ],
  [
    "hmcts__azure-platform-terraform",
    "environments/{env}/{env}.tfvars",
    "environments",
    "8 environments, 11 syncable variables: 62 warnings",
  ],
  [
    "alphagov__govuk-infrastructure",
    "terraform/variables/{env}/common.tfvars",
    "terraform/variables",
    "4 environments, 11 syncable variables: 20 warnings",
  ],
];

corpusTest("init proposes each corpus layout's environment_files and module_dir", async () => {
  for (const [repo, pattern, module, summary] of INIT) {
    const root = await Deno.makeTempDir({ prefix: "tfsync-layout-" });
    await copyTree(join(CORPUS, repo), root);
    const init = await tfsync(root, ["init"]);
    assert.equal(init.code, 0, init.stderr);
    const layout = `Layout found: environment_files = ["${pattern}"]; module_dir = "${module}"\n`;
    assert.ok(init.stdout.includes(layout), init.stdout);
    const text = await Deno.readTextFile(join(root, "tfsync.hcl"));
    assert.match(
      text,
      new RegExp(`^environment_files = \\["${pattern.replace(/[{}.]/g, "\\$&")}"\\]$`, "m"),
    );
    assert.match(text, /^# Unclassified \(set in some environment, in no list\)/m);
    // The config it wrote finds those environments: check runs on it (warnings only: exit 0).
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 0, check.stderr + check.stdout);
    assert.ok(check.stdout.endsWith(`\n${summary}\n`), check.stdout);
  }
  // englacial's layout is the default one: init keeps it.
  const root = await Deno.makeTempDir({ prefix: "tfsync-layout-" });
  await copyTree(join(CORPUS, "englacial__tofu-jupyter"), root);
  const init = await tfsync(root, ["init"]);
  assert.equal(init.code, 0, init.stderr);
  assert.doesNotMatch(init.stdout, /Layout found/);
  assert.match(
    await Deno.readTextFile(join(root, "tfsync.hcl")),
    /^environments_dir = "environments"$/m,
  );
});

Deno.test("init refuses a repository where it finds no environment, and writes nothing", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(join(root, "main.tf"), 'variable "a" {}\n');
  const init = await tfsync(root, ["init"]);
  assert.deepEqual(init, {
    code: 2,
    stdout: "",
    stderr:
      "tfsync init: No environment found: no folder of environments/ holds a terraform.tfvars, and no var files (*.tfvars, *.tfvars.json) sit in a folder per environment or are named per environment; set environment_files in tfsync.hcl by hand\n",
  });
  assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), ["main.tf"]);
});

Deno.test("check warns of a group variable declared nowhere and set nowhere (a typo)", async () => {
  const root = await layered();
  const config = await Deno.readTextFile(join(root, "tfsync.hcl"));
  await Deno.writeTextFile(
    join(root, "tfsync.hcl"),
    config.replace('"debug"]', '"debug", "replica"]'),
  );
  const check = await tfsync(root, ["check"]);
  assert.match(
    check.stdout,
    /tfsync\.hcl: warning: group "app" names "replica", which no variable block declares and no var file sets \(a typo\?\)/,
  );
  assert.equal(check.stdout.match(/a typo\?/g)?.length, 1);
});

Deno.test("check reads every layer: an undeclared variable in a shared layer is named once", async () => {
  const root = await layered();
  await Deno.writeTextFile(join(root, "envs/shared.tfvars"), 'image_tag = "v1"\nextra = 1\n');
  const check = await tfsync(root, ["check"]);
  const found = check.stdout.match(/.*"extra" is declared in no variable block.*/g) ?? [];
  assert.equal(found.length, 1, check.stdout);
  assert.match(found[0], /^envs\/shared\.tfvars:2: warning: shared layer: "extra"/);
});
