// tfsync extract: an environment's syncable values into the shared file (make sync-features-from).
import type { Command } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, requireOption, spellingOf } from "./_options.ts";
import { COMMON_USAGE, formatUsage } from "./_usage.ts";
import { PLAN_FORMATS, runPlan } from "./_write.ts";
import { planning } from "../lib/mod.ts";

const { loadContext, planExtract } = await planning();

const USAGE = `Usage: tfsync extract --from ENV [options]

Copies the syncable values that ENV sets into the shared file (make sync-features-from). An
existing shared file is edited in place: its comments, order and layout are kept, its
"Extracted from:" and "Date:" lines updated, and a variable ENV does not set is removed from it
(ENV uses the variables.tf default). A missing shared file is created: a header, a comment
heading per group, values aligned as terraform fmt would.

Options:
  --from ENV      the environment to extract from
${formatUsage(PLAN_FORMATS)}

${COMMON_USAGE}

Examples:
  tfsync extract --from englacial
  tfsync extract --from englacial --dry-run
`;

export const extract: Command = defineCommand({
  name: "extract",
  summary: "Copy an environment's syncable values into the shared file",
  usage: USAGE,
  options: { from: { type: "string" } },
  spec: {
    meant: ["--from"],
    formats: PLAN_FORMATS,
  },
  run: async ({ values, common }, io) => {
    const from = requireOption(values.from, "--from");
    const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
    return await runPlan(() => planExtract(ctx, from, common.date), ctx, common, io, {
      failOnConflict: false,
      showTargetDiff: false,
      hint: ([r]) =>
        `Review ${r.file}, then run: ${spellingOf(io).command("apply", [["to", "ENV"]])}`,
    });
  },
});
