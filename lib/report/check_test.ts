import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkRepository, type CheckResult, type Finding, loadCheckConfig } from "./check.ts";
import { counts, render, renderGithub, renderMarkdown } from "../../render/check_format.ts";
import { MAKE_WORDS } from "../../commands/_make_words.ts";
import { plain, run as command } from "../words.ts";

const TESTDATA = fileURLToPath(new URL("../../tests/testdata/check/", import.meta.url));

async function run(name: string, strict = false): Promise<CheckResult> {
  const root = join(TESTDATA, name, "input");
  const display = (p: string) =>
    p === root ? "." : p.startsWith(root + "/") ? p.slice(root.length + 1) : p;
  const config = await loadCheckConfig(root, undefined, display);
  if ("check" in config) return { environments: [], syncable: 0, findings: [config] };
  return await checkRepository(config, { strict, display });
}

/**
 * The repositories of the golden cases (tests/testdata/check/<case>/input, whose exact reports
 * tests/golden_cases_test.ts compares): what each finds, counted.
 */
const CASES: Array<[string, string, { strict?: boolean; errors: number; warnings: number }]> = [
  ["clean", "a repository in sync has no finding", { errors: 0, warnings: 0 }],
  ["drift", "drift lists environment × variable with both values and file:line", {
    errors: 5,
    warnings: 0,
  }],
  ["pending", "environments behind the record, ahead of it, hand-edited, set apart", {
    errors: 1,
    warnings: 4,
  }],
  ["pending-no-source", "an environment behind a record that names no source", {
    errors: 0,
    warnings: 1,
  }],
  ["paths-no-shared", "without a shared file, paths are compared and each finding has a fix", {
    errors: 1,
    warnings: 3,
  }],
  ["no-shared", "without a shared file, environments are compared with one another", {
    errors: 2,
    warnings: 1,
  }],
  ["types", "type mismatches follow Terraform's conversions", { errors: 12, warnings: 1 }],
  ["problems", "undeclared, unclassified and non-syncable shared variables are found", {
    errors: 2,
    warnings: 3,
  }],
  ["problems", "--strict makes unclassified variables errors", {
    strict: true,
    errors: 4,
    warnings: 1,
  }],
  ["syntax", "files that do not parse are findings, and the rest is still checked", {
    errors: 3,
    warnings: 0,
  }],
  ["bad-config", "an invalid tfsync.hcl is a finding", { errors: 1, warnings: 0 }],
];

for (const [name, behaviour, want] of CASES) {
  Deno.test(`checkRepository() ${behaviour} (${name})`, async () => {
    const result = await run(name, want.strict);
    assert.deepEqual(counts(result), { errors: want.errors, warnings: want.warnings });
  });
}

Deno.test("checkRepository() finds drift per environment with both values", async () => {
  const { findings } = await run("drift");
  const drift = findings.filter((f) => f.check === "drift");
  const pairs = drift.map((f) => `${f.environment}/${f.variable}`);
  assert.deepEqual(pairs.sort(), [
    "dev/required_flag",
    "dev/types",
    "prod/cores",
    "prod/required_flag",
    "prod/tag",
  ]);
  const tag = drift.find((f) => f.variable === "tag")!;
  assert.equal(tag.file, "environments/prod/terraform.tfvars");
  assert.equal(tag.line, 3);
  assert.deepEqual(tag.values?.prod.value, "1.5");
  assert.deepEqual(tag.values?.shared, {
    layer: "shared",
    value: "2.0",
    file: "environments/shared-features.tfvars",
    line: 3,
  });
  // prod sets `types` over four lines with a comment: the same value, so no finding.
  assert.ok(!pairs.includes("prod/types"));
});

Deno.test("checkRepository() never prints a sensitive value", async () => {
  const text = render(await run("types"), "text") + render(await run("types"), "json");
  assert.ok(!text.includes("hidden-value"));
  assert.match(text, /bad: secret: the value does not fit/);
});

Deno.test("checkRepository() limits to the named environments", async () => {
  const root = join(TESTDATA, "drift", "input");
  const config = await loadCheckConfig(root, undefined, (p) => p);
  if ("check" in config) throw new Error(String(config.message));
  const result = await checkRepository(config, { environments: ["prod"] });
  assert.deepEqual(result.environments, ["prod"]);
  assert.ok(result.findings.every((f) => f.environment === undefined || f.environment === "prod"));
  await assert.rejects(
    () => checkRepository(config, { environments: ["nope"] }),
    /Unknown environment "nope": the environments are dev, prod, test/,
  );
});

const SAMPLE: CheckResult = {
  environments: ["a"],
  syncable: 1,
  findings: [
    {
      check: "drift",
      severity: "error",
      message: 'a: x = "1,2|3", but: 100%\nnew line',
      file: "env/a, b:c.tfvars",
      line: 3,
    } satisfies Finding,
    { check: "unclassified", severity: "warning", message: "y <b>" },
  ],
};

Deno.test("renderGithub() escapes workflow command data and properties", () => {
  assert.equal(
    renderGithub(SAMPLE),
    [
      '::error file=env/a%2C b%3Ac.tfvars,line=3,title=tfsync check%3A drift::a: x = "1,2|3", but: 100%25%0Anew line',
      "::warning title=tfsync check%3A unclassified::y <b>",
      "tfsync check: 1 environment, 1 syncable variable: 1 error, 1 warning",
      "",
    ].join("\n"),
  );
});

