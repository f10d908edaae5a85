import assert from "node:assert/strict";
import { join } from "node:path";
import { loadModule } from "./module.ts";
import { HclNumber } from "../hcl/value.ts";

Deno.test("loadModule() reads OpenTofu's *.tofu and the JSON *.tf.json/*.tofu.json files", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "a.tofu"), 'variable "a" {\n  default = 1\n}\n');
  await Deno.writeTextFile(
    join(dir, "b.tf.json"),
    '{\n  "variable": {\n    "b": { "type": "list(string)", "default": ["x"] }\n  }\n}\n',
  );
  await Deno.writeTextFile(join(dir, "c.tofu.json"), '{"variable": {"c": {}}}');
  await Deno.writeTextFile(join(dir, "d.tfvars"), "d = 1\n");
  const module = await loadModule(dir, ".");
  assert.deepEqual(module.files, ["a.tofu", "b.tf.json", "c.tofu.json"]);
  assert.deepEqual(module.variables.get("a")!.default, new HclNumber("1"));
  assert.deepEqual(module.variables.get("b")!.default, ["x"]);
  assert.equal(module.variables.get("b")!.typeSource, "list(string)");
  assert.equal(module.variables.get("b")!.line, 3);
  assert.equal(module.variables.get("c")!.default, undefined);
});

Deno.test("loadModule(): x.tofu shadows x.tf, as OpenTofu reads only x.tofu", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "variables.tf"), 'variable "a" {\n  default = "tf"\n}\n');
  await Deno.writeTextFile(join(dir, "variables.tofu"), 'variable "a" {\n  default = "tofu"\n}\n');
  await Deno.writeTextFile(join(dir, "main.tf"), 'variable "m" {}\n');
  await Deno.writeTextFile(join(dir, "x_override.tofu"), 'variable "m" {\n  default = 2\n}\n');
  const module = await loadModule(dir, ".");
  assert.deepEqual(module.files, ["main.tf", "variables.tofu", "x_override.tofu"]);
  assert.equal(module.variables.get("a")!.default, "tofu");
  assert.deepEqual(module.variables.get("m")!.default, new HclNumber("2"));
});
