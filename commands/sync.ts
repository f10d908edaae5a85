// tfsync sync: some groups or variables straight from one environment to another
// (make sync-images, sync-dask, sync-timeouts, sync-<group>).
import type { Command } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { PAIR_OPTIONS } from "./_flag_set.ts";
import { displayPath, requireOption, UsageError } from "./_options.ts";
import { COMMON_USAGE, formatUsage } from "./_usage.ts";
import { listOption } from "./_lists.ts";
import { PLAN_FORMATS, runPlan, TARGET_OPTIONS, TARGET_USAGE } from "./_write.ts";
import { planning } from "../lib/mod.ts";

const { loadContext, planPartial, selectVariables } = await planning();

const USAGE = `Usage: tfsync sync --from ENV --to ENV (--group G[,G…] | --vars a,b…) [options]

Copies the named groups' (or variables') values from --from to --to, editing --to as apply does,
and records them in the shared file when there is one (so check agrees); --to's "Last synced:"
line names what was synced ("from: englacial (group images)"). Conflicts are judged against the
shared file as it was before this run.

Options:
  --from ENV          the environment to copy from
  --to ENV            the environment to write
  --group G[,G…]      the groups of tfsync.hcl to sync (repeatable)
  --vars a,b…         the syncable variables to sync (repeatable)
${TARGET_USAGE}
${formatUsage(PLAN_FORMATS, ": markdown is a pull-request body")}

${COMMON_USAGE}

Examples:
  tfsync sync --from englacial --to prod --group dask
  tfsync sync --from englacial --to prod --vars singleuser_image_tag --dry-run
`;

export const sync: Command = defineCommand({
  name: "sync",
  summary: "Copy some groups or variables from one environment to another",
  usage: USAGE,
  options: {
    ...PAIR_OPTIONS,
    group: { type: "string", multiple: true },
    vars: { type: "string", multiple: true },
    ...TARGET_OPTIONS,
  },
  spec: { meant: ["--from", "--to"], formats: PLAN_FORMATS },
  run: async ({ values, common }, io) => {
    const from = requireOption(values.from, "--from");
    const to = requireOption(values.to, "--to");
    const groups = listOption(values.group, "--group") ?? [];
    const vars = listOption(values.vars, "--vars") ?? [];
    if ((groups.length > 0) === (vars.length > 0)) {
      throw new UsageError("Name what to sync: --group G[,G…] or --vars a,b… (one of them)");
    }
    const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
    const selection = selectVariables(ctx, groups, vars);
    const prune = values.prune === true;
    const build = () => planPartial(ctx, from, to, selection, common.date, prune);
    return await runPlan(build, ctx, common, io, {
      failOnConflict: values["fail-on-conflict"] === true,
      showTargetDiff: false,
    });
  },
});