Deno.test("renderMarkdown() groups by environment, folds warnings, escapes table cells", () => {
  const [drift, unclassified] = SAMPLE.findings;
  const md = renderMarkdown({
    ...SAMPLE,
    findings: [
      { ...drift, environment: "a", fix: ["run ", command("apply", ["to", "a"])] },
      unclassified,
    ],
  });
  assert.equal(
    md,
    [
      "### ❌ tfsync check: 1 error, 1 warning",
      "",
      "1 environment, 1 syncable variable.",
      "",
      "#### Repository: 1 warning",
      "",
      "<details><summary>1 warning</summary>",
      "",
      "| Check | Location | Finding | Fix |",
      "|---|---|---|---|",
      "| unclassified |  | y &lt;b&gt; |  |",
      "",
      "</details>",
      "",
      "#### a: 1 error",
      "",
      "| Check | Location | Finding | Fix |",
      "|---|---|---|---|",
      '| drift | `env/a, b:c.tfvars:3` | a: x = "1,2\\|3", but: 100% new line | run `tfsync apply --to a` |',
      "",
    ].join("\n"),
  );
  // Only the commands a finding names are inline code, in the run's words: a value that reads
  // like one is text (it was made code by a search for 'tfsync …').
  const value: Finding = {
    check: "type",
    severity: "error",
    message: `x = "see 'tfsync init' | 'make x'" is not a number`,
    fix: ["run ", command("init", ["force"])],
  };
  assert.deepEqual(
    renderMarkdown({ environments: [], syncable: 0, findings: [value] }, MAKE_WORDS).split("\n")
      .slice(6, 9),
    [
      "| Check | Location | Finding | Fix |",
      "|---|---|---|---|",
      `| type |  | x = "see 'tfsync init' \\| 'make x'" is not a number | run \`make sync-init FORCE=1\` |`,
    ],
  );
  assert.equal(
    renderMarkdown({ environments: [], syncable: 0, findings: [] }),
    "### ✅ tfsync check: no findings\n\n0 environments, 0 syncable variables.\n",
  );
});

Deno.test("render() json keeps numbers exact and lists every finding", async () => {
  const json = JSON.parse(render(await run("drift"), "json"));
  assert.equal(json.ok, false);
  assert.equal(json.errors, 5);
  assert.equal(json.findings.length, 5);
  const cores = JSON.parse(render(await run("no-shared"), "json")).findings
    .find((f: Finding) => f.variable === "cores");
  assert.deepEqual(cores.values.dev, {
    layer: "environment",
    value: 2,
    file: "environments/dev/terraform.tfvars",
    line: 3,
  });
  assert.deepEqual(cores.values.staging.layer, "default");
});

Deno.test("checkRepository() fixes each case its own way: edited, ahead, behind, set apart", async () => {
  const fixes = (await run("pending")).findings.map((f) => [f.environment, plain(f.fix!)]);
  assert.deepEqual(fixes, [
    ["dev", "run apply to dev to put the shared value back, or extract from dev to record it"],
    // Its banner names itself: no sync wrote it, features start there.
    ["lab", "run promote from lab to ENV to take it further, or apply to lab to bring lab in line"],
    [
      "prod",
      "run promote from test to prod to promote test's values to prod, or apply to prod to " +
      "bring it the shared file's as they are",
    ],
    [
      "staging",
      "run apply to staging prune to remove it, or extract from staging to record it",
    ],
    [
      "test",
      "run promote from test to ENV to take it further, or apply to test to bring test in line",
    ],
  ]);
  const none = (await run("pending-no-source")).findings.map((f) => plain(f.fix!));
  assert.deepEqual(none, ["run apply to prod to bring prod the shared file's values"]);
});

Deno.test("checkRepository() gives every path finding a fix, with no shared file too", async () => {
  const { findings } = await run("paths-no-shared");
  assert.deepEqual(findings.map((f) => [f.check, f.environment, plain(f.fix!)]), [
    ["shared", undefined, "run extract from ENV to create it"],
    [
      "drift",
      "staging",
      "run extract from ENV to record one environment's values, then apply to ENV for the others",
    ],
    ["path", "prod", "make node_groups.gpu in prod an object or map for the path to sync there"],
    [
      "path",
      "staging",
      "set node_groups.gpu in staging (an object or map) for the path to sync there",
    ],
  ]);
});

Deno.test("checkRepository() says where module_dir is set when it holds no .tf file", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(root, "environments", "dev"), { recursive: true });
    await Deno.writeTextFile(join(root, "environments", "dev", "terraform.tfvars"), "a = 1\n");
    await Deno.writeTextFile(join(root, "tfsync.hcl"), 'group "g" {\n  variables = ["a"]\n}\n');
    const config = await loadCheckConfig(root, undefined, (p) => p.slice(root.length + 1));
    assert.ok(!("check" in config));
    const display = (p: string) => p === root ? "." : p.slice(root.length + 1);
    const { findings } = await checkRepository(config, { display });
    const module = findings.find((f) => f.check === "module")!;
    assert.equal(
      plain(module.fix!),
      "set module_dir in tfsync.hcl to the folder of variables.tf",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
