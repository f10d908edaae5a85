import assert from "node:assert/strict";
import { join } from "node:path";
import { BUILT_IN, type Config, loadConfig, parseConfig } from "./config.ts";
import { TfvarsSyntaxError } from "../errors.ts";
import { placedAs } from "../../tests/_placed.ts";

const DESIGN_SYNCABLE = [
  "singleuser_image_name",
  "singleuser_image_tag",
  "dask_worker_cores_max",
  "dask_worker_memory_max",
  "dask_cluster_max_cores",
  "kernel_cull_timeout",
  "server_cull_timeout",
  "enable_profile_selection",
  "use_three_node_groups",
  "enable_lambda_invoke",
  "github_enabled",
];
const DESIGN_ENV_SPECIFIC = `environment region cluster_name domain_name admin_email owner_email
  cost_center vpc_cidr enable_nat_gateway single_nat_gateway
  deletion_protection force_destroy_s3 skip_final_snapshot
  system_node_instance_types system_node_min_size system_node_max_size
  user_node_instance_types user_node_min_size user_node_max_size
  dask_node_instance_types dask_node_min_size dask_node_max_size
  kubernetes_version enable_acm acm_enable_wildcard acm_auto_validate
  github_org_whitelist pin_main_nodes_single_az pin_user_nodes_single_az`.split(/\s+/);

function groups(config: Config): [string, string[]][] {
  return config.groups.map((g) => [g.name, [...g.variables]]);
}

Deno.test("loadConfig() without tfsync.hcl gives the design's lists, grouped", async () => {
  const root = await Deno.makeTempDir();
  const config = await loadConfig(root);
  assert.equal(config.source, BUILT_IN);
  assert.deepEqual(config.syncable, DESIGN_SYNCABLE);
  assert.deepEqual([...config.environmentSpecific], DESIGN_ENV_SPECIFIC);
  assert.deepEqual(groups(config), [
    ["images", ["singleuser_image_name", "singleuser_image_tag"]],
    ["dask", ["dask_worker_cores_max", "dask_worker_memory_max", "dask_cluster_max_cores"]],
    ["timeouts", ["kernel_cull_timeout", "server_cull_timeout"]],
    ["features", [
      "enable_profile_selection",
      "use_three_node_groups",
      "enable_lambda_invoke",
      "github_enabled",
    ]],
  ]);
  assert.equal(config.envDir, join(root, "environments"));
  assert.equal(config.sharedFile, join(root, "environments/shared-features.tfvars"));
  assert.equal(config.moduleDir, root);
  assert.equal(config.tfvarsPath("prod"), join(root, "environments/prod/terraform.tfvars"));
});

Deno.test("Config.classify() and groupOf() place each variable", () => {
  const config = parseConfig(
    'group "a" {\n  variables = ["x", "y"]\n}\nenvironment_specific = ["z"]\n',
    "tfsync.hcl",
    "/repo",
  );
  const cases: [string, string, string | undefined][] = [
    ["x", "syncable", "a"],
    ["y", "syncable", "a"],
    ["z", "environment_specific", undefined],
    ["w", "unclassified", undefined],
    ["github_enabled", "unclassified", undefined],
  ];
  for (const [name, cls, group] of cases) {
    assert.equal(config.classify(name), cls, name);
    assert.equal(config.groupOf(name)?.name, group, name);
  }
});

Deno.test("parseConfig() reads paths, groups in order and environment_specific", () => {
  const config = parseConfig(
    [
      'environments_dir = "envs"',
      'tfvars_file      = "main.tfvars"',
      'shared_file      = "envs/shared.tfvars" # inline comment',
      'module_dir       = "terraform"',
      "",
      'group "zeta" {',
      '  description = "Last letter"',
      "  variables = [",
      '    "b", # comments inside',
      '    "a",',
      "  ]",
      "}",
      'group "alpha" {',
      '  variables = ["c"]',
      "}",
      'environment_specific = ["region"]',
      "",
    ].join("\n"),
    "tfsync.hcl",
    "/repo",
  );
  assert.deepEqual(
    config.groups.map((g) => ({ ...g, variables: [...g.variables] })),
    [
      { name: "zeta", description: "Last letter", variables: ["b", "a"] },
      { name: "alpha", description: "", variables: ["c"] },
    ],
  );
  assert.deepEqual(config.syncable, ["b", "a", "c"]);
  assert.deepEqual([...config.environmentSpecific], ["region"]);
  assert.equal(config.envDir, "/repo/envs");
  assert.equal(config.sharedFile, "/repo/envs/shared.tfvars");
  assert.equal(config.moduleDir, "/repo/terraform");
  assert.equal(config.tfvarsPath("dev"), "/repo/envs/dev/main.tfvars");
  assert.equal(config.display(config.tfvarsPath("dev")), "envs/dev/main.tfvars");
  assert.equal(config.display("/elsewhere/x"), "/elsewhere/x");
});

