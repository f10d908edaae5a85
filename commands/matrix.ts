// tfsync matrix: environments × syncable variables, one table.
import { type Command, EXIT } from "./_command.ts";
import { COMMON_USAGE, displayPath, guard, parseCommandArgs, UsageError } from "./_options.ts";
import { listOption } from "./_lists.ts";
import { loadConfig } from "../lib/config/config.ts";
import { renderMatrixHtml } from "../render/html.ts";
import {
  buildMatrix,
  matrixJson,
  renderMatrixMarkdown,
  renderMatrixText,
} from "../lib/report/matrix.ts";
import { loadSnapshot } from "../lib/repo/snapshot.ts";

const FORMATS = ["text", "markdown", "html"];

const USAGE = `Usage: tfsync matrix [--group G]... [--format text|markdown|html] [--json]

Prints environments × syncable variables as one table: each environment's effective value (its
tfvars, else the variables.tf default, shown in parentheses), beside the shared file's. A cell
that differs from the shared file's value is marked "*" (yellow on a terminal); with no shared
file, a cell that differs from the value most environments have.

Options:
  --group G        only this group (repeat it, or G,G)
  --format FORMAT  text (default), markdown (a table for a pull-request comment), or html (one
                   self-contained page on stdout: tfsync matrix --format html > matrix.html)

${COMMON_USAGE}
`;

export const matrix: Command = {
  name: "matrix",
  summary: "Show environments x syncable variables in one table (text, Markdown or HTML)",
  usage: USAGE,
  run: (args, io) =>
    guard("matrix", USAGE, io, async () => {
      const { values, common, help } = parseCommandArgs(args, io, {
        group: { type: "string", multiple: true },
        format: { type: "string" },
      });
      if (help) return io.stdout(USAGE), EXIT.ok;
      const format = values.format ?? "text";
      if (!FORMATS.includes(format)) {
        throw new UsageError(`unknown --format "${format}": expected ${FORMATS.join(", ")}`);
      }
      if (common.json && values.format !== undefined) {
        throw new UsageError(`--json and --format ${format} disagree: use one of them`);
      }
      const config = await loadConfig(common.root, common.configPath);
      const snapshot = await loadSnapshot(config, { display: (p) => displayPath(p, io) });
      const m = buildMatrix(snapshot, listOption(values.group, "--group"));
      io.stdout(
        common.json
          ? matrixJson(m)
          : format === "html"
          ? renderMatrixHtml(m)
          : format === "markdown"
          ? renderMatrixMarkdown(m)
          : renderMatrixText(m, common.color),
      );
      return EXIT.ok;
    }),
};
