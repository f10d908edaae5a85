import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultConfig, parseConfig } from "../config/config.ts";
import { parse } from "../hcl/document.ts";
import { compareEnvironments, effectiveValue, type Located, type Row } from "./layers.ts";
import { emptyModule, loadModule, type ModuleVars, parseVariables } from "./module.ts";
import { readTfvars } from "../repo/repo.ts";
import { toHcl } from "../hcl/value.ts";

const MODULE_TF = `variable "tag" {
  default = "2024.01"
}
variable "cores" {
  type    = number
  default = 20
}
variable "types" {
  default = ["a", "b"]
}
variable "required" {
  type = string
}
variable "nullable" {
  default = null
}
`;

function module(): ModuleVars {
  const m = emptyModule();
  for (const v of parseVariables(MODULE_TF, "variables.tf")) m.variables.set(v.name, v);
  return m;
}

const tfvars = (text: string, file: string) => parse(text, file, { tfvars: true });

/** An effective value as one line: `VALUE (source file:line)`, or "-" for no value. */
function show(e: Located | undefined): string {
  if (!e || e.layer === "none") return "-";
  return `${toHcl(e.value)} (${e.layer} ${e.file}:${e.line})`;
}

function showRows(rows: Row[]): string[] {
  return rows.map((r) => `${r.name}: ${show(r.source)} -> ${show(r.target)}`);
}

Deno.test("effectiveValue() takes the environment's value, else the default, else none", () => {
  const env = tfvars('cores = 4\n\ntypes = [\n  "a",\n]\nundeclared = 1\n', "dev.tfvars");
  const cases: [string, string][] = [
    ["cores", "4 (environment dev.tfvars:1)"],
    ["types", '["a"] (environment dev.tfvars:3)'],
    ["undeclared", "1 (environment dev.tfvars:6)"],
    ["tag", '"2024.01" (default variables.tf:1)'],
    ["nullable", "null (default variables.tf:14)"],
    ["required", "-"],
    ["unknown", "-"],
  ];
  for (const [name, want] of cases) {
    assert.equal(show(effectiveValue(name, env, module())), want, name);
  }
  assert.equal(
    show(effectiveValue("tag", undefined, module())),
    '"2024.01" (default variables.tf:1)',
  );
});

Deno.test("compareEnvironments() lists only differing effective values, by class", () => {
  const config = parseConfig(
    'group "g" {\n  variables = ["types", "tag", "cores", "required"]\n}\nenvironment_specific = ["region", "zone"]\n',
    "tfsync.hcl",
    "/repo",
  );
  const source = tfvars(
    [
      'zone   = "a"',
      'region = "eu"',
      "cores  = 20.0       # the default, written differently",
      'tag    = "2025.01"',
      'types  = [ "a" , "b" ]',
      "extra  = { k = 1, j = 2 }",
      "same   = 1",
      "",
    ].join("\n"),
    "src.tfvars",
  );
  const target = tfvars(
    [
      'region   = "us"',
      'required = "x"',
      "extra    = { j = 2, k = 1 }",
      "same     = 1",
      "only_tgt = true",
      'zone     = "b"',
      "",
    ].join("\n"),
    "tgt.tfvars",
  );
  const result = compareEnvironments(config, module(), source, target);
  assert.deepEqual(showRows(result.syncable), [
    'tag: "2025.01" (environment src.tfvars:4) -> "2024.01" (default variables.tf:1)',
    'required: - -> "x" (environment tgt.tfvars:2)',
  ]);
  assert.deepEqual(showRows(result.environmentSpecific), [
    'zone: "a" (environment src.tfvars:1) -> "b" (environment tgt.tfvars:6)',
    'region: "eu" (environment src.tfvars:2) -> "us" (environment tgt.tfvars:1)',
  ]);
  assert.deepEqual(showRows(result.unclassified), [
    "only_tgt: - -> true (environment tgt.tfvars:5)",
  ]);
  assert.equal(result.syncable[1].source, undefined);
});

Deno.test("compareEnvironments() of an environment with itself finds nothing", () => {
  const env = tfvars('tag = "x"\nregion = "eu"\nother = [1]\n', "e.tfvars");
  const result = compareEnvironments(defaultConfig("/repo"), module(), env, env);
  assert.deepEqual(result, { syncable: [], environmentSpecific: [], unclassified: [] });
});

