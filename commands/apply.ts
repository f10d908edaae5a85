// tfsync apply: the shared file's values into an environment (make sync-features-to).
import type { Command } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, requireOption } from "./_options.ts";
import { COMMON_USAGE, formatUsage } from "./_usage.ts";
import { PLAN_FORMATS, runPlan, TARGET_OPTIONS, TARGET_USAGE } from "./_write.ts";
import { planning } from "../lib/mod.ts";

const { loadContext, planApply } = await planning();

const USAGE = `Usage: tfsync apply --to ENV [--prune] [--fail-on-conflict] [options]

Copies the shared file's values into ENV's tfvars (make sync-features-to). A variable ENV sets is
edited where it stands: its value replaced, its comments kept, its trailing comment the shared
file's when that has one. A missing one goes into the SYNCED FEATURES section next to its group
(the section is created at the end of the file when absent), and "Last synced:" is updated. An
equal value (the variables.tf default counts) is left as it is; a file with nothing to change is
not rewritten. Environment-specific and unclassified variables are never touched.

Options:
  --to ENV            the environment to write
${TARGET_USAGE}
${formatUsage(PLAN_FORMATS, ": markdown is a pull-request body")}

${COMMON_USAGE}

Examples:
  tfsync apply --to prod --dry-run
  tfsync apply --to prod --fail-on-conflict
`;

export const apply: Command = defineCommand({
  name: "apply",
  summary: "Copy the shared file's values into an environment",
  usage: USAGE,
  options: {
    to: { type: "string" },
    ...TARGET_OPTIONS,
  },
  spec: { meant: ["--to"], formats: PLAN_FORMATS },
  run: async ({ values, common }, io) => {
    const to = requireOption(values.to, "--to");
    const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
    const build = () => planApply(ctx, to, common.date, values.prune === true);
    return await runPlan(build, ctx, common, io, {
      failOnConflict: values["fail-on-conflict"] === true,
      showTargetDiff: false,
      hint: ([r]) => r.backup && `Review the changes with: diff ${r.file}.bak ${r.file}`,
    });
  },
});
