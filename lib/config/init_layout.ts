// tfsync init on a repository whose environments the config's layout does not find: the layout
// detected from its var files (lib/config/detect.ts), written as environment_files, and the
// variables left unclassified as a commented list to sort.
import { Config, type ConfigSettings } from "./config.ts";
import { renderConfig } from "./config_write.ts";
import { type Detected, detectLayout } from "./detect.ts";
import { ConfigError } from "../errors.ts";
import { listEnvironments, lookedFor } from "../repo/repo.ts";
import type { InitPlan } from "./init.ts";

/**
 * The plan as it is when its layout finds an environment; else with the detected layout. None
 * found either way: a ConfigError saying what was looked for (init writes nothing).
 */
export async function withLayout(
  plan: InitPlan,
  root: string,
): Promise<{ plan: InitPlan; detected?: Detected }> {
  const config = new Config(root, plan.source, plan.settings);
  const found = await listEnvironments(config).catch(() => []);
  if (found.length > 0) return { plan };
  const detected = await detectLayout(root);
  if (!detected) {
    throw new ConfigError(
      `No environment found: ${lookedFor(config)}, and no var files (*.tfvars, *.tfvars.json) ` +
        `sit in a folder per environment or are named per environment; set environment_files in ` +
        `tfsync.hcl by hand`,
    );
  }
  const prefix = detected.pattern.slice(0, detected.pattern.indexOf("{env}"));
  // Beside the environments, in a folder that exists (a write creates no folder), even where the
  // pattern matches it: the shared file is never taken for an environment (lib/repo/layout.ts).
  const settings: ConfigSettings = {
    ...plan.settings,
    environmentFiles: [detected.pattern],
    moduleDir: detected.moduleDir,
    sharedFile: `${prefix}shared-features.tfvars`,
  };
  const header = [
    `tfsync configuration, written by \`tfsync init\` from ${plan.source}, with the layout it`,
    `found: ${detected.environments.length} environments (${detected.environments.join(", ")}).`,
    ...(detected.others.length
      ? [`Other patterns that matched: ${detected.others.join(", ")}.`]
      : []),
    "Syncable variables are the union of the groups; environment_specific variables are never",
    "synced; a variable in neither list is unclassified: never synced, always reported.",
  ];
  return { plan: { ...plan, settings, text: renderConfig(settings, { header }) }, detected };
}

/** The unclassified variables as comment lines for the end of tfsync.hcl. */
export function unclassifiedComment(names: readonly string[]): string {
  if (names.length === 0) return "";
  const lines = [
    "",
    "# Unclassified (set in some environment, in no list): add each to a group or to",
    "# environment_specific.",
  ];
  let line = "#";
  for (const n of names) {
    if (line.length + n.length + 2 > 100) lines.push(line), line = "#";
    line += ` ${n}`;
  }
  lines.push(line);
  return lines.join("\n") + "\n";
}
