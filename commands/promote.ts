// tfsync promote: extract from one environment and apply to another (make sync-promote).
import type { Command } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { PAIR_OPTIONS } from "./_flag_set.ts";
import { displayPath, requireOption } from "./_options.ts";
import { COMMON_USAGE, formatUsage } from "./_usage.ts";
import { PLAN_FORMATS, runPlan, TARGET_OPTIONS, TARGET_USAGE } from "./_write.ts";
import { planning } from "../lib/mod.ts";

const { loadContext, planPromote } = await planning();

/** promote and backport: the same operation, named for its direction. */
export function pairCommand(
  name: string,
  summary: string,
  direction: string,
  [from, to]: [string, string],
): Command {
  const usage = `Usage: tfsync ${name} --from ENV --to ENV [--prune] [--fail-on-conflict] [options]

${direction}.

Extracts the syncable values of --from into the shared file, applies the shared file to --to,
then shows what changed (the unified diff of --to and a summary). Both files are checked before
anything is written, written atomically, and restored together if a write fails. It asks before
writing on a terminal; without one, it needs --yes. Conflicts (values of --to that differ from
the shared file as it was before this run: edited by hand since the last sync) are listed first.

Options:
  --from ENV          the environment to copy from
  --to ENV            the environment to write
${TARGET_USAGE}
${formatUsage(PLAN_FORMATS, ": markdown is a pull-request body")}

${COMMON_USAGE}

Examples:
  tfsync ${name} --from ${from} --to ${to} --dry-run
  tfsync ${name} --from ${from} --to ${to} --yes --format markdown > pr-body.md
`;
  return defineCommand({
    name,
    summary,
    usage,
    options: { ...PAIR_OPTIONS, ...TARGET_OPTIONS },
    spec: { meant: ["--from", "--to"], formats: PLAN_FORMATS },
    run: async ({ values, common }, io) => {
      const from = requireOption(values.from, "--from");
      const to = requireOption(values.to, "--to");
      const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
      const build = () => planPromote(ctx, name, from, to, common.date, values.prune === true);
      return await runPlan(build, ctx, common, io, {
        failOnConflict: values["fail-on-conflict"] === true,
        showTargetDiff: true,
      });
    },
  });
}

export const promote: Command = pairCommand(
  "promote",
  "Extract from one environment and apply to another (test → prod)",
  "Promotes features from a test environment to a later one (make sync-promote)",
  ["englacial", "prod"],
);
