// tfsync diff: two environments compared layer by layer (make sync-diff). Read-only and light:
// it never loads hcl2json.
import { type Command, EXIT } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, requireOption } from "./_options.ts";
import { emit } from "./_flags.ts";
import { PAIR_OPTIONS } from "./_flag_set.ts";
import { formatUsage, OUTPUT_USAGE, READ_USAGE } from "./_usage.ts";
import { painter } from "../render/paint.ts";
import { compareEnvironments, diffReport, pairReading } from "../lib/mod.ts";
import { comparisonJson, comparisonText, origins } from "../render/diff_format.ts";

const { layerDocuments, loadContext, readPair } = await pairReading();
const { comparePaths } = await diffReport();

const FORMATS = ["text", "json", "markdown"];

const USAGE = `Usage: tfsync diff --from ENV --to ENV [--exit-code] [options]

Compares the effective values of two environments (make sync-diff): a variable an environment
does not set takes its variables.tf default, marked "(default)", so "unset" and "set to the
default" are equal. Lists the variables that differ in three sections: SYNCABLE FEATURES,
ENVIRONMENT-SPECIFIC (not synced) and UNCLASSIFIED, values as compact HCL without comments.

Options:
  --from ENV      the source environment
  --to ENV        the target environment
  --exit-code     exit 1 when a syncable value differs (environment-specific and unclassified
                  differences are reported, never gating); without it, 0
${formatUsage(FORMATS)}
${OUTPUT_USAGE}

${READ_USAGE}

Examples:
  tfsync diff --from englacial --to prod
  tfsync diff --from englacial --to prod --exit-code     # in CI: exit 1 on a syncable difference
  tfsync diff --from englacial --to prod --json --output diff.json
`;

export const diff: Command = defineCommand({
  name: "diff",
  summary: "Compare two environments' effective values, layer by layer",
  usage: USAGE,
  options: {
    ...PAIR_OPTIONS,
    "exit-code": { type: "boolean" },
  },
  spec: {
    readOnly: true,
    meant: ["--from", "--to"],
    formats: FORMATS,
    output: true,
  },
  run: async ({ values, common }, io) => {
    const from = requireOption(values.from, "--from");
    const to = requireOption(values.to, "--to");
    const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
    const { source, target, ...pair } = await readPair(ctx, from, to);
    const [a, b] = [layerDocuments(pair.from), layerDocuments(pair.to)];
    const cmp = comparePaths(
      compareEnvironments(ctx.config, ctx.module, a, b),
      ctx.config,
      source.doc,
      target.doc,
      ctx.module,
    );
    // With several var files an environment's value may come from any: each names its file.
    const files = a.length > 1 || b.length > 1;
    // The markdown renderer is loaded for that format alone.
    await emit(
      io,
      common,
      common.json
        ? comparisonJson(cmp, from, to, ctx.module, files)
        : common.format === "markdown"
        ? (await import("../render/markdown.ts")).comparisonMarkdown(cmp, from, to, ctx.module)
        : comparisonText(cmp, from, to, ctx.module, painter(common.color)) +
          (files ? origins(cmp, from, to) : ""),
    );
    // Environment-specific values differ by definition, and unclassified ones are never synced:
    // only syncable differences gate.
    return values["exit-code"] && cmp.syncable.length > 0 ? EXIT.differences : EXIT.ok;
  },
});
