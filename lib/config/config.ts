// tfsync.hcl: where the layers live and which variables sync. Without the file, the design's
// SYNCABLE_VARS (in four groups) and ENV_SPECIFIC_VARS.
import { isAbsolute, join, relative, resolve } from "../_path.ts";
import { ConfigError } from "../errors.ts";
import { parseConfigText } from "./config_parse.ts";
import { fsReason, readTextIfExists, realInside } from "../_fs.ts";
import type { RuleTree } from "../hcl/path.ts";
import { ruleTrees, variableNames } from "./paths.ts";
import type { ConfigSettings, Group, VariableClass } from "./config_types.ts";
export type { ConfigSettings, Group, VariableClass } from "./config_types.ts";

export const DEFAULT_GROUPS: readonly Group[] = [
  {
    name: "images",
    description: "Container Image Configuration",
    variables: ["singleuser_image_name", "singleuser_image_tag"],
  },
  {
    name: "dask",
    description: "Dask Gateway Configuration",
    variables: ["dask_worker_cores_max", "dask_worker_memory_max", "dask_cluster_max_cores"],
  },
  {
    name: "timeouts",
    description: "Idle Timeouts",
    variables: ["kernel_cull_timeout", "server_cull_timeout"],
  },
  {
    name: "features",
    description: "Feature Flags",
    variables: [
      "enable_profile_selection",
      "use_three_node_groups",
      "enable_lambda_invoke",
      "github_enabled",
    ],
  },
];

/** The design's ENV_SPECIFIC_VARS, in its order. */
export const DEFAULT_ENVIRONMENT_SPECIFIC: readonly string[] = [
  ..."environment region cluster_name domain_name admin_email owner_email cost_center".split(" "),
  ..."vpc_cidr enable_nat_gateway single_nat_gateway".split(" "),
  ..."deletion_protection force_destroy_s3 skip_final_snapshot".split(" "),
  ..."system_node_instance_types system_node_min_size system_node_max_size".split(" "),
  ..."user_node_instance_types user_node_min_size user_node_max_size".split(" "),
  ..."dask_node_instance_types dask_node_min_size dask_node_max_size".split(" "),
  ..."kubernetes_version enable_acm acm_enable_wildcard acm_auto_validate".split(" "),
  ..."github_org_whitelist pin_main_nodes_single_az pin_user_nodes_single_az".split(" "),
];

export const DEFAULT_SETTINGS: ConfigSettings = {
  environmentsDir: "environments",
  tfvarsFile: "terraform.tfvars",
  sharedFile: "environments/shared-features.tfvars",
  moduleDir: ".",
  groups: DEFAULT_GROUPS,
  environmentSpecific: DEFAULT_ENVIRONMENT_SPECIFIC,
};

export const BUILT_IN = "built-in defaults";

/** What stands for an environment's name in environment_files and module_dir. */
export const ENV = "{env}";

export function hasEnv(pattern: string): boolean {
  return pattern.includes(ENV);
}

export function withEnv(pattern: string, env: string): string {
  return pattern.replaceAll(ENV, env);
}

export class Config {
  /** The infrastructure repository, absolute. */
  readonly root: string;
  /** The config file as named to the user (`tfsync.hcl`, `ci/tfsync.hcl`), or "built-in defaults". */
  readonly source: string;
  readonly settings: ConfigSettings;
  /** Absolute paths. */
  readonly envDir: string;
  /** The var file patterns, relative to the root, in -var-file order (see ConfigSettings). */
  readonly patterns: readonly string[];
  readonly sharedFile: string;
  readonly moduleDir: string;
  readonly groups: readonly Group[];
  /** Every syncable variable: the groups' variables in config order. */
  readonly syncable: readonly string[];
  readonly environmentSpecific: ReadonlySet<string>;
  readonly #groupOf: Map<string, Group>;
  readonly #trees: Map<string, RuleTree>;
  readonly #groupTrees = new Map<string, Map<string, RuleTree>>();