const CORPUS = new URL("../../../shared/corpus/englacial__tofu-jupyter", import.meta.url).pathname;
const corpusFound = await Deno.stat(join(CORPUS, "variables.tf")).then(() => true, () => false);

if (!corpusFound) {
  Deno.test({
    name: "compareEnvironments() on englacial__tofu-jupyter (skipped: corpus not found)",
    ignore: true,
    fn() {},
  });
} else {
  Deno.test("compareEnvironments() on englacial__tofu-jupyter: englacial -> prod, built-in lists", async () => {
    const config = defaultConfig(CORPUS);
    const mod = await loadModule(config.moduleDir, config.display(config.moduleDir));
    const read = (env: string) =>
      readTfvars(config.tfvarsPath(env), config.display(config.tfvarsPath(env)));
    const englacial = (await read("englacial")).doc;
    const prod = (await read("prod")).doc;

    const e = "environments/englacial/terraform.tfvars";
    const p = "environments/prod/terraform.tfvars";
    const effective: [string, string, string][] = [
      ["dask_cluster_max_cores", `200 (environment ${e}:86)`, `40 (environment ${p}:42)`],
      // unset in prod, and variables.tf's default is the same value: no difference
      ["enable_profile_selection", `true (environment ${e}:74)`, "true (default variables.tf:251)"],
      [
        "singleuser_image_tag",
        '"2024.04.08" (default variables.tf:264)',
        '"2024.04.08" (default variables.tf:264)',
      ],
      ["enable_spot_instances", "-", `true (environment ${p}:31)`],
    ];
    for (const [name, inEnglacial, inProd] of effective) {
      assert.equal(show(effectiveValue(name, englacial, mod)), inEnglacial, name);
      assert.equal(show(effectiveValue(name, prod, mod)), inProd, name);
    }

    const result = compareEnvironments(config, mod, englacial, prod);
    assert.deepEqual(showRows(result.syncable), [
      `dask_worker_cores_max: 1 (environment ${e}:84) -> 4 (environment ${p}:40)`,
      `dask_worker_memory_max: 3 (environment ${e}:85) -> 16 (environment ${p}:41)`,
      `dask_cluster_max_cores: 200 (environment ${e}:86) -> 40 (environment ${p}:42)`,
      `use_three_node_groups: true (environment ${e}:116) -> false (default variables.tf:244)`,
      `enable_lambda_invoke: true (environment ${e}:124) -> false (default variables.tf:437)`,
      `github_enabled: true (environment ${e}:119) -> false (default variables.tf:398)`,
    ]);
    const envSpecific = showRows(result.environmentSpecific);
    assert.deepEqual(result.environmentSpecific.map((r) => r.name), [
      "environment",
      "domain_name",
      "owner_email",
      "cost_center",
      "kubernetes_version",
      "acm_enable_wildcard",
      "vpc_cidr",
      "single_nat_gateway",
      "pin_user_nodes_single_az",
      "user_node_instance_types",
      "dask_node_instance_types",
      "dask_node_max_size",
      "force_destroy_s3",
      "deletion_protection",
      "skip_final_snapshot",
    ]);
    assert.deepEqual(envSpecific.slice(0, 2), [
      `environment: "englacial" (environment ${e}:8) -> "prod" (environment ${p}:4)`,
      `domain_name: "hub.englacial.org" (environment ${e}:11) -> "jupyterhub.example.com" (environment ${p}:7)`,
    ]);
    assert.ok(
      envSpecific.includes(
        `dask_node_max_size: 100 (environment ${e}:64) -> 50 (environment ${p}:30)`,
      ),
    );
    assert.ok(
      envSpecific.includes(
        `deletion_protection: false (environment ${e}:105) -> true (environment ${p}:64)`,
      ),
    );
    assert.deepEqual(result.unclassified.map((r) => r.name), [
      "user_cpu_guarantee",
      "user_memory_guarantee",
      "enable_monitoring",
      "enable_kubecost",
      "enable_backups",
      "backup_retention_days",
      "main_node_instance_types",
      "main_node_min_size",
      "main_node_desired_size",
      "main_node_max_size",
      "enable_spot_instances",
    ]);
  });
}
