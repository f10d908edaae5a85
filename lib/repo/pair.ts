// What a command that names environments reads first: tfsync.hcl and the module (the context),
// then, for diff and the syncs, a pair of environments' var files. Planning is lib/sync's.
import { type Config, loadConfig } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { option } from "../words.ts";
import type { ModuleVars } from "../terraform/module.ts";
import { loadConfigModule } from "./layout.ts";
import { checkEnvironmentName, type TfvarsFile } from "./repo.ts";
import { type Layered, readLayered, sourceView } from "./layered.ts";

export interface RepoContext {
  config: Config;
  module: ModuleVars;
  /** How a path is named to people. */
  name: (path: string) => string;
}

export async function loadContext(
  root: string,
  configPath?: string,
  name?: (path: string) => string,
): Promise<RepoContext> {
  const config = await loadConfig(root, configPath);
  const show = name ?? ((p: string) => config.display(p));
  const module = await loadConfigModule(config, show);
  return { config, module, name: show };
}

/** Checks two environment names: valid, existing, different. Returns their tfvars paths. */
export async function checkPair(
  ctx: RepoContext,
  from: string,
  to: string,
): Promise<[string, string]> {
  const paths = [
    await checkEnvironmentName(from, ctx.config),
    await checkEnvironmentName(to, ctx.config),
  ] as [string, string];
  if (from === to) {
    throw new ConfigError([
      option("from"),
      " and ",
      option("to"),
      ` are both "${from}": name two different environments`,
    ]);
  }
  return paths;
}

/**
 * Checks two environment names (checkPair) and reads their var files: `source` is the values the
 * source gives (its one file, or its layers' winning assignments), `target` the target's own file.
 */
export async function readPair(
  ctx: RepoContext,
  from: string,
  to: string,
): Promise<{ source: TfvarsFile; target: TfvarsFile; from: Layered; to: Layered }> {
  await checkPair(ctx, from, to);
  const [a, b] = [
    await readLayered(ctx.config, from, ctx.name),
    await readLayered(ctx.config, to, ctx.name),
  ];
  return { source: sourceView(a), target: b.own, from: a, to: b };
}