  constructor(root: string, source: string, settings: ConfigSettings) {
    this.root = resolve(root);
    this.source = source;
    this.settings = settings;
    this.envDir = resolve(this.root, settings.environmentsDir);
    this.patterns = settings.environmentFiles ??
      [`${settings.environmentsDir}/${ENV}/${settings.tfvarsFile}`];
    this.sharedFile = resolve(this.root, settings.sharedFile);
    this.moduleDir = resolve(this.root, settings.moduleDir);
    // Groups name variables; paths into values stay with each group and build rule trees.
    this.groups = settings.groups.map((g) => {
      const names = variableNames(g.variables);
      const whole = names.length === g.variables.length &&
        names.every((n, i) => n === g.variables[i]);
      return whole ? g : { ...g, variables: names, paths: g.variables };
    });
    this.#groupOf = new Map();
    for (const g of this.groups) {
      for (const v of g.variables) if (!this.#groupOf.has(v)) this.#groupOf.set(v, g);
    }
    this.syncable = [...this.#groupOf.keys()];
    const es = settings.environmentSpecific;
    this.environmentSpecific = new Set(es.filter((p) => !/[.[]/.test(p)));
    this.#trees = ruleTrees(settings.groups.flatMap((g) => g.variables), es);
  }

  /**
   * The rules for the keys inside a variable's value, when tfsync.hcl names paths into it. With
   * groups: only the paths whose most specific rule is one of those groups' (`sync --group`).
   */
  rules(name: string, groups?: readonly string[]): RuleTree | undefined {
    if (groups === undefined || !this.#trees.has(name)) return this.#trees.get(name);
    let trees = this.#groupTrees.get(groups.join(","));
    if (!trees) {
      const [own, others] = [true, false].map((mine) =>
        this.settings.groups.filter((g) => groups.includes(g.name) === mine)
          .flatMap((g) => g.variables)
      );
      trees = ruleTrees(own, [...others, ...this.settings.environmentSpecific]);
      this.#groupTrees.set(groups.join(","), trees);
    }
    return trees.get(name)!;
  }

  classify(name: string): VariableClass {
    if (this.#groupOf.has(name)) return "syncable";
    if (this.environmentSpecific.has(name)) return "environment_specific";
    return "unclassified";
  }

  groupOf(name: string): Group | undefined {
    return this.#groupOf.get(name);
  }

  group(name: string): Group | undefined {
    return this.groups.find((g) => g.name === name);
  }

  /**
   * The environment's own var file, the last pattern with `{env}` (absolute; a glob in it is not
   * expanded: lib/repo/layout.ts does that). The name is not checked: see checkEnvironmentName.
   */
  tfvarsPath(env: string): string {
    return resolve(this.root, withEnv(this.patterns.findLast(hasEnv)!, env));
  }

  /** module_dir for an environment (absolute): `{env}` stands for its name. */
  moduleDirFor(env?: string): string {
    return env === undefined
      ? this.moduleDir
      : resolve(this.root, withEnv(this.settings.moduleDir, env));
  }

  /** A path as shown to people: relative to the root when inside it, else absolute. */
  display(path: string): string {
    const rel = relative(this.root, resolve(this.root, path));
    if (rel === "") return ".";
    return rel.startsWith("..") || isAbsolute(rel) ? resolve(this.root, path) : rel;
  }
}

/** The built-in configuration for a repository. */
export function defaultConfig(root: string): Config {
  return new Config(root, BUILT_IN, DEFAULT_SETTINGS);
}

/** Parses tfsync.hcl text. `file` names it in messages. Throws ConfigError or TfvarsSyntaxError. */
export function parseConfig(text: string, file: string, root: string): Config {
  return new Config(root, file, parseConfigText(text, file, DEFAULT_SETTINGS));
}

/**
 * Reads ROOT/tfsync.hcl, or `configPath` when given (relative to the working directory). A
 * missing ROOT/tfsync.hcl gives the built-in defaults; a missing `configPath` is a ConfigError.
 */
export async function loadConfig(root: string, configPath?: string): Promise<Config> {
  await _requireDirectory(root);
  const file = configPath ?? join(root, "tfsync.hcl");
  const text = await readTextIfExists(file);
  if (text === undefined) {
    if (configPath === undefined) return defaultConfig(root);
    throw new ConfigError("Cannot read the config file: not found", { file });
  }
  const config = parseConfig(text, file, root);
  await requireInsideRoot(config, file);
  return config;
}

/**
 * Every folder and file tfsync.hcl names must resolve (symlinks too) inside the root: in CI,
 * tfsync runs on a pull request's own tfsync.hcl, which must not reach ~/.bash_profile.
 */
async function requireInsideRoot(config: Config, file: string): Promise<void> {
  const named = [
    ["environments_dir", config.envDir],
    ["shared_file", config.sharedFile],
    ["module_dir", config.moduleDir],
  ];
  for (const [setting, path] of named) {
    await realInside(path, config.root).catch((e) => {
      throw new ConfigError(`${setting} "${config.display(path)}": ${fsReason(e)}`, { file });
    });
  }
}

async function _requireDirectory(root: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(root);
  } catch (e) {
    throw new ConfigError(`Cannot use it as the root: ${fsReason(e)}`, { file: root });
  }
  if (!info.isDirectory) {
    throw new ConfigError("Cannot use it as the root: not a directory", { file: root });
  }
}
