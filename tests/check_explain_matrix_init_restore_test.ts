// End to end: check, explain, matrix, init and restore in-process through main(args, io), on
// temporary copies; then check over every corpus repository.
import assert from "node:assert/strict";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { changedPaths, EXAMPLE, REPO, snapshotTree, tempCopy, tfsync } from "./_cli.ts";
import { CORPUS, type CorpusCase, corpusCases, materialize } from "./_corpus_repos.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

const TESTDATA = join(REPO, "tests", "testdata", "check");
const DESIGN_MAKEFILE = join(TESTDATA, "design.mk");

/** Runs `tfsync ARGS` in a fresh copy of `fixture` and asserts the tree is unchanged after. */
async function readOnly(fixture: string, args: string[], env: Record<string, string> = {}) {
  const dir = await tempCopy(fixture);
  const before = await snapshotTree(dir);
  const out = await tfsync(dir, args, { env });
  assert.deepEqual(changedPaths(before, await snapshotTree(dir)), [], `${args.join(" ")} wrote`);
  return { ...out, dir };
}

// --- every command: help and misuse ------------------------------------------------------------

for (const name of ["check", "explain", "matrix", "init", "restore"]) {
  Deno.test(`${name} -h prints its usage on stdout; an unknown flag is exit 2 on stderr`, async () => {
    const help = await tfsync(REPO, [name, "-h"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^Usage: tfsync ${name}`));
    assert.match(help.stdout, /--root DIR/);
    assert.equal(help.stderr, "");
    const bad = await readOnly(EXAMPLE, [name, "--bogus"]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, "");
    assert.equal(
      bad.stderr,
      `tfsync ${name}: Unknown option "--bogus"\nRun 'tfsync ${name} --help' for usage.\n`,
    );
  });
}

// --- check --------------------------------------------------------------------------------------

/**
 * The example with dev's and prod's banners dated the day after the shared file's: synced since
 * the record changed, so every difference from it is a hand edit (drift). As shipped, the example
 * only has pending promotions.
 */
const DRIFTED = await (async () => {
  const dir = await tempCopy(EXAMPLE);
  for (const env of ["dev", "prod"]) {
    const path = join(dir, "environments", env, "terraform.tfvars");
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(
      path,
      text.replace("Last synced: 2025-12-20", "Last synced: 2025-12-21"),
    );
  }
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  return dir;
})();
const EDITED = (env: string) =>
  `; ${env} was synced on 2025-12-21, after the shared file's 2025-12-20, and edited since`;
/** The fix every drift finding of an environment shares, said once after them. */
const FIX = (env: string) =>
  `run 'tfsync apply --to ${env}' to put the shared value back, or 'tfsync extract --from ${env}' to record it`;

const DRIFT_PROD = [
  "environments/prod/terraform.tfvars:63: error: prod: dask_worker_memory_max = 4, but the shared file has 3 (environments/shared-features.tfvars:18)" +
  EDITED("prod") + " [drift]",
  'environments/prod/terraform.tfvars:108: error: prod: singleuser_image_tag = "2025.06.02", but the shared file has "2025.11.30" (environments/shared-features.tfvars:12)' +
  EDITED("prod") + " [drift]",
  "environments/prod/terraform.tfvars:113: error: prod: dask_cluster_max_cores = 40, but the shared file has 200 (environments/shared-features.tfvars:19)" +
  EDITED("prod") + " [drift]",
  "environments/prod/terraform.tfvars:122: error: prod: enable_lambda_invoke = false, but the shared file has true (environments/shared-features.tfvars:32)" +
  EDITED("prod") + " [drift]",
];
const UNCLASSIFIED_PROD =
  'environments/prod/terraform.tfvars:99: {SEV}: "hub_banner_message" is in no group and not in environment_specific, so it is never synced (set in prod): classify it in tfsync.hcl [unclassified]';

Deno.test("check reports drift with both values and file:line, exit 1, writing nothing", async () => {
  const out = await readOnly(DRIFTED, ["check", "--env", "prod"]);
  assert.equal(out.code, 1);
  assert.equal(out.stderr, "");
  assert.equal(
    out.stdout,
    [
      ...DRIFT_PROD,
      UNCLASSIFIED_PROD.replace("{SEV}", "warning"),
      `4 findings [drift]: ${FIX("prod")}`,
      "",
      "1 environment, 11 syncable variables: 4 errors, 1 warning",
      "",
    ].join("\n"),
  );
  const all = await readOnly(DRIFTED, ["check"]);
  assert.equal(all.code, 1);
  assert.match(all.stdout, /\n3 environments, 11 syncable variables: 12 errors, 2 warnings\n$/);
  const lines = all.stdout.split("\n");
  for (
    const want of [
      "environments/dev/terraform.tfvars: error: dev: dask_worker_cores_max is not set (default 4), but the shared file has 1 (environments/shared-features.tfvars:17)" +
      EDITED("dev") + " [drift]",
      "environments/dev/terraform.tfvars:78: error: dev: server_cull_timeout = 1800, but the shared file leaves it at the default 3600 (variables.tf:297)" +
      EDITED("dev") + " [drift]",
      // englacial is the shared file's source: ahead of it, not drifted.
      "environments/englacial/terraform.tfvars:102: warning: englacial: 1 syncable value differs from the shared file (singleuser_image_tag): englacial is ahead of it, a pending promotion: run 'tfsync promote --from englacial --to ENV' to take it further, or 'tfsync apply --to englacial' to bring englacial in line [pending]",
    ]
  ) assert.ok(lines.includes(want), `${want}\nnot in:\n${all.stdout}`);
  // As shipped, the example is green: every difference is a pending promotion.
  const shipped = await readOnly(EXAMPLE, ["check"]);
  assert.equal(shipped.code, 0, shipped.stdout);
  assert.match(shipped.stdout, /\n3 environments, 11 syncable variables: 4 warnings\n$/);
  assert.equal(shipped.stdout.match(/\[pending\]$/gm)?.length, 3);
});

Deno.test("check --strict makes unclassified variables errors", async () => {
  const out = await readOnly(DRIFTED, ["check", "--env", "prod", "--strict"]);
  assert.equal(out.code, 1);
  assert.ok(out.stdout.includes(UNCLASSIFIED_PROD.replace("{SEV}", "error")));
  assert.match(out.stdout, /: 5 errors\n$/);
});

Deno.test("check exits 0 on a clean repository, also with warnings only", async () => {
  const clean = await readOnly(join(TESTDATA, "clean", "input"), ["check"]);
  assert.deepEqual([clean.code, clean.stdout, clean.stderr], [
    0,
    "2 environments, 2 syncable variables: no findings\n",
    "",
  ]);
  const dir = await tempCopy(join(TESTDATA, "clean", "input"));
  await Deno.writeTextFile(join(dir, "variables.tf"), 'variable "note" {\n  default = ""\n}\n', {
    append: true,
  });
  await Deno.writeTextFile(join(dir, "environments/a/terraform.tfvars"), 'note = "hi"\n', {
    append: true,
  });
  const warned = await tfsync(dir, ["check"]);
  assert.equal(warned.code, 0);
  assert.match(warned.stdout, /2 environments, 2 syncable variables: 1 warning\n$/);
});

Deno.test("check --format github prints workflow annotations (the default in GitHub Actions)", async () => {
  const want = [
    "::error file=environments/prod/terraform.tfvars,line=63,title=tfsync check%3A drift::prod: dask_worker_memory_max = 4, but the shared file has 3 (environments/shared-features.tfvars:18)" +
    EDITED("prod") + ": " + FIX("prod"),
    '::error file=environments/prod/terraform.tfvars,line=108,title=tfsync check%3A drift::prod: singleuser_image_tag = "2025.06.02", but the shared file has "2025.11.30" (environments/shared-features.tfvars:12)' +
    EDITED("prod") + ": " + FIX("prod"),
    "::error file=environments/prod/terraform.tfvars,line=113,title=tfsync check%3A drift::prod: dask_cluster_max_cores = 40, but the shared file has 200 (environments/shared-features.tfvars:19)" +
    EDITED("prod") + ": " + FIX("prod"),
    "::error file=environments/prod/terraform.tfvars,line=122,title=tfsync check%3A drift::prod: enable_lambda_invoke = false, but the shared file has true (environments/shared-features.tfvars:32)" +
    EDITED("prod") + ": " + FIX("prod"),
    '::warning file=environments/prod/terraform.tfvars,line=99,title=tfsync check%3A unclassified::"hub_banner_message" is in no group and not in environment_specific, so it is never synced (set in prod): classify it in tfsync.hcl',
    "tfsync check: 1 environment, 11 syncable variables: 4 errors, 1 warning",
    "",
  ].join("\n");
  const out = await readOnly(DRIFTED, ["check", "--env", "prod", "--format", "github"]);
  assert.deepEqual([out.code, out.stdout], [1, want]);
  const actions = await readOnly(DRIFTED, ["check", "--env=prod"], { GITHUB_ACTIONS: "true" });
  assert.equal(actions.stdout, want);
});

Deno.test("check --format markdown groups by environment, warnings under <details>, each fix", async () => {
  const out = await readOnly(EXAMPLE, ["check", "--env", "englacial", "--format", "markdown"]);
  assert.equal(out.code, 0);
  const table = (row: string) => [
    "<details><summary>1 warning</summary>",
    "",
    "| Check | Location | Finding | Fix |",
    "|---|---|---|---|",
    row,
    "",
    "</details>",
    "",
  ];
  assert.equal(
    out.stdout,
    [
      "### ⚠️ tfsync check: 2 warnings",
      "",
      "1 environment, 11 syncable variables.",
      "",
      "#### Repository: 1 warning",
      "",
      ...table(
        '| unclassified | `environments/englacial/terraform.tfvars:98` | "hub_banner_message" is in no group and not in environment_specific, so it is never synced (set in englacial) | classify it in tfsync.hcl |',
      ),
      "#### englacial: 1 warning",
      "",
      ...table(
        "| pending | `environments/englacial/terraform.tfvars:102` | englacial: 1 syncable value differs from the shared file (singleuser_image_tag): englacial is ahead of it, a pending promotion | run `tfsync promote --from englacial --to ENV` to take it further, or `tfsync apply --to englacial` to bring englacial in line |",
      ),
    ].join("\n"),
  );
});

Deno.test("check --json (= --format json) lists every finding with exact values", async () => {
  const a = await readOnly(DRIFTED, ["check", "--json"]);
  const b = await readOnly(DRIFTED, ["check", "--format", "json"]);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.code, 1);
  const report = JSON.parse(a.stdout);
  assert.deepEqual(
    [report.ok, report.errors, report.warnings, report.environments],
    [false, 12, 2, ["dev", "englacial", "prod"]],
  );
  const cores = report.findings.find((f: { environment?: string; variable?: string }) =>
    f.environment === "prod" && f.variable === "dask_cluster_max_cores"
  );
  assert.deepEqual(cores, {
    check: "drift",
    severity: "error",
    message:
      "prod: dask_cluster_max_cores = 40, but the shared file has 200 (environments/shared-features.tfvars:19)" +
      EDITED("prod"),
    fix: FIX("prod"),
    file: "environments/prod/terraform.tfvars",
    line: 113,
    variable: "dask_cluster_max_cores",
    environment: "prod",
    values: {
      prod: {
        layer: "environment",
        value: 40,
        file: "environments/prod/terraform.tfvars",
        line: 113,
      },
      shared: {
        layer: "shared",
        value: 200,
        file: "environments/shared-features.tfvars",
        line: 19,
      },
    },
  });
});

/** The 1-based line of the first line of `file` (under `dir`) that matches. */
async function lineOf(dir: string, file: string, match: RegExp): Promise<number> {
  const i = (await Deno.readTextFile(join(dir, file))).split("\n").findIndex((l) => match.test(l));
  assert.ok(i >= 0, `${file}: no line matches ${match}`);
  return i + 1;
}

Deno.test("check reports syntax errors, an invalid config, types and undeclared variables", async () => {
  const dir = await tempCopy(EXAMPLE);
  const dev = "environments/dev/terraform.tfvars";
  const prod = "environments/prod/terraform.tfvars";
  await Deno.writeTextFile(join(dir, dev), 'dask_worker_cores_max = "two"\nnot_a_variable = 1\n', {
    append: true,
  });
  await Deno.writeTextFile(join(dir, prod), "region = [\n", { append: true });
  const out = await tfsync(dir, ["check"]);
  assert.equal(out.code, 1);
  const lines = out.stdout.split("\n");
  const prodLine = await lineOf(dir, prod, /^region = \[$/);
  const typeLine = await lineOf(dir, dev, /^dask_worker_cores_max = "two"$/);
  const declared = await lineOf(dir, "variables.tf", /^variable "dask_worker_cores_max"/);
  const wants = [
    `${prod}:${prodLine}:10: error: Unterminated tuple: missing "]" [syntax]`,
    `${dev}:${
      typeLine + 1
    }: warning: dev: "not_a_variable" is declared in no variable block of module_dir "." (terraform: "Value for undeclared variable"): declare it in a variable block, or remove it from the file [undeclared]`,
    `${dev}:${typeLine}: error: dev: dask_worker_cores_max: a string "two" is not a number (type number at variables.tf:${declared}): change the value to fit the type, or the type to fit the value [type]`,
  ];
  // dev's differences from the shared file are a pending promotion, the new value among them.
  assert.match(
    out.stdout,
    /^environments\/dev\/terraform.tfvars:69: warning: dev: 8 syncable values differ from the shared file \(dask_worker_cores_max, /m,
  );
  for (const want of wants) assert.ok(lines.includes(want), `${want}\nnot in:\n${out.stdout}`);
  // prod does not parse, so it has no other finding
  assert.equal(lines.filter((l) => l.startsWith(prod)).length, 1);
  await Deno.writeTextFile(join(dir, "tfsync.hcl"), 'group "x" {\n  variables = [1]\n}\n');
  const config = await tfsync(dir, ["check"]);
  assert.deepEqual([config.code, config.stdout], [
    1,
    'tfsync.hcl:2: error: "variables" of group "x" must be a list of variable names, not a list holding a number [config]\n\n0 environments, 0 syncable variables: 1 error\n',
  ]);
});

Deno.test("check: bad usage is exit 2 with one line on stderr and nothing on stdout", async () => {
  const cases: Array<[string[], string]> = [
    [
      ["check", "--format", "xml"],
      "tfsync check: Unknown format \"xml\": expected text, json, github, markdown\nRun 'tfsync check --help' for usage.\n",
    ],
    [
      ["check", "--json", "--format", "text"],
      'tfsync check: "--json" and "--format text" disagree: use one of them\nRun \'tfsync check --help\' for usage.\n',
    ],
    [
      ["check", "--env", "staging"],
      'tfsync check: Unknown environment "staging": the environments are dev, englacial, prod\n',
    ],
    [
      ["check", "--env", "../prod"],
      'tfsync check: Invalid environment name "../prod": it must be a folder name, without / or \\\n',
    ],
    [
      ["check", "--env", ""],
      "tfsync check: --env needs a name\nRun 'tfsync check --help' for usage.\n",
    ],
    [["check", "--root", "missing"], 'tfsync check: Cannot use root "missing": not found\n'],
    [
      ["check", "--config", "nope.hcl"],
      'tfsync check: Cannot read config file "nope.hcl": not found\n',
    ],
    [
      ["check", "stray"],
      "tfsync check: Unexpected argument \"stray\": type 'tfsync check --env stray'\nRun 'tfsync check --help' for usage.\n",
    ],
  ];
  for (const [args, stderr] of cases) {
    const out = await readOnly(EXAMPLE, args);
    assert.deepEqual(
      [out.code, out.stdout, out.stderr],
      [2, "", stderr],
      args.join(" "),
    );
  }
});

// --- explain ------------------------------------------------------------------------------------

Deno.test("explain shows each layer with file:line and the layer that wins", async () => {
  const out = await readOnly(EXAMPLE, ["explain", "dask_worker_memory_max"]);
  assert.deepEqual([out.code, out.stderr], [0, ""]);
  assert.equal(
    out.stdout,
    [
      'dask_worker_memory_max: syncable, group "dask" (Dask Gateway limits)',
      "",
      "  variable      variables.tf:275: type number, default 16",
      "                Maximum memory per Dask worker (GB)",
      "  shared file   environments/shared-features.tfvars:18: 3",
      "",
      "  ENVIRONMENT  VALUE  WINS     FROM",
      "  dev          16     default  variables.tf:275                             differs from the shared file",
      "  englacial    3      tfvars   environments/englacial/terraform.tfvars:112",
      "  prod         4      tfvars   environments/prod/terraform.tfvars:63        differs from the shared file",
      "",
    ].join("\n"),
  );
  const one = await readOnly(EXAMPLE, ["explain", "hub_banner_message", "--env", "dev"]);
  assert.equal(
    one.stdout,
    [
      "hub_banner_message: unclassified (in no list of the config: never synced)",
      "",
      '  variable      variables.tf:330: type string, default ""',
      "                Announcement shown at the top of the hub's home page (HTML allowed)",
      "  shared file   environments/shared-features.tfvars: not set",
      "",
      "  ENVIRONMENT  VALUE  WINS     FROM",
      '  dev          ""     default  variables.tf:330',
      "",
    ].join("\n"),
  );
});

Deno.test("explain --json", async () => {
  const out = await readOnly(EXAMPLE, [
    "explain",
    "singleuser_image_tag",
    "--env",
    "prod",
    "--json",
  ]);
  assert.equal(out.code, 0);
  const declared = await lineOf(EXAMPLE, "variables.tf", /^variable "singleuser_image_tag"/);
  assert.deepEqual(JSON.parse(out.stdout), {
    format_version: 1,
    variable: "singleuser_image_tag",
    class: "syncable",
    group: "images",
    group_description: "Container images",
    sensitive: false,
    declaration: {
      file: "variables.tf",
      line: declared,
      type: "string",
      required: false,
      default: "2024.04.08",
      description: "Tag of singleuser_image_name",
    },
    shared: {
      file: "environments/shared-features.tfvars",
      set: true,
      line: 12,
      value: "2025.11.30",
    },
    environments: [{
      name: "prod",
      layer: "environment",
      value: "2025.06.02",
      file: "environments/prod/terraform.tfvars",
      line: 108,
      differs_from_shared: true,
    }],
  });
});

Deno.test("explain hides sensitive values", async () => {
  const out = await readOnly(join(TESTDATA, "types", "input"), ["explain", "secret"]);
  assert.equal(out.code, 0);
  assert.ok(!out.stdout.includes("hidden-value") && !out.stdout.includes(" 7 "), out.stdout);
  assert.ok(
    out.stdout.includes("  bad          (sensitive)  tfvars  environments/bad/terraform.tfvars:10"),
  );
});

Deno.test("explain: bad usage is exit 2", async () => {
  const cases: Array<[string[], string]> = [
    [
      ["explain"],
      "tfsync explain: Missing the variable to explain\nRun 'tfsync explain --help' for usage.\n",
    ],
    [
      ["explain", "a", "b"],
      'tfsync explain: One variable at a time: got "a", "b"\nRun \'tfsync explain --help\' for usage.\n',
    ],
    [
      ["explain", "dask_cluster_max_core"],
      'tfsync explain: Unknown variable "dask_cluster_max_core": declared in no variable block, set in no tfvars file and named in no list of the config (did you mean "dask_cluster_max_cores"?)\n',
    ],
    [
      ["explain", "region", "--env", "qa"],
      'tfsync explain: Unknown environment "qa": the environments are dev, englacial, prod\n',
    ],
  ];
  for (const [args, stderr] of cases) {
    const out = await readOnly(EXAMPLE, args);
    assert.deepEqual([out.code, out.stdout, out.stderr], [2, "", stderr], args.join(" "));
  }
});

// --- matrix -------------------------------------------------------------------------------------

Deno.test("matrix prints environments x syncable variables, marking what differs", async () => {
  const out = await readOnly(EXAMPLE, ["matrix", "--group", "dask,timeouts"]);
  assert.deepEqual([out.code, out.stderr], [0, ""]);
  assert.equal(
    out.stdout,
    [
      "GROUP     VARIABLE                SHARED  dev    englacial  prod",
      "dask      dask_worker_cores_max   1       (4)*   1          1",
      "dask      dask_worker_memory_max  3       (16)*  3          4*",
      "dask      dask_cluster_max_cores  200     (20)*  200        40*",
      "timeouts  kernel_cull_timeout     1200    600*   1200       1200",
      "timeouts  server_cull_timeout     (3600)  1800*  (3600)     3600",
      "",
      "* differs from the shared file (environments/shared-features.tfvars); (value): not set, the variables.tf default; -: no value",
      "",
    ].join("\n"),
  );
  const md = await readOnly(EXAMPLE, ["matrix", "--group", "images", "--format", "markdown"]);
  assert.match(md.stdout, /^\| Group \| Variable \| Shared \| dev \| englacial \| prod \|\n/);
  const json = JSON.parse((await readOnly(EXAMPLE, ["matrix", "--json"])).stdout);
  assert.equal(json.rows.length, 11);
  assert.equal(json.rows[4].cells.prod.differs, true);
});

Deno.test("matrix --format html writes one self-contained page", async () => {
  const out = await readOnly(EXAMPLE, ["matrix", "--format", "html"]);
  assert.equal(out.code, 0);
  assert.ok(out.stdout.startsWith("<!DOCTYPE html>"));
  assert.doesNotMatch(out.stdout, /<(link|script|img)\b|url\(|\bsrc=|\bhref=/i);
});

Deno.test("matrix: bad usage is exit 2", async () => {
  const cases: Array<[string[], string]> = [
    [
      ["matrix", "--group", "gpu"],
      'tfsync matrix: Unknown group "gpu": the groups are images, dask, timeouts, features\n',
    ],
    [
      ["matrix", "--format", "pdf"],
      "tfsync matrix: Unknown format \"pdf\": expected text, json, markdown, html\nRun 'tfsync matrix --help' for usage.\n",
    ],
  ];
  for (const [args, stderr] of cases) {
    const out = await readOnly(EXAMPLE, args);
    assert.deepEqual([out.code, out.stdout, out.stderr], [2, "", stderr], args.join(" "));
  }
});

// --- init ---------------------------------------------------------------------------------------

const UNCLASSIFIED_LIST = [
  "Environments: dev, englacial, prod.",
  "Unclassified (in no list: never synced; add each to a group or environment_specific):",
  "  extra_user_config   englacial, prod",
  "  hub_banner_message  englacial, prod",
  "  monitoring          dev, englacial, prod",
  "  tags                dev, englacial, prod",
  "",
];

Deno.test("init writes tfsync.hcl from the defaults, lists the unclassified, refuses to overwrite", async () => {
  const dir = await tempCopy(EXAMPLE);
  await Deno.remove(join(dir, "tfsync.hcl"));
  const out = await tfsync(dir, ["init"]);
  assert.deepEqual([out.code, out.stderr], [0, ""]);
  assert.equal(
    out.stdout,
    [
      "Wrote tfsync.hcl from built-in defaults: groups images (2), dask (3), timeouts (2), features (4); 29 environment-specific variables.",
      ...UNCLASSIFIED_LIST,
    ].join("\n"),
  );
  const written = await Deno.readTextFile(join(dir, "tfsync.hcl"));
  assert.ok(written.includes('\ngroup "dask" {\n  description = "Dask Gateway Configuration"\n'));
  // the written file is what the commands read
  const check = await tfsync(dir, ["check", "--json"]);
  assert.equal(
    JSON.parse(check.stdout).findings.filter((f: { check: string }) => f.check === "unclassified")
      .length,
    4,
  );

  const again = await tfsync(dir, ["init"]);
  assert.deepEqual([again.code, again.stdout, again.stderr], [
    2,
    "",
    "tfsync init: tfsync.hcl already exists: use --force to overwrite it\nRun 'tfsync init --help' for usage.\n",
  ]);
  assert.equal(await Deno.readTextFile(join(dir, "tfsync.hcl")), written);
});

Deno.test("init --from-makefile imports the design's lists and sync-<group> targets", async () => {
  const dir = await tempCopy(EXAMPLE);
  const old = await Deno.readTextFile(join(dir, "tfsync.hcl"));
  await Deno.copyFile(DESIGN_MAKEFILE, join(dir, "Makefile.old"));
  const dry = await tfsync(dir, [
    "init",
    "--from-makefile",
    "Makefile.old",
    "--force",
    "--dry-run",
  ]);
  assert.equal(dry.code, 0);
  assert.match(dry.stdout, /^--- a\/tfsync.hcl\n\+\+\+ b\/tfsync.hcl\n/);
  assert.ok(dry.stdout.split("\n").includes('+  description = "Timeout settings"'));
  assert.match(dry.stdout, /^Would write tfsync.hcl from Makefile.old: /m);
  assert.equal(await Deno.readTextFile(join(dir, "tfsync.hcl")), old);

  const out = await tfsync(dir, ["init", "--from-makefile", "Makefile.old", "--force"]);
  assert.deepEqual([out.code, out.stderr], [0, ""]);
  assert.equal(
    out.stdout,
    [
      "Wrote tfsync.hcl from Makefile.old: groups images (2), dask (3), timeouts (2), features (4); 29 environment-specific variables.",
      ...UNCLASSIFIED_LIST,
    ].join("\n"),
  );
  assert.equal(await Deno.readTextFile(join(dir, "tfsync.hcl.bak")), old);
  const text = await Deno.readTextFile(join(dir, "tfsync.hcl"));
  assert.ok(text.includes(
    'group "images" {\n  description = "Container image settings"\n  variables   = ["singleuser_image_name", "singleuser_image_tag"]\n}\n',
  ));
  assert.ok(
    text.includes(
      'group "features" {\n  description = "Other syncable variables"\n',
    ),
  );

  const json = await tfsync(dir, ["init", "--from-makefile", "Makefile.old", "--force", "--json"]);
  const report = JSON.parse(json.stdout);
  assert.equal(report.written, false); // same text: not rewritten
  assert.deepEqual(report.unclassified[0], {
    name: "extra_user_config",
    environments: ["englacial", "prod"],
  });
});

Deno.test("init: bad inputs are exit 2 and write nothing", async () => {
  const dir = await tempCopy(EXAMPLE);
  await Deno.remove(join(dir, "tfsync.hcl"));
  await Deno.writeTextFile(join(dir, "plain.mk"), "all:\n\techo hi\n");
  const cases: Array<[string[], string]> = [
    [
      ["init", "--from-makefile", "nope.mk"],
      "tfsync init: nope.mk: Cannot read the file: not found\n",
    ],
    [
      ["init", "--from-makefile", "plain.mk"],
      "tfsync init: plain.mk: Cannot import it: it has no SYNCABLE_VARS list (SYNCABLE_VARS := name name …)\n",
    ],
    [
      ["init", "--from-makefile"],
      "tfsync init: Option '--from-makefile <value>' argument missing\nRun 'tfsync init --help' for usage.\n",
    ],
  ];
  const before = await snapshotTree(dir);
  for (const [args, stderr] of cases) {
    const out = await tfsync(dir, args);
    assert.deepEqual([out.code, out.stdout, out.stderr], [2, "", stderr], args.join(" "));
  }
  assert.deepEqual(changedPaths(before, await snapshotTree(dir)), []);
});

// --- restore ------------------------------------------------------------------------------------

Deno.test("restore swaps the .bak back and keeps the replaced file as the new .bak", async () => {
  const dir = await tempCopy(EXAMPLE);
  const file = join(dir, "environments/prod/terraform.tfvars");
  const original = await Deno.readTextFile(file);
  const edited = original + "# hand edit\n";
  await Deno.writeTextFile(file + ".bak", original);
  await Deno.writeTextFile(file, edited);

  const dry = await tfsync(dir, ["restore", "--env", "prod", "--dry-run"]);
  assert.equal(dry.code, 0);
  assert.match(dry.stdout, /^-# hand edit$/m);
  assert.equal(await Deno.readTextFile(file), edited);
  // --json carries the same patch, as init --dry-run --json does.
  const dryJson = await tfsync(dir, ["restore", "--env", "prod", "--dry-run", "--json"]);
  assert.deepEqual([dryJson.code, JSON.parse(dryJson.stdout)], [0, {
    format_version: 1,
    environment: "prod",
    dry_run: true,
    files: [{
      file: "environments/prod/terraform.tfvars",
      backup: "environments/prod/terraform.tfvars.bak",
      restored: false,
      diff: dry.stdout,
    }],
  }]);
  assert.equal(await Deno.readTextFile(file), edited);

  const refused = await tfsync(dir, ["restore", "--env", "prod"]);
  assert.deepEqual([refused.code, refused.stdout, refused.stderr], [
    2,
    "",
    "tfsync restore: Not confirmed: no terminal to ask on; pass --yes to write, or --dry-run to see the changes\n",
  ]);
  assert.equal(await Deno.readTextFile(file), edited);

  const out = await tfsync(dir, ["restore", "--env", "prod", "-y"]);
  assert.deepEqual([out.code, out.stderr], [0, ""]);
  assert.equal(
    out.stdout,
    "Restored environments/prod/terraform.tfvars from environments/prod/terraform.tfvars.bak; the replaced version is now environments/prod/terraform.tfvars.bak (run 'tfsync restore --env prod' again to undo)\n",
  );
  assert.equal(await Deno.readTextFile(file), original);
  assert.equal(await Deno.readTextFile(file + ".bak"), edited);

  const undo = await tfsync(dir, ["restore", "--env", "prod", "--json", "-y"]);
  assert.deepEqual(JSON.parse(undo.stdout), {
    format_version: 1,
    environment: "prod",
    dry_run: false,
    files: [{
      file: "environments/prod/terraform.tfvars",
      backup: "environments/prod/terraform.tfvars.bak",
      restored: true,
    }],
  });
  assert.equal(await Deno.readTextFile(file), edited);
  assert.equal(await Deno.readTextFile(file + ".bak"), original);
});

Deno.test("restore without --env undoes the whole last run, shared file included, and undoes itself", async () => {
  const dir = await tempCopy(EXAMPLE);
  const files = ["environments/shared-features.tfvars", "environments/prod/terraform.tfvars"];
  const text = (f: string) => Deno.readTextFile(join(dir, f));
  const original = await Promise.all(files.map(text));
  const promote = ["promote", "--from", "englacial", "--to", "prod", "-y"];
  assert.equal((await tfsync(dir, promote)).code, 0);
  const promoted = await Promise.all(files.map(text));
  const record = JSON.parse(await text(".tfsync-last-run.json"));
  assert.deepEqual(record, {
    command: "promote",
    backup: true,
    files: files.map((path) => ({ path, state: "replaced" })),
  });
  const refused = await tfsync(dir, ["restore"]);
  assert.equal(refused.code, 2);
  assert.deepEqual(await Promise.all(files.map(text)), promoted);
  const dry = await tfsync(dir, ["restore", "--dry-run"]);
  const dryJson = await tfsync(dir, ["restore", "--dry-run", "--json"]);
  const patches = JSON.parse(dryJson.stdout).files.map((f: { diff: string }) => f.diff);
  assert.deepEqual([dry.code, dryJson.code, patches.length], [0, 0, 2]);
  assert.equal(patches.join(""), dry.stdout);
  assert.match(patches[1], /^--- a\/environments\/prod\/terraform.tfvars\tcurrent\n/);
  assert.deepEqual(await Promise.all(files.map(text)), promoted);
  const undo = await tfsync(dir, ["restore", "-y"]);
  assert.deepEqual([undo.code, undo.stdout], [
    0,
    files.map((f) => `Restored ${f} from ${f}.bak (the replaced version is now the .bak)\n`).join(
      "",
    ) + "Undid tfsync promote; run 'tfsync restore' again to redo it\n",
  ]);
  assert.deepEqual(await Promise.all(files.map(text)), original);
  assert.deepEqual(await Promise.all(files.map((f) => text(f + ".bak"))), promoted);
  const redo = await tfsync(dir, ["restore", "-y"]);
  assert.equal(redo.code, 0);
  assert.match(redo.stdout, /\nUndid tfsync restore of promote; /);
  assert.deepEqual(await Promise.all(files.map(text)), promoted);
});

Deno.test("restore --env is a run: restore then undoes it, not the run before", async () => {
  const dir = await tempCopy(EXAMPLE);
  const [shared, prod] = [
    "environments/shared-features.tfvars",
    "environments/prod/terraform.tfvars",
  ];
  const text = (f: string) => Deno.readTextFile(join(dir, f));
  const original = await text(prod);
  assert.equal(
    (await tfsync(dir, ["promote", "--from", "englacial", "--to", "prod", "-y"])).code,
    0,
  );
  const promoted = { [shared]: await text(shared), [prod]: await text(prod) };
  assert.equal((await tfsync(dir, ["restore", "--env", "prod", "-y"])).code, 0);
  assert.deepEqual(JSON.parse(await text(".tfsync-last-run.json")), {
    command: "restore --env prod",
    backup: true,
    files: [{ path: prod, state: "replaced" }],
  });
  // It used to undo the promote with prod's .bak swapped: the shared file went back, and prod
  // took the promoted text again, under "Undid tfsync promote".
  const undo = await tfsync(dir, ["restore", "-y"]);
  assert.deepEqual([undo.code, undo.stderr, undo.stdout], [
    0,
    "",
    `Restored ${prod} from ${prod}.bak (the replaced version is now the .bak)\n` +
    "Undid tfsync restore --env prod; run 'tfsync restore' again to redo it\n",
  ]);
  assert.deepEqual({ [shared]: await text(shared), [prod]: await text(prod) }, promoted);
  assert.equal(await text(prod + ".bak"), original);
  const redo = await tfsync(dir, ["restore", "-y"]);
  assert.match(redo.stdout, /\nUndid tfsync restore of restore --env prod; /);
  assert.equal(await text(prod), original);
  assert.equal(await text(shared), promoted[shared]);
});

Deno.test("restore of a run through a symlinked tfvars finds the .bak beside the link", async () => {
  const dir = await tempCopy(EXAMPLE);
  const link = join(dir, "environments/prod/terraform.tfvars");
  const target = join(dir, "prod.tfvars");
  const original = await Deno.readTextFile(link);
  await Deno.rename(link, target);
  await Deno.symlink(target, link);
  assert.equal(
    (await tfsync(dir, ["promote", "--from", "englacial", "--to", "prod", "-y"])).code,
    0,
  );
  const promoted = await Deno.readTextFile(target);
  // promote keeps the .bak beside the link (it looked for prod.tfvars.bak: exit 2, "its .bak
  // does not exist").
  assert.equal(await Deno.readTextFile(link + ".bak"), original);
  const undo = await tfsync(dir, ["restore", "-y"]);
  assert.deepEqual([undo.code, undo.stderr], [0, ""]);
  assert.ok((await Deno.lstat(link)).isSymlink);
  assert.equal(await Deno.readTextFile(target), original);
  assert.equal(await Deno.readTextFile(link + ".bak"), promoted);
  await assert.rejects(Deno.lstat(target + ".bak"), Deno.errors.NotFound);
});

Deno.test("restore removes a file the last run created, and puts it back when run again", async () => {
  const dir = await tempCopy(EXAMPLE);
  const shared = join(dir, "environments/shared-features.tfvars");
  await Deno.remove(shared);
  assert.equal((await tfsync(dir, ["extract", "--from", "englacial", "-y"])).code, 0);
  const created = await Deno.readTextFile(shared);
  const undo = await tfsync(dir, ["restore", "-y"]);
  assert.deepEqual([undo.code, undo.stdout.split("\n")[0]], [
    0,
    "Removed environments/shared-features.tfvars (it is now environments/shared-features.tfvars.bak)",
  ]);
  await assert.rejects(Deno.stat(shared), Deno.errors.NotFound);
  assert.equal(await Deno.readTextFile(shared + ".bak"), created);
  assert.equal((await tfsync(dir, ["restore", "-y"])).code, 0);
  assert.equal(await Deno.readTextFile(shared), created);
  // A run that keeps no .bak cannot be undone, and restore says so.
  const promote = ["promote", "--from", "englacial", "--to", "prod", "-y", "--no-backup"];
  assert.equal((await tfsync(dir, promote)).code, 0);
  const none = await tfsync(dir, ["restore", "-y"]);
  assert.deepEqual([none.code, none.stderr], [
    2,
    "tfsync restore: Nothing to restore: the last run (tfsync promote) kept no .bak (--no-backup)\n",
  ]);
});

Deno.test("restore: no .bak and bad usage are exit 2 and change nothing", async () => {
  const cases: Array<[string[], string]> = [
    [
      ["restore", "--env", "prod"],
      "tfsync restore: environments/prod/terraform.tfvars: Nothing to restore: its .bak does not exist\n",
    ],
    [
      ["restore"],
      "tfsync restore: Nothing to restore: no writing run is recorded (.tfsync-last-run.json does not exist); name one environment with --env ENV to put its .bak back\n",
    ],
    [
      ["restore", "--env", "qa"],
      'tfsync restore: Unknown environment "qa": the environments are dev, englacial, prod\n',
    ],
    [
      ["restore", "--env", "../prod"],
      'tfsync restore: Invalid environment name "../prod": it must be a folder name, without / or \\\n',
    ],
  ];
  for (const [args, stderr] of cases) {
    const out = await readOnly(EXAMPLE, args);
    assert.deepEqual([out.code, out.stdout, out.stderr], [2, "", stderr], args.join(" "));
  }
});

// --- check over the corpus ----------------------------------------------------------------------

const CASES = corpusCases();

interface JsonFinding {
  check: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  variable?: string;
  variables?: string[];
  environment?: string;
}

/** hashicorp/hcl's reading (hcl2json) of each environment, the shared file and the defaults. */
async function independentValues(dir: string, c: CorpusCase) {
  const read = async (path: string) => {
    try {
      return await readWithHcl(await Deno.readTextFile(path), path);
    } catch {
      return undefined;
    }
  };
  const defaults: Record<string, unknown> = {};
  for (const f of c.module) {
    const tf = await read(join(dir, "module", f.split("/").at(-1)!));
    for (
      const [name, [block]] of Object.entries(tf?.variable ?? {}) as [
        string,
        [Record<string, unknown>],
      ][]
    ) {
      if ("default" in block) defaults[name] = block.default;
    }
  }
  const envs = new Map<string, Record<string, unknown> | undefined>();
  for (const env of Object.keys(c.environments).sort()) {
    envs.set(env, await read(join(dir, "environments", env, "terraform.tfvars")));
  }
  const shared = await read(join(dir, "environments", "shared-features.tfvars"));
  return { defaults, envs, shared };
}

Deno.test({
  name: `check over every corpus repository with a variables file${
    CASES.length ? ` (${CASES.length} repositories)` : " (skipped: ../shared/corpus is absent)"
  }`,
  ignore: CASES.length === 0,
  async fn(t) {
    const summary: string[] = [];
    for (const c of CASES) {
      await t.step(c.name, async () => {
        const dir = await Deno.makeTempDir({ prefix: "tfsync-corpus4-" });
        try {
          const syncable = await materialize(c, dir);
          const out = await tfsync(dir, ["check", "--json"]);
          assert.equal(out.stderr, "");
          const report = JSON.parse(out.stdout);
          assert.equal(out.code, report.errors ? 1 : 0);
          const findings: JsonFinding[] = report.findings;
          // The config classifies everything, so there is nothing unclassified and no config error.
          assert.deepEqual(
            findings.filter((f) => ["config", "unclassified"].includes(f.check)),
            [],
          );
          for (const f of findings) {
            if (f.file === undefined || f.check === "shared") continue;
            const text = await Deno.readTextFile(join(dir, f.file));
            assert.ok((f.line ?? 1) <= text.split("\n").length, `${f.file}:${f.line}`);
          }
          // The only corpus file that is not HCL is 2i2c's Jinja-style template.tfvars.
          assert.deepEqual(
            findings.filter((f) => f.check === "syntax").map((f) => f.file),
            c.name === "2i2c-org__infrastructure/aws"
              ? ["environments/template/terraform.tfvars"]
              : [],
          );
          // Drift, recomputed from hashicorp/hcl's reading of the same files.
          const { defaults, envs, shared } = await independentValues(dir, c);
          const value = (doc: Record<string, unknown> | undefined, name: string) =>
            doc && name in doc ? doc[name] : defaults[name];
          const want: string[] = [];
          for (const name of syncable) {
            const parsed = [...envs].filter(([, doc]) => doc !== undefined);
            const ref = shared ? value(shared, name) : undefined;
            if (ref !== undefined) {
              for (const [env, doc] of parsed) {
                if (!isDeepStrictEqual(value(doc, name), ref)) want.push(`${env}/${name}`);
              }
            } else {
              const distinct = new Set(parsed.map(([, doc]) => JSON.stringify(value(doc, name))));
              if (distinct.size > 1) want.push(name);
            }
          }
          // A difference from the record is drift or, in a file no sync has stamped, a pending
          // promotion that lists its variables.
          const got = findings.flatMap((f) =>
            f.check === "drift"
              ? [f.environment ? `${f.environment}/${f.variable}` : f.variable!]
              : f.check === "pending"
              ? f.variables!.map((v) => `${f.environment}/${v}`)
              : []
          );
          assert.deepEqual(got.sort(), want.sort());
          // Every undeclared variable is really declared nowhere.
          for (const f of findings.filter((f) => f.check === "undeclared")) {
            assert.ok(!(f.variable! in defaults), f.variable);
            for (const m of c.module) {
              const tf = await Deno.readTextFile(join(CORPUS, m));
              assert.ok(!tf.includes(`variable "${f.variable}"`), f.variable);
            }
          }
          const by = (check: string) => findings.filter((f) => f.check === check);
          summary.push(
            `${c.name}: ${report.environments.length} envs, ${syncable.length} syncable; ` +
              ["syntax", "undeclared", "type", "drift", "pending"].map((k) =>
                `${k} ${by(k).length}`
              ).join(
                ", ",
              ),
          );
          if (c.name === "cds-snc__notification-terraform") {
            assert.deepEqual(got.sort(), [
              "dev/enable_cloudwatch_fire_drills",
              "dev/enable_delete_protection",
              "dev/enable_guardduty_malware_s3",
              "production/force_upgrade",
              "production/perf_schedule_expression",
              "production/perf_test_csv_directory_path",
              "production/perf_test_email",
              "production/perf_test_phone_number",
            ]);
            for (const f of [...by("drift"), ...by("pending")]) summary.push(`  ${f.message}`);
          }
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      });
    }
    console.log(summary.join("\n"));
  },
});