Deno.test("parseConfig() keeps a default for each setting the file leaves out", () => {
  const config = parseConfig('environments_dir = "envs"\n', "tfsync.hcl", "/repo");
  assert.equal(config.source, "tfsync.hcl");
  assert.deepEqual(config.syncable, DESIGN_SYNCABLE);
  assert.deepEqual([...config.environmentSpecific], DESIGN_ENV_SPECIFIC);
  assert.equal(config.sharedFile, "/repo/environments/shared-features.tfvars");
  assert.equal(config.tfvarsPath("x"), "/repo/envs/x/terraform.tfvars");
});

Deno.test("parseConfig() rejects mistakes with file:line", () => {
  const cases: [string, string][] = [
    [
      "colour = 1\n",
      'tfsync.hcl:1: Unknown setting "colour": expected environments_dir, tfvars_file, shared_file, module_dir, environment_files, environment_specific, promotion_order, group',
    ],
    [
      '\nlayer "x" {\n}\n',
      'tfsync.hcl:2: Unknown block "layer": expected environments_dir, tfvars_file, shared_file, module_dir, environment_files, environment_specific, promotion_order, group',
    ],
    ["environments_dir = 3\n", 'tfsync.hcl:1: "environments_dir" must be a string, not a number'],
    ['module_dir = ""\n', 'tfsync.hcl:1: "module_dir" must not be empty'],
    [
      "shared_file = var.x\n",
      'tfsync.hcl:1: "shared_file" must be a string, not the expression "var.x"',
    ],
    [
      'environment_specific = "region"\n',
      'tfsync.hcl:1: "environment_specific" must be a list of variable names, not a string',
    ],
    [
      "environment_specific = [1]\n",
      'tfsync.hcl:1: "environment_specific" must be a list of variable names, not a list holding a number',
    ],
    [
      'environment_specific = ["a b"]\n',
      'tfsync.hcl:1: "a b" is not a valid variable name or path',
    ],
    [
      "group {\n  variables = []\n}\n",
      'tfsync.hcl:1: A group needs exactly one name: group "NAME" { … }',
    ],
    [
      'group "a" "b" {\n  variables = []\n}\n',
      'tfsync.hcl:1: A group needs exactly one name: group "NAME" { … }',
    ],
    [
      'group "a,b" {\n  variables = []\n}\n',
      'tfsync.hcl:1: Invalid group name "a,b": use letters, digits, "_" and "-"',
    ],
    ['group "a" {\n  description = "x"\n}\n', 'tfsync.hcl:1: Group "a" has no "variables" list'],
    [
      'group "a" {\n  variables = ["x"]\n  vars = []\n}\n',
      'tfsync.hcl:3: Unknown setting "vars" in group "a": expected description or variables',
    ],
    [
      'group "a" {\n  description = ["x"]\n  variables = []\n}\n',
      'tfsync.hcl:2: "description" of group "a" must be a string, not a list',
    ],
    [
      'group "a" {\n  variables = { x = 1 }\n}\n',
      'tfsync.hcl:2: "variables" of group "a" must be a list of variable names, not a map',
    ],
    [
      'group "a" {\n  variables = ["x"]\n  inner {\n  }\n}\n',
      'tfsync.hcl:3: Unexpected block "inner" in group "a"',
    ],
    [
      'group "a" {\n  variables = ["x"]\n}\n\ngroup "a" {\n  variables = ["y"]\n}\n',
      'tfsync.hcl:5: Group "a" is defined twice; first at tfsync.hcl:1',
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseConfig(text, "tfsync.hcl", "/repo"), placedAs(message), text);
  }
});

