// tfsync explain VAR: where a variable's value comes from, layer by layer.
import { type Command, EXIT } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, UsageError } from "./_options.ts";
import { emit } from "./_flags.ts";
import { formatUsage, OUTPUT_USAGE, READ_USAGE } from "./_usage.ts";
import { listOption } from "./_lists.ts";
import { explainReport, loadConfig, snapshotReading } from "../lib/mod.ts";
import { renderExplanation } from "../render/explain.ts";

const { explain: explainVariable, explanationJson } = await explainReport();
const { loadSnapshot } = await snapshotReading();

const FORMATS = ["text", "json", "markdown"];

const USAGE = `Usage: tfsync explain VAR [--env ENV]... [options]

Shows where VAR's value comes from, layer by layer: its variable block in module_dir (type,
default, description, file:line), the shared file's value (file:line), and each environment's
value (file:line) with the layer that wins (tfvars or default); its class and group. A syncable
variable's environments that differ from the shared file are marked. VAR may be a path inside a
value (forms_admin_settings.enable_opentelemetry): its class, group, value and line; a value whose
keys tfsync.hcl classifies apart lists the class of each path inside it.

Options:
  --env ENV        only this environment (repeat it, or ENV,ENV)
${formatUsage(FORMATS)}
${OUTPUT_USAGE}

${READ_USAGE}

Examples:
  tfsync explain dask_cluster_max_cores
  tfsync explain singleuser_image_tag --env prod --json
  tfsync explain 'node_groups["gpu"].ami_version'
`;

export const explain: Command = defineCommand({
  name: "explain",
  summary: "Show where a variable's value comes from, layer by layer, in each environment",
  usage: USAGE,
  options: {
    env: { type: "string", multiple: true },
  },
  spec: {
    readOnly: true,
    positionals: Infinity,
    formats: FORMATS,
    output: true,
  },
  run: async ({ values, positionals, common }, io) => {
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0
          ? "Missing the variable to explain"
          : `One variable at a time: got ${positionals.map((p) => `"${p}"`).join(", ")}`,
      );
    }
    const config = await loadConfig(common.root, common.configPath);
    const snapshot = await loadSnapshot(config, {
      environments: listOption(values.env, "--env"),
      display: (p) => displayPath(p, io),
    });
    const x = explainVariable(snapshot, positionals[0]);
    await emit(
      io,
      common,
      common.json
        ? explanationJson(x)
        : common.format === "markdown"
        ? "```\n" + renderExplanation(x, false) + "```\n"
        : renderExplanation(x, common.color),
    );
    return EXIT.ok;
  },
});
