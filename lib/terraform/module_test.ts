import assert from "node:assert/strict";
import { join } from "node:path";
import { TfvarsSyntaxError } from "../errors.ts";
import { loadModule, parseVariables } from "./module.ts";
import { HclNumber, toHcl } from "../hcl/value.ts";
import { placedAs } from "../../tests/_placed.ts";

async function moduleDir(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    await Deno.mkdir(join(dir, name, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, name), text);
  }
  return dir;
}

const VARIABLES_TF = `# Inputs
variable "region" {
  description = "AWS region"
  type        = string
  default     = "us-west-2"
}

variable "node_types" {
  type = list(
    string
  )
  default = [
    "m5.large", # cheap
    "m5.xlarge",
  ]
}

variable "password" {
  type      = string
  sensitive = true
}

variable "nothing" {
  default = null
}

resource "aws_s3_bucket" "b" {
  bucket = "x"
}
`;

Deno.test("parseVariables() reads name, default, type source, description and line", () => {
  const vars = parseVariables(VARIABLES_TF, "variables.tf");
  const cases = vars.map((v) => ({
    name: v.name,
    default: "default" in v ? toHcl(v.default!) : "(none)",
    type: v.typeSource,
    description: v.description,
    sensitive: v.sensitive,
    at: `${v.file}:${v.line}`,
  }));
  assert.deepEqual(cases, [
    {
      name: "region",
      default: '"us-west-2"',
      type: "string",
      description: "AWS region",
      sensitive: undefined,
      at: "variables.tf:2",
    },
    {
      name: "node_types",
      default: '["m5.large", "m5.xlarge"]',
      type: "list(\n    string\n  )",
      description: undefined,
      sensitive: undefined,
      at: "variables.tf:8",
    },
    {
      name: "password",
      default: "(none)",
      type: "string",
      description: undefined,
      sensitive: true,
      at: "variables.tf:18",
    },
    {
      name: "nothing",
      default: "null",
      type: undefined,
      description: undefined,
      sensitive: undefined,
      at: "variables.tf:23",
    },
  ]);
});

Deno.test("loadModule() reads every *.tf file of the folder, not its subfolders", async () => {
  const dir = await moduleDir({
    "variables.tf": 'variable "a" {\n  default = 1\n}\n',
    "more.tf": 'variable "b" {\n  default = true\n}\n',
    "notes.txt": 'variable "c" {\n}\n',
    "modules/x/variables.tf": 'variable "d" {\n}\n',
  });
  const module = await loadModule(dir, ".");
  assert.deepEqual(module.files, ["more.tf", "variables.tf"]);
  assert.deepEqual([...module.variables.keys()], ["b", "a"]);
  assert.deepEqual(module.variables.get("a")?.default, new HclNumber("1"));
  assert.equal(module.variables.get("a")?.file, "variables.tf");
  const labelled = await loadModule(dir, "infra");
  assert.equal(labelled.variables.get("a")?.file, "infra/variables.tf");
});

Deno.test("loadModule() gives an empty module for a missing folder or one without .tf files", async () => {
  const empty = await moduleDir({ "README.md": "# nothing\n" });
  for (const dir of [join(empty, "missing"), empty]) {
    const module = await loadModule(dir);
    assert.deepEqual(module.files, []);
    assert.equal(module.variables.size, 0);
  }
});

Deno.test("loadModule() rejects a variable declared twice", async () => {
  const dir = await moduleDir({
    "a.tf": 'variable "x" {\n}\n',
    "b.tf": '\n\nvariable "x" {\n  default = 2\n}\n',
  });
  await assert.rejects(
    loadModule(dir, "."),
    placedAs('b.tf:3: Variable "x" is declared twice; first at a.tf:1'),
  );
});

Deno.test("loadModule() merges override files as Terraform does", async () => {
  const dir = await moduleDir({
    "variables.tf": 'variable "x" {\n  type    = number\n  default = 1\n}\n',
    "z_override.tf": 'variable "x" {\n  default = 5\n}\n',
  });
  const x = (await loadModule(dir, ".")).variables.get("x")!;
  assert.deepEqual(
    { default: x.default, type: x.typeSource, at: `${x.file}:${x.line}` },
    { default: new HclNumber("5"), type: "number", at: "variables.tf:1" },
  );
  await Deno.writeTextFile(join(dir, "override.tf"), 'variable "y" {\n}\n');
  await assert.rejects(
    loadModule(dir, "."),
    placedAs('override.tf:1: Variable "y" is overridden but not declared in a primary file'),
  );
});

Deno.test("loadModule() reports a syntax error in a .tf file with its name", async () => {
  const dir = await moduleDir({ "main.tf": 'variable "x" {\n  default = [\n' });
  await assert.rejects(
    loadModule(dir, "."),
    (e) => e instanceof TfvarsSyntaxError && e.file === "main.tf",
  );
});

Deno.test("parseVariables() rejects a variable block without exactly one name", () => {
  assert.throws(
    () => parseVariables("\nvariable {\n}\n", "v.tf"),
    placedAs("v.tf:2: A variable block needs exactly one name"),
  );
});
