// What using tfsync on the corpus repositories showed, each as the command a user ran and what it
// should print (the repository copied to a temporary folder, never into the project).
import assert from "node:assert/strict";
import { join } from "node:path";
import { copyTree, CORPUS, REPO, tfsync, withCopy } from "./_cli.ts";

const DANDI = join(CORPUS, "dandi__dandi-hub");

Deno.test("promote names the synced variables no variable block declares apart from defaults", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, ["init"])).code, 0);
    const args = ["promote", "--from", "dandi-staging", "--to", "dandi", "--dry-run"];
    // The built-in groups name variables dandi's module never declares: there is no default.
    const undeclared = "singleuser_image_name, dask_worker_cores_max, dask_worker_memory_max, " +
      "dask_cluster_max_cores, kernel_cull_timeout, server_cull_timeout, enable_profile_selection, " +
      "use_three_node_groups, enable_lambda_invoke, github_enabled";
    const text = await tfsync(root, args);
    assert.equal(text.code, 0, text.stderr);
    assert.deepEqual(text.stdout.split("\n").filter((l) => l.startsWith("Not set")), [
      `Not set in dandi-staging and declared in no variable block: ${undeclared}`,
    ]);
    const md = await tfsync(root, [...args, "--format", "markdown"]);
    assert.equal(md.code, 0, md.stderr);
    const code = undeclared.split(", ").map((n) => `\`${n}\``).join(", ");
    assert.deepEqual(md.stdout.split("\n").filter((l) => l.includes("Not set")), [
      `- Not set in \`dandi-staging\` and declared in no variable block: ${code}`,
    ]);
  }, DANDI);
});

// init had put the shared file in a folder tfsync/ that nothing creates, wherever the pattern
// would match a file beside the environments: the first promote then failed ("Cannot write the
// file: not found"). Beside them it is no environment.
const FLAT: Array<[string, (root: string) => Promise<void>, string, string, string]> = [
  [
    "pangeo-forge's bakeries/{env}.tfvars",
    (root) => copyTree(join(CORPUS, "pangeo-forge__pangeo-forge-cloud-federation"), root),
    "terraform/aws/bakeries/shared-features.tfvars",
    "smce",
    "default-us-west-2",
  ],
  [
    "{env}.tfvars in the root",
    async (root) => {
      await Deno.writeTextFile(join(root, "variables.tf"), 'variable "singleuser_image_tag" {}\n');
      await Deno.writeTextFile(join(root, "dev.tfvars"), 'singleuser_image_tag = "2"\n');
      await Deno.writeTextFile(join(root, "prod.tfvars"), 'singleuser_image_tag = "1"\n');
    },
    "shared-features.tfvars",
    "dev",
    "prod",
  ],
];

for (const [name, make, shared, from, to] of FLAT) {
  Deno.test(`init on ${name} records the shared file beside the environments`, async () => {
    const root = await Deno.makeTempDir({ prefix: "tfsync-dogfood-" });
    try {
      await make(root);
      assert.equal((await tfsync(root, ["init"])).code, 0);
      const config = await Deno.readTextFile(join(root, "tfsync.hcl"));
      assert.match(config, new RegExp(`^shared_file += "${shared.replace(/\./g, "\\.")}"$`, "m"));
      const promote = await tfsync(root, ["promote", "--from", from, "--to", to, "--yes"]);
      assert.equal(promote.code, 0, promote.stderr);
      assert.match(promote.stdout, new RegExp(`\\nCreated ${shared.replace(/\./g, "\\.")}\\n`));
      const check = await tfsync(root, ["check"]);
      assert.match(check.stdout, /\n2 environments, /, check.stdout);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}

// A variables.tf that does not parse declares nothing tfsync could read: check said of every
// group variable no var file sets that "no variable block declares" it ("a typo?"), 11 warnings
// on englacial after init, beside the one error that mattered.
Deno.test("check on a variables.tf that does not parse names no group variable as a typo", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, ["init"])).code, 0);
    const tf = join(root, "variables.tf");
    await Deno.writeTextFile(tf, 'variable "oops" {\n' + await Deno.readTextFile(tf));
    const check = await tfsync(root, ["check", "--json"]);
    assert.equal(check.code, 1, check.stderr);
    const findings: Array<{ check: string; file?: string; line?: number; message: string }> =
      JSON.parse(check.stdout).findings;
    assert.deepEqual(findings[0], {
      check: "syntax",
      severity: "error",
      message: 'Unclosed block: missing "}"',
      file: "variables.tf",
      line: 1,
      column: 17,
    });
    assert.deepEqual(findings.filter((f) => f.check === "config"), []);
  }, join(CORPUS, "englacial__tofu-jupyter"));
});

