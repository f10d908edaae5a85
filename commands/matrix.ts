// tfsync matrix: environments × syncable variables, one table.
import { type Command, EXIT, type Io } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath } from "./_options.ts";
import { emit } from "./_flags.ts";
import { formatUsage, OUTPUT_USAGE, READ_USAGE } from "./_usage.ts";
import { listOption } from "./_lists.ts";
import { sourceDateEpoch } from "./_flag_values.ts";
import { basename, checkReport, loadConfig, matrixReport, snapshotReading } from "../lib/mod.ts";
import type { HtmlOptions } from "../render/html.ts";
import type { Config } from "../lib/config/config.ts";
import type { Matrix } from "../lib/report/matrix.ts";
import { matrixOrigins, renderMatrixMarkdown, renderMatrixText } from "../render/matrix.ts";

const { buildMatrix, matrixJson } = await matrixReport();
const { loadSnapshot } = await snapshotReading();

const FORMATS = ["text", "json", "markdown", "html"];

const USAGE = `Usage: tfsync matrix [--group G]... [--format text|json|markdown|html] [options]

Prints environments × syncable variables as one table: each environment's effective value (its
tfvars, else the variables.tf default, shown in parentheses), beside the shared file's. A cell
that differs from the shared file's value is marked "*" (yellow on a terminal); with no shared
file, a cell that differs from the value most environments have. A variable synced by path has a
row for each path its group syncs (node_groups.gpu.ami_version); its own keys have none.

Options:
  --group G        only this group (repeat it, or G,G)
${formatUsage(FORMATS)}
                   (markdown: a table for a pull-request comment; html: one self-contained page)
${OUTPUT_USAGE}

${READ_USAGE}

Examples:
  tfsync matrix
  tfsync matrix --group images,dask --format markdown
  tfsync matrix --format html --output matrix.html
`;

export const matrix: Command = defineCommand({
  name: "matrix",
  summary: "Show environments x syncable variables in one table (text, Markdown or HTML)",
  usage: USAGE,
  options: {
    group: { type: "string", multiple: true },
  },
  spec: { readOnly: true, meant: ["--group"], formats: FORMATS, output: true },
  run: async ({ values, common }, io) => {
    const format = common.format ?? "text";
    const config = await loadConfig(common.root, common.configPath);
    const snapshot = await loadSnapshot(config, { display: (p) => displayPath(p, io) });
    const m = buildMatrix(snapshot, listOption(values.group, "--group"));
    await emit(
      io,
      common,
      common.json
        ? matrixJson(m)
        : format === "html"
        ? await matrixHtml(m, config, common.root, io)
        : format === "markdown"
        ? renderMatrixMarkdown(m)
        : renderMatrixText(m, common.color) +
          // With several var files an environment's value may come from any: each names its file.
          (snapshot.environments.some((e) => e.layers.length > 1) ? matrixOrigins(m) : ""),
    );
    return EXIT.ok;
  },
});

/** The HTML page: its renderer and check's findings are loaded for it alone. */
async function matrixHtml(m: Matrix, config: Config, root: string, io: Io): Promise<string> {
  const { renderMatrixHtml } = await import("../render/html.ts");
  return renderMatrixHtml(m, await htmlOptions(config, root, io));
}

/** What the page says of where and when it was made: CI's repository and commit, else the
 * folder's name; and each environment's pending promotions and drift, as `tfsync check` finds. */
async function htmlOptions(config: Config, root: string, io: Io): Promise<HtmlOptions> {
  const { checkRepository } = await checkReport();
  const { findings } = await checkRepository(config, { display: (p) => displayPath(p, io) });
  const summary: Record<string, { pending: number; drift: number }> = {};
  for (const f of findings) {
    if (f.environment === undefined || (f.check !== "pending" && f.check !== "drift")) continue;
    const s = summary[f.environment] ??= { pending: 0, drift: 0 };
    if (f.check === "pending") s.pending += f.variables?.length ?? 1;
    else s.drift += 1;
  }
  const time = sourceDateEpoch(io) ?? new Date();
  return {
    repository: io.env("GITHUB_REPOSITORY") ?? basename(root),
    commit: io.env("GITHUB_SHA"),
    time: time.toISOString().replace(/\.\d+Z$/, "Z"),
    summary,
  };
}
