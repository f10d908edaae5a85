// Which variables a partial sync copies: those of the named groups and the named variables,
// each checked to be syncable.
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import type { RepoContext } from "../repo/pair.ts";

/**
 * The variables named by `--group` and `--vars`, in config order, and how the banner names them
 * ("group images", "vars a, b"), and with --group the groups, whose paths alone sync. Throws
 * ConfigError.
 */
export function selectVariables(
  ctx: RepoContext,
  groups: readonly string[],
  vars: readonly string[],
): { names: string[]; label: string; groups?: readonly string[] } {
  const { config } = ctx;
  const wanted = new Set<string>();
  for (const g of groups) {
    const group = config.group(g);
    if (!group) {
      const names = config.groups.map((x) => x.name);
      const known = names.join(", ");
      throw new ConfigError(
        `Unknown group "${g}"${didYouMean(g, names)}: the groups are ${known || "(none)"}`,
      );
    }
    for (const v of group.variables) wanted.add(v);
  }
  const syncable = `the syncable variables are ${config.syncable.join(", ") || "(none)"}`;
  for (const v of vars) {
    const kind = config.classify(v);
    if (kind === "environment_specific") {
      throw new ConfigError(
        `Variable "${v}" is environment-specific and never synced: ${syncable}`,
      );
    }
    if (kind === "unclassified") {
      throw new ConfigError(
        ctx.module.variables.has(v)
          ? `Variable "${v}" is unclassified and never synced (classify it in ${config.source}): ${syncable}`
          : `Unknown variable "${v}"${didYouMean(v, config.syncable)}: ${syncable}`,
      );
    }
    wanted.add(v);
  }
  const label = groups.length > 0
    ? `group${groups.length > 1 ? "s" : ""} ${groups.join(", ")}`
    : `vars ${vars.join(", ")}`;
  const names = config.syncable.filter((v) => wanted.has(v));
  return { names, label, ...(groups.length > 0 && vars.length === 0 && { groups }) };
}
