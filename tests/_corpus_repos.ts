// The repositories of ../shared/corpus as tfsync repositories: each copied into the layout
// tfsync reads (environments/<env>/terraform.tfvars, a module folder), with a tfsync.hcl that
// classifies every variable it declares or sets: a few syncable groups picked by name, and
// everything else environment-specific.
import { basename, join } from "node:path";
import { parse } from "../lib/hcl/document.ts";
import { parseVariables } from "../lib/terraform/module.ts";
import { renderConfig } from "../lib/config/config_write.ts";
import { CORPUS } from "./_cli.ts";
import { extractedFromLine } from "../lib/sync/markers.ts";

export { CORPUS };

export interface CorpusCase {
  /** `owner__repo` or `owner__repo/part`. */
  name: string;
  /** environment name → tfvars file, relative to CORPUS. */
  environments: Record<string, string>;
  /** The .tf files declaring the variables, relative to CORPUS. */
  module: string[];
  /** Syncable groups: name → pattern on variable names. */
  groups: Record<string, RegExp>;
  /** Write a shared file holding this environment's syncable values, as extract would. */
  sharedFrom?: string;
}

const VERSIONS = /(^|_)versions?(_|$)|_ami_|image_tag|_image$/;
const FEATURES = /^enable_|_enabled$/;

function dirEnvs(dir: string, pick: (file: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of Deno.readDirSync(join(CORPUS, dir))) {
    const env = pick(e.name);
    if (env !== undefined) out[env] = join(dir, e.name);
  }
  return out;
}

const flat = (dir: string) =>
  dirEnvs(dir, (f) => (f.endsWith(".tfvars") ? basename(f, ".tfvars") : undefined));

