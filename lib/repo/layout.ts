// Where environments live: environment_files patterns ("env/{env}_config.tfvars",
// "terraform/variables/{env}/*.tfvars") matched against the folders, and the var files of one
// environment in -var-file order, each marked as its own or a layer all environments share.
import { join, resolve } from "../_path.ts";
import { type Config, ENV, hasEnv, withEnv } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { fsReason, statIfExists } from "../_fs.ts";
import { emptyModule, loadModule, type ModuleVars } from "../terraform/module.ts";

/** One var file of an environment. */
export interface LayerFile {
  /** Absolute. */
  path: string;
  /** The pattern it came from, as configured. */
  pattern: string;
  /** False for a layer every environment shares (its pattern has no {env}). */
  own: boolean;
}

/** Why a name cannot be an environment, or undefined when it can. */
export function invalidEnvironmentReason(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name.includes("/") || name.includes("\\")) return "it must be a folder name, without / or \\";
  if (name === "." || name.includes("..")) return 'it must not be "." or contain ".."';
  if (name.startsWith("-")) return 'it must not start with "-"';
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20)) {
    return "it must not contain control characters";
  }
  return undefined;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A regular expression for one path part: `{env}` captures the name, `*` matches within it. */
function partRegex(part: string): RegExp {
  const body = part.split(/(\{env\}|\*)/).map((piece) =>
    piece === ENV
      ? "(?<env>.+?)"
      : piece === "*"
      ? "[^/]*"
      : piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  // A second {env} in the same part must be the same name as the first.
  return new RegExp(
    `^${body.replace(/(\(\?<env>\.\+\?\))(.*?)\(\?<env>\.\+\?\)/g, "$1$2\\k<env>")}$`,
  );
}

/** A folder's entries, sorted; a missing folder has none unless `what` names it in an error. */
async function entries(dir: string, label: string, what?: string): Promise<Deno.DirEntry[]> {
  const out: Deno.DirEntry[] = [];
  try {
    for await (const e of Deno.readDir(dir)) out.push(e);
  } catch (e) {
    const missing = e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory;
    if (missing && what === undefined) return [];
    throw new ConfigError(`Cannot read ${what ?? "the folder"}: ${fsReason(e)}`, { file: label });
  }
  return out.sort((a, b) => byName(a.name, b.name));
}

/**
 * The environments: the names `{env}` takes in the last pattern with `{env}` for which a file
 * exists (a glob there: at least one file matches), sorted. Names that cannot be an environment
 * (see invalidEnvironmentReason) are skipped.
 */
export async function findEnvironments(
  config: Config,
  valid: (name: string) => boolean,
): Promise<string[]> {
  const pattern = config.patterns.findLast(hasEnv)!;
  const found = new Set<string>();
  // A shared layer (or the shared record) beside the environments' files is no environment:
  // ["envs/shared.tfvars", "envs/{env}.tfvars"] does not make "shared" one.
  const shared = new Set([
    ...config.patterns.filter((p) => !hasEnv(p)).map((p) => resolve(config.root, p)),
    config.sharedFile,
  ]);
  const walk = async (dir: string, parts: string[], env: string | undefined): Promise<void> => {
    const [part, ...rest] = parts;
    const here = env === undefined ? part : withEnv(part, env);
    const last = rest.length === 0;
    if (!here.includes(ENV) && !here.includes("*")) {
      const path = join(dir, here);
      if (last) {
        if (env !== undefined && (await statIfExists(path))?.isFile) found.add(env);
      } else await walk(path, rest, env);
      return;
    }
    const re = partRegex(here);
    // The folder the environments are found in must exist; deeper ones may be missing.
    const what = env === undefined ? "the environments folder" : undefined;
    for (const entry of await entries(dir, config.display(dir), what)) {
      const m = re.exec(entry.name);
      if (!m) continue;
      const name = env ?? m.groups?.env;
      if (name === undefined || !valid(name) || found.has(name)) continue;
      const path = join(dir, entry.name);
      if (last && shared.has(path)) continue;
      const info = entry.isSymlink ? await statIfExists(path) : entry;
      if (last ? info?.isFile : info?.isDirectory) {
        if (last) found.add(name);
        else await walk(path, rest, name);
      }
    }
  };
  await walk(config.root, pattern.split("/").filter((p) => p !== "" && p !== "."), undefined);
  return [...found].sort(byName);
}

/**
 * The var files of an environment in -var-file order: each pattern with `{env}` replaced, a glob
 * expanded in lexical order; a file that does not exist is no layer.
 */
export async function environmentLayers(config: Config, env: string): Promise<LayerFile[]> {
  const out: LayerFile[] = [];
  for (const pattern of config.patterns) {
    const path = resolve(config.root, withEnv(pattern, env));
    const own = hasEnv(pattern);
    const slash = path.lastIndexOf("/");
    const last = path.slice(slash + 1);
    if (!last.includes("*")) {
      if ((await statIfExists(path))?.isFile) out.push({ path, pattern, own });
      continue;
    }
    const dir = path.slice(0, slash) || "/";
    const re = partRegex(last);
    for (const entry of await entries(dir, config.display(dir))) {
      const file = join(dir, entry.name);
      if (re.test(entry.name) && (await statIfExists(file))?.isFile) {
        out.push({ path: file, pattern, own });
      }
    }
  }
  return out;
}

/** The environment's own file that new values go to: its last file from a pattern with {env}. */
export function ownFile(config: Config, layers: readonly LayerFile[], env: string): string {
  return layers.findLast((l) => l.own)?.path ?? config.tfvarsPath(env);
}

/**
 * The module's variable blocks. A module_dir with `{env}` (each environment its own root module)
 * is read for every environment; the first environment's declaration of a name is the one kept.
 */
export async function loadConfigModule(
  config: Config,
  display: (path: string) => string,
): Promise<ModuleVars> {
  if (!hasEnv(config.settings.moduleDir)) {
    return loadModule(config.moduleDir, display(config.moduleDir));
  }
  const module = emptyModule(config.settings.moduleDir);
  const valid = (n: string) => invalidEnvironmentReason(n) === undefined;
  for (const env of await findEnvironments(config, valid)) {
    const dir = config.moduleDirFor(env);
    const one = await loadModule(dir, display(dir));
    module.files.push(...one.files);
    for (const [name, v] of one.variables) {
      if (!module.variables.has(name)) module.variables.set(name, v);
    }
  }
  return module;
}
