import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultConfig, parseConfig } from "../config/config.ts";
import { ConfigError, TfvarsSyntaxError } from "../errors.ts";
import { checkEnvironmentName, listEnvironments, readTfvars, readTfvarsIfExists } from "./repo.ts";
import { HclNumber } from "../hcl/value.ts";

/** A repository with environments/{dev,prod,staging-eu}, a folder without tfvars, and a file. */
async function repo(): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const env of ["prod", "dev", "staging-eu"]) {
    await Deno.mkdir(join(root, "environments", env), { recursive: true });
    await Deno.writeTextFile(
      join(root, "environments", env, "terraform.tfvars"),
      `env = "${env}"\n`,
    );
  }
  await Deno.mkdir(join(root, "environments", "modules"));
  await Deno.writeTextFile(join(root, "environments", "shared-features.tfvars"), "a = 1\n");
  return root;
}

Deno.test("listEnvironments() lists the folders holding the tfvars file, sorted", async () => {
  const root = await repo();
  await Deno.symlink(join(root, "environments", "prod"), join(root, "environments", "prod-link"));
  assert.deepEqual(await listEnvironments(defaultConfig(root)), [
    "dev",
    "prod",
    "prod-link",
    "staging-eu",
  ]);
});

Deno.test("listEnvironments() follows the config's environments_dir and tfvars_file", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "envs", "a"), { recursive: true });
  await Deno.mkdir(join(root, "envs", "b"), { recursive: true });
  await Deno.writeTextFile(join(root, "envs", "a", "main.tfvars"), "");
  await Deno.writeTextFile(join(root, "envs", "b", "terraform.tfvars"), "");
  const config = parseConfig(
    'environments_dir = "envs"\ntfvars_file = "main.tfvars"\n',
    "tfsync.hcl",
    root,
  );
  assert.deepEqual(await listEnvironments(config), ["a"]);
});

Deno.test("listEnvironments() rejects a missing environments folder", async () => {
  const root = await Deno.makeTempDir();
  await assert.rejects(
    listEnvironments(defaultConfig(root)),
    new ConfigError("Cannot read the environments folder: not found", { file: "environments" }),
  );
});

Deno.test("checkEnvironmentName() rejects malformed names before looking at the disk", async () => {
  const config = defaultConfig(await repo());
  const cases: [string, string][] = [
    ["", 'Invalid environment name "": it is empty'],
    ["../prod", 'Invalid environment name "../prod": it must be a folder name, without / or \\'],
    ["a/b", 'Invalid environment name "a/b": it must be a folder name, without / or \\'],
    ["a\\b", 'Invalid environment name "a\\\\b": it must be a folder name, without / or \\'],
    ["..", 'Invalid environment name "..": it must not be "." or contain ".."'],
    [".", 'Invalid environment name ".": it must not be "." or contain ".."'],
    ["-prod", 'Invalid environment name "-prod": it must not start with "-"'],
    ["a\nb", 'Invalid environment name "a\\nb": it must not contain control characters'],
  ];
  for (const [name, message] of cases) {
    await assert.rejects(checkEnvironmentName(name, config), new ConfigError(message), name);
  }
});

Deno.test("checkEnvironmentName() names the environments that exist when one is unknown", async () => {
  const root = await repo();
  const config = defaultConfig(root);
  assert.equal(
    await checkEnvironmentName("dev", config),
    join(root, "environments/dev/terraform.tfvars"),
  );
  for (const name of ["stage", "modules", "shared-features.tfvars"]) {
    await assert.rejects(
      checkEnvironmentName(name, config),
      new ConfigError(`Unknown environment "${name}": the environments are dev, prod, staging-eu`),
    );
  }
  const empty = await Deno.makeTempDir();
  await Deno.mkdir(join(empty, "environments"));
  await assert.rejects(
    checkEnvironmentName("dev", defaultConfig(empty)),
    new ConfigError(
      'Unknown environment "dev": no folder of environments/ holds a terraform.tfvars',
    ),
  );
});

Deno.test("readTfvars() parses in tfvars mode and names the file as asked", async () => {
  const root = await repo();
  const path = join(root, "environments/dev/terraform.tfvars");
  const file = await readTfvars(path, "environments/dev/terraform.tfvars");
  assert.equal(file.path, path);
  assert.equal(file.text, 'env = "dev"\n');
  assert.equal(file.doc.file, "environments/dev/terraform.tfvars");
  assert.equal(file.doc.get("env")?.value, "dev");

  const shared = await readTfvarsIfExists(join(root, "environments/shared-features.tfvars"));
  assert.deepEqual(shared?.doc.get("a")?.value, new HclNumber("1"));
  assert.equal(await readTfvarsIfExists(join(root, "missing.tfvars")), undefined);
  await assert.rejects(
    readTfvars(join(root, "missing.tfvars"), "missing.tfvars"),
    new ConfigError("Cannot read the file: not found", { file: "missing.tfvars" }),
  );
});

Deno.test("readTfvars() rejects a block, which a tfvars file may not hold", async () => {
  const root = await repo();
  const path = join(root, "bad.tfvars");
  await Deno.writeTextFile(path, 'a = 1\nvariable "x" {\n}\n');
  await assert.rejects(
    readTfvars(path, "bad.tfvars"),
    (e) => e instanceof TfvarsSyntaxError && e.file === "bad.tfvars" && e.line === 2,
  );
});