/** The cases; empty when the corpus is absent. */
export function corpusCases(): CorpusCase[] {
  try {
    Deno.statSync(CORPUS);
  } catch {
    return [];
  }
  const cases: CorpusCase[] = [];
  const twoI = "2i2c-org__infrastructure/terraform";
  for (const cloud of ["aws", "gcp", "azure", "openstack"]) {
    cases.push({
      name: `2i2c-org__infrastructure/${cloud}`,
      environments: flat(`${twoI}/${cloud}/projects`),
      module: [`${twoI}/${cloud}/variables.tf`],
      groups: { versions: VERSIONS, features: FEATURES },
    });
  }
  const binder = "jupyterhub__mybinder.org-deploy/terraform";
  cases.push(
    {
      name: "jupyterhub__mybinder.org-deploy/hetzner",
      environments: flat(`${binder}/hetzner`),
      module: [`${binder}/hetzner/variables.tf`],
      groups: { registry: /^registry_quota_gb$/ },
    },
    {
      name: "jupyterhub__mybinder.org-deploy/ovh",
      environments: flat(`${binder}/ovh`),
      module: [`${binder}/ovh/variables.tf`],
      groups: { versions: VERSIONS },
    },
    {
      name: "jupyterhub__mybinder.org-deploy/ovh-staging",
      environments: flat(`${binder}/ovh-staging/ovh`),
      module: [`${binder}/ovh-staging/ovh/variables.tf`],
      groups: { versions: VERSIONS },
    },
  );
  const pangeo = "pangeo-forge__pangeo-forge-cloud-federation/terraform/aws";
  cases.push({
    name: "pangeo-forge__pangeo-forge-cloud-federation",
    environments: flat(`${pangeo}/bakeries`),
    module: [`${pangeo}/variables.tf`],
    groups: { versions: VERSIONS, features: FEATURES },
  });
  cases.push({
    name: "dandi__dandi-hub",
    environments: dirEnvs("dandi__dandi-hub/envs", (f) => f),
    module: ["dandi__dandi-hub/variables.tf"],
    groups: { images: /^singleuser_image_/, versions: /^eks_cluster_version$/ },
  });
  for (const [env, path] of Object.entries(cases.at(-1)!.environments)) {
    cases.at(-1)!.environments[env] = join(path, "terraform.tfvars");
  }
  cases.push({
    name: "englacial__tofu-jupyter",
    environments: Object.fromEntries(
      ["dev", "englacial", "meseeks", "prod"].map((
        e,
      ) => [e, `englacial__tofu-jupyter/environments/${e}/terraform.tfvars`]),
    ),
    module: ["englacial__tofu-jupyter/variables.tf"],
    groups: {
      images: /^singleuser_image_/,
      dask: /^dask_(worker_cores_max|worker_memory_max|cluster_max_cores)$/,
      timeouts: /_cull_timeout$/,
      features:
        /^(enable_profile_selection|use_three_node_groups|enable_lambda_invoke|github_enabled)$/,
    },
  });
  const gke = "GoogleCloudPlatform__ai-on-gke";
  cases.push(
    {
      name: `${gke}/jupyter`,
      environments: dirEnvs(
        `${gke}/applications/jupyter`,
        (f) => f.endsWith(".tfvars") ? basename(f, ".tfvars").replace(/\.example$/, "") : undefined,
      ),
      module: [`${gke}/applications/jupyter/variables.tf`],
      groups: { pools: /_pools$/, features: /^(add_auth|create_gcs_bucket)$/ },
    },
    {
      name: `${gke}/infrastructure`,
      environments: {
        ...dirEnvs(
          `${gke}/infrastructure/tfvars_examples`,
          (f) => f.endsWith(".tfvars") ? basename(f, ".tfvars").replace(/\./g, "-") : undefined,
        ),
        platform: `${gke}/infrastructure/platform.tfvars`,
        "test-standard-gke-public":
          `${gke}/infrastructure/tfvars_tests/standard-gke-public.platform.tfvars`,
      },
      module: [`${gke}/infrastructure/variables.tf`],
      groups: { versions: /^(kubernetes_version|release_channel)$/, features: /^enable_/ },
    },
  );
  const gov = "alphagov__govuk-infrastructure/terraform";
  for (const e of Deno.readDirSync(join(CORPUS, gov, "deployments"))) {
    const module = `${gov}/deployments/${e.name}/variables.tf`;
    try {
      Deno.statSync(join(CORPUS, module));
    } catch {
      continue;
    }
    const environments: Record<string, string> = {};
    for (const env of ["integration", "staging", "production", "test"]) {
      const file = `${gov}/variables/${env}/${e.name}.tfvars`;
      try {
        Deno.statSync(join(CORPUS, file));
        environments[env] = file;
      } catch { /* the deployment does not run there */ }
    }
    if (Object.keys(environments).length === 0) continue;
    // Deployments symlink the shared declarations beside their own, unless they declare the same
    // variables themselves (csp-reporter).
    const common = `${gov}/variables/variables-common.tf`;
    const declared = (f: string) =>
      new Set(parseVariables(Deno.readTextFileSync(join(CORPUS, f)), f).map((v) => v.name));
    const own = declared(module);
    const clash = [...declared(common)].some((n) => own.has(n));
    cases.push({
      name: `alphagov__govuk-infrastructure/${e.name}`,
      environments,
      module: clash ? [module] : [module, common],
      groups: { versions: VERSIONS, features: FEATURES },
    });
  }
  cases.push({
    name: "cds-snc__notification-terraform",
    environments: Object.fromEntries(
      ["dev", "staging", "production"].map((
        e,
      ) => [e, `cds-snc__notification-terraform/env/${e}_config.tfvars`]),
    ),
    module: ["cds-snc__notification-terraform/env/variables.tf"],
    groups: {
      eks: /^eks_(cluster_version|addon_.*_version|node_ami_version)$/,
      waf: /_waf_rate_limit$/,
      upgrades: /^(force|node)_upgrade$/,
      perf_test: /^perf_(test_(email|phone_number|csv_directory_path)|schedule_expression)$/,
      features: FEATURES,
    },
    sharedFrom: "staging",
  });
  const hmcts = "hmcts__azure-platform-terraform/environments";
  cases.push({
    name: "hmcts__azure-platform-terraform",
    environments: dirEnvs(hmcts, (f) => (f.includes(".") ? undefined : f)),
    module: [`${hmcts}/variables.tf`],
    groups: { capacity: /_(min|max)_capacity$/, waf: /^waf_mode$|^enable_waf$/ },
  });
  for (const [env, dir] of Object.entries(cases.at(-1)!.environments)) {
    cases.at(-1)!.environments[env] = join(dir, `${env}.tfvars`);
  }
  return cases.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Writes the case into `dir`: environments/<env>/terraform.tfvars, module/*.tf, tfsync.hcl.
 * Returns the config's syncable variable names.
 */
export async function materialize(c: CorpusCase, dir: string): Promise<string[]> {
  const names = new Set<string>();
  await Deno.mkdir(join(dir, "module"), { recursive: true });
  for (const file of c.module) {
    const text = await Deno.readTextFile(join(CORPUS, file));
    await Deno.writeTextFile(join(dir, "module", basename(file)), text);
    for (const v of parseVariables(text, file)) names.add(v.name);
  }
  for (const [env, file] of Object.entries(c.environments)) {
    const text = await Deno.readTextFile(join(CORPUS, file));
    await Deno.mkdir(join(dir, "environments", env), { recursive: true });
    await Deno.writeTextFile(join(dir, "environments", env, "terraform.tfvars"), text);
    try {
      for (const a of parse(text, file, { tfvars: true }).attributes) names.add(a.name);
    } catch { /* check reports it */ }
  }
  const sorted = [...names].sort();
  const groups = Object.entries(c.groups).map(([name, re]) => ({
    name,
    description: `${name} (picked by name for the corpus test)`,
    variables: sorted.filter((n) => re.test(n)),
  }));
  const syncable = new Set(groups.flatMap((g) => g.variables));
  // a name matching two patterns stays in the first group
  for (const [i, g] of groups.entries()) {
    g.variables = g.variables.filter((n) =>
      !groups.slice(0, i).some((p) => p.variables.includes(n))
    );
  }
  if (c.sharedFrom) {
    const doc = parse(
      await Deno.readTextFile(join(dir, "environments", c.sharedFrom, "terraform.tfvars")),
      c.sharedFrom,
      { tfvars: true },
    );
    const lines = [extractedFromLine(c.sharedFrom), ""];
    for (const a of doc.attributes) {
      if (syncable.has(a.name)) lines.push(doc.text.slice(a.nameStart, a.valueEnd));
    }
    await Deno.writeTextFile(
      join(dir, "environments", "shared-features.tfvars"),
      lines.join("\n") + "\n",
    );
  }
  await Deno.writeTextFile(
    join(dir, "tfsync.hcl"),
    renderConfig({
      environmentsDir: "environments",
      tfvarsFile: "terraform.tfvars",
      sharedFile: "environments/shared-features.tfvars",
      moduleDir: "module",
      groups,
      environmentSpecific: sorted.filter((n) => !syncable.has(n)),
    }),
  );
  return [...syncable];
}