Deno.test("parseConfig() rejects a variable named twice, at the second mention's line", () => {
  const cases: [string, string][] = [
    [
      'group "images" {\n  variables = ["x"]\n}\nenvironment_specific = [\n  "a",\n  "x",\n]\n',
      'tfsync.hcl:6: Variable "x" is in group "images" and in environment_specific',
    ],
    [
      'environment_specific = ["x"]\ngroup "images" {\n  variables = ["x"]\n}\n',
      'tfsync.hcl:3: Variable "x" is in environment_specific and in group "images"',
    ],
    [
      'group "a" {\n  variables = ["x"]\n}\ngroup "b" {\n  variables = [\n    "y",\n    "x",\n  ]\n}\n',
      'tfsync.hcl:7: Variable "x" is in groups "a" and "b"',
    ],
    [
      'group "a" {\n  variables = [\n    "x",\n    "x",\n  ]\n}\n',
      'tfsync.hcl:4: Variable "x" is named twice in group "a"',
    ],
    [
      'environment_specific = ["r", "r"]\n',
      'tfsync.hcl:1: Variable "r" is named twice in environment_specific',
    ],
    // A path is one rule however it is written: two that disagree are an error.
    [
      'group "a" {\n  variables = ["x[\\"a\\"]"]\n}\nenvironment_specific = [\n  "x",\n  "x.a",\n]\n',
      'tfsync.hcl:6: Variable "x.a" is in group "a" and in environment_specific',
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseConfig(text, "tfsync.hcl", "/repo"), placedAs(message), text);
  }
});

Deno.test("parseConfig() reports invalid HCL as a TfvarsSyntaxError", () => {
  assert.throws(
    () => parseConfig('group "a" {\n  variables = ["x"]\n', "tfsync.hcl", "/repo"),
    (e) => e instanceof TfvarsSyntaxError && e.file === "tfsync.hcl",
  );
});

Deno.test("loadConfig() reads ROOT/tfsync.hcl and names it relative to the given root", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(join(root, "tfsync.hcl"), 'group "g" {\n  variables = ["v"]\n}\n');
  const config = await loadConfig(root);
  assert.equal(config.source, join(root, "tfsync.hcl"));
  assert.deepEqual(config.syncable, ["v"]);
  await Deno.writeTextFile(join(root, "tfsync.hcl"), "\nbogus = 1\n");
  await assert.rejects(
    loadConfig(root),
    placedAs(
      `${
        join(root, "tfsync.hcl")
      }:2: Unknown setting "bogus": expected environments_dir, tfvars_file, shared_file, module_dir, environment_files, environment_specific, promotion_order, group`,
    ),
  );
});

Deno.test("loadConfig() uses an explicit config path and fails when it is missing", async () => {
  const root = await Deno.makeTempDir();
  const other = join(root, "other.hcl");
  await Deno.writeTextFile(other, 'environment_specific = ["only"]\n');
  const config = await loadConfig(root, other);
  assert.equal(config.source, other);
  assert.deepEqual([...config.environmentSpecific], ["only"]);
  await assert.rejects(
    loadConfig(root, join(root, "missing.hcl")),
    placedAs(`${join(root, "missing.hcl")}: Cannot read the config file: not found`),
  );
});

Deno.test("loadConfig() rejects a root that is missing or not a folder", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(join(root, "file"), "");
  await assert.rejects(
    loadConfig(join(root, "nope")),
    placedAs(`${join(root, "nope")}: Cannot use it as the root: not found`),
  );
  await assert.rejects(
    loadConfig(join(root, "file")),
    placedAs(`${join(root, "file")}: Cannot use it as the root: not a directory`),
  );
});

Deno.test("loadConfig() reads the bundled example's tfsync.hcl", async () => {
  const root = new URL("../../fixtures/example", import.meta.url).pathname;
  try {
    await Deno.stat(join(root, "tfsync.hcl"));
  } catch {
    return; // the example is another engineer's; absent in a partial checkout
  }
  const config = await loadConfig(root);
  assert.deepEqual(config.groups.map((g) => g.name), ["images", "dask", "timeouts", "features"]);
  assert.deepEqual(config.syncable, DESIGN_SYNCABLE);
  assert.equal(config.classify("hub_banner_message"), "unclassified");
  assert.equal(config.classify("tags"), "environment_specific");
});

Deno.test("parseConfig() lets a file that classifies anything own the whole classification", () => {
  const groupsOnly = parseConfig(
    'group "mine" {\n  variables = ["region"]\n}\n',
    "tfsync.hcl",
    "/repo",
  );
  assert.deepStrictEqual(groupsOnly.syncable, ["region"]);
  assert.strictEqual(groupsOnly.classify("github_enabled"), "unclassified");
  const envOnly = parseConfig('environment_specific = ["github_enabled"]\n', "tfsync.hcl", "/repo");
  assert.deepStrictEqual(envOnly.syncable, []);
  assert.strictEqual(envOnly.classify("github_enabled"), "environment_specific");
  const pathsOnly = parseConfig('environments_dir = "envs"\n', "tfsync.hcl", "/repo");
  assert.strictEqual(pathsOnly.classify("github_enabled"), "syncable");
});