// mybinder's registry_users has a heredoc description: its second and third lines were printed at
// column 0, out of explain's layout, and its last newline as an empty line.
Deno.test("explain indents every line of a multi-line description", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, ["init"])).code, 0);
    const explain = await tfsync(root, ["explain", "registry_users"]);
    assert.equal(explain.code, 0, explain.stderr);
    assert.deepEqual(explain.stdout.split("\n").slice(0, 8), [
      "registry_users: unclassified (in no list of the config: never synced)",
      "",
      "  variable      terraform/hetzner/variables.tf:24: type set(string), default []",
      "                harbor registry users",
      "                One builder (push/pull) and one puller (pull-only) robot account",
      "                will be created for each name listed here.",
      "  shared file   none",
      "",
    ]);
  }, join(CORPUS, "jupyterhub__mybinder.org-deploy"));
});

// init --from-makefile named the group of SYNCABLE_VARS no sync-<group> target lists by where it
// came from, and that description is the heading a sync writes above the group in var files:
// "# SYNCABLE_VARS in no sync-<group> target" in englacial's shared file and in prod.
Deno.test("a group imported from a Makefile heads its section with a readable title", async () => {
  await withCopy(async (root) => {
    const makefile = join(REPO, "tests", "testdata", "check", "design.mk");
    assert.equal((await tfsync(root, ["init", "--from-makefile", makefile])).code, 0);
    const promote = await tfsync(root, ["promote", "--from", "englacial", "--to", "prod", "--yes"]);
    assert.equal(promote.code, 0, promote.stderr);
    for (
      const file of ["environments/shared-features.tfvars", "environments/prod/terraform.tfvars"]
    ) {
      const text = await Deno.readTextFile(join(root, file));
      assert.match(text, /\n# Other syncable variables\n/, file);
      assert.doesNotMatch(text, /SYNCABLE_VARS/, file);
    }
  }, join(CORPUS, "englacial__tofu-jupyter"));
});

// With no shared file, matrix marks what differs from the value most environments have; where no
// value is held by more environments than any other, one of them was taken for it all the same:
// englacial's dask_cluster_max_cores (10, 200, 240, 40) left dev's 10 unmarked as if it were.
Deno.test("matrix without a shared file marks every value of a row no value wins", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, ["init"])).code, 0);
    const matrix = await tfsync(root, ["matrix", "--group", "dask"]);
    assert.equal(matrix.code, 0, matrix.stderr);
    assert.deepEqual(matrix.stdout.split("\n").slice(0, 4), [
      "GROUP  VARIABLE                dev  englacial  meseeks  prod",
      "dask   dask_worker_cores_max   2*   1          1        4*",
      "dask   dask_worker_memory_max  4*   3          3        16*",
      "dask   dask_cluster_max_cores  10*  200*       240*     40*",
    ]);
  }, join(CORPUS, "englacial__tofu-jupyter"));
});

// diff shows a list or object on both sides element by element; where one side was the
// variables.tf default, nothing said so (a one-line value says "(default)").
Deno.test("diff says which side of a key-by-key difference is the variables.tf default", async () => {
  await withCopy(async (root) => {
    const diff = await tfsync(root, ["diff", "--from", "englacial", "--to", "prod"]);
    assert.equal(diff.code, 0, diff.stderr);
    const lines = diff.stdout.split("\n");
    const at = (name: string) => lines.slice(lines.findIndex((l) => l.startsWith(name)), -1);
    assert.deepEqual(at("user_node_instance_types").slice(0, 2), [
      "user_node_instance_types: (the default in prod)",
      '  - "r5.large"',
    ]);
    assert.deepEqual(at("main_node_instance_types").slice(0, 3), [
      "main_node_instance_types: (the default in englacial)",
      '  + "r5a.xlarge"',
      "main_node_min_size: 1 (default) → 2",
    ]);
    assert.equal(at("dask_node_instance_types")[0], "dask_node_instance_types:");
  }, join(CORPUS, "englacial__tofu-jupyter"));
});
