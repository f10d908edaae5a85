import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { parseConfig } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { checkEnvironmentName, listEnvironments } from "./repo.ts";
import { environmentLayers, loadConfigModule } from "./layout.ts";
import { discoverRoot } from "./discover.ts";
import { placedAs } from "../../tests/_placed.ts";

async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(root, path)), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

const configOf = (root: string, files: string[]) =>
  parseConfig(`environment_files = ${JSON.stringify(files)}\n`, "tfsync.hcl", root);

Deno.test("environment_files: {env} in a file name (cds-snc's env/{env}_config.tfvars)", async () => {
  const root = await tree({
    "env/dev_config.tfvars": "",
    "env/production_config.tfvars": "",
    "env/variables.tf": "",
    "env/notes.tfvars": "",
  });
  const config = configOf(root, ["env/{env}_config.tfvars"]);
  assert.deepEqual(await listEnvironments(config), ["dev", "production"]);
  assert.equal(await checkEnvironmentName("dev", config), join(root, "env/dev_config.tfvars"));
});

Deno.test("environment_files: {env} twice must be the same name (hmcts)", async () => {
  const root = await tree({
    "environments/dev/dev.tfvars": "",
    "environments/prod/prod.tfvars": "",
    "environments/stg/prod.tfvars": "",
  });
  const config = configOf(root, ["environments/{env}/{env}.tfvars"]);
  assert.deepEqual(await listEnvironments(config), ["dev", "prod"]);
});

Deno.test("environment_files: the last {env} pattern decides; shared layers and globs in order", async () => {
  const root = await tree({
    "vars/shared.tfvars": "",
    "vars/integration/common.tfvars": "",
    "vars/integration/b.auto.tfvars": "",
    "vars/integration/a.auto.tfvars": "",
    "vars/staging/common.tfvars": "",
    "vars/test/other.tfvars": "",
  });
  const config = configOf(root, [
    "vars/shared.tfvars",
    "vars/{env}/*.auto.tfvars",
    "vars/{env}/common.tfvars",
  ]);
  assert.deepEqual(await listEnvironments(config), ["integration", "staging"]);
  const layers = await environmentLayers(config, "integration");
  assert.deepEqual(layers.map((l) => [l.path.slice(root.length + 1), l.own]), [
    ["vars/shared.tfvars", false],
    ["vars/integration/a.auto.tfvars", true],
    ["vars/integration/b.auto.tfvars", true],
    ["vars/integration/common.tfvars", true],
  ]);
  await assert.rejects(
    checkEnvironmentName("test", config),
    new ConfigError('Unknown environment "test": the environments are integration, staging'),
  );
});

Deno.test("environment_files: none found names the pattern it looked for", async () => {
  const root = await tree({ "env/x.tfvars": "" });
  await assert.rejects(
    checkEnvironmentName("dev", configOf(root, ["env/{env}_config.tfvars"])),
    new ConfigError('Unknown environment "dev": no file matches "env/{env}_config.tfvars"'),
  );
});

Deno.test("environment_files: config mistakes", () => {
  const cases: Array<[string, string]> = [
    [
      'environments_dir = "e"\nenvironment_files = ["{env}.tfvars"]\n',
      'tfsync.hcl:2: "environment_files" and "environments_dir" (line 1) are alternatives: environment_files replaces environments_dir and tfvars_file; set one or the other',
    ],
    [
      'environment_files = ["shared.tfvars"]\n',
      'tfsync.hcl:1: "environment_files" needs a path with {env} (the environment\'s own file): "shared.tfvars" are all shared',
    ],
    [
      'environment_files = ["*/{env}.tfvars"]\n',
      'tfsync.hcl:1: "*/{env}.tfvars": a glob (*) is allowed only in a path\'s last part',
    ],
    ["environment_files = []\n", 'tfsync.hcl:1: "environment_files" must not be empty'],
    [
      'environment_files = "{env}.tfvars"\n',
      'tfsync.hcl:1: "environment_files" must be a list of paths, not a string',
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseConfig(text, "tfsync.hcl", "/repo"), placedAs(message), text);
  }
});

Deno.test("module_dir may name each environment's own root module with {env}", async () => {
  const root = await tree({
    "stacks/dev/terraform.tfvars": "",
    "stacks/dev/variables.tf": 'variable "a" {\n  default = "dev"\n}\n',
    "stacks/prod/terraform.tfvars": "",
    "stacks/prod/variables.tf": 'variable "a" {}\nvariable "b" {}\n',
  });
  const config = parseConfig(
    'environment_files = ["stacks/{env}/terraform.tfvars"]\nmodule_dir = "stacks/{env}"\n',
    "tfsync.hcl",
    root,
  );
  assert.equal(config.moduleDirFor("dev"), join(root, "stacks/dev"));
  const module = await loadConfigModule(config, (p) => config.display(p));
  assert.deepEqual(module.files, ["stacks/dev/variables.tf", "stacks/prod/variables.tf"]);
  assert.equal(module.variables.get("a")!.default, "dev");
  assert.equal(module.variables.get("b")!.file, "stacks/prod/variables.tf");
});

Deno.test("discoverRoot() finds tfsync.hcl upwards and stops at the first .git", async () => {
  const root = await tree({
    "outer/tfsync.hcl": "",
    "outer/repo/.git/HEAD": "",
    "outer/repo/sub/deep/x": "",
    "other/tfsync.hcl": "",
    "other/a/b/x": "",
  });
  assert.equal(discoverRoot(join(root, "other/a/b")), join(root, "other"));
  assert.equal(discoverRoot(join(root, "other")), join(root, "other"));
  // Inside a repository without tfsync.hcl: the folder itself, never a folder above the .git.
  const deep = join(root, "outer/repo/sub/deep");
  assert.equal(discoverRoot(deep), deep);
});
