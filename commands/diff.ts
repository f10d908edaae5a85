// tfsync diff: two environments compared layer by layer (make sync-diff). Read-only and light:
// it never loads hcl2json.
import { type Command, EXIT } from "./_command.ts";
import { displayPath, guard } from "./_options.ts";
import { emit, parseCommandArgs } from "./_flags.ts";
import { formatUsage, OUTPUT_USAGE, READ_USAGE } from "./_usage.ts";
import { type Paint, painter, show } from "./_report.ts";
import { requireOption } from "./_write.ts";
import { comparisonMarkdown } from "../render/markdown.ts";
import { loadContext, readPair } from "../lib/sync/sync.ts";
import { compareEnvironments, type Comparison, type Row } from "../lib/terraform/layers.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import { FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE } from "../lib/report/present.ts";

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

export const diff: Command = {
  name: "diff",
  summary: "Compare two environments' effective values, layer by layer",
  usage: USAGE,
  run: (args, io) =>
    guard("diff", USAGE, io, async () => {
      const { values, common, help } = parseCommandArgs(args, io, {
        from: { type: "string" },
        to: { type: "string" },
        "exit-code": { type: "boolean" },
      }, {
        name: "diff",
        readOnly: true,
        meant: ["--from", "--to"],
        formats: FORMATS,
        output: true,
      });
      if (help) return io.stdout(USAGE), EXIT.ok;
      const from = requireOption(values.from, "--from");
      const to = requireOption(values.to, "--to");
      const ctx = await loadContext(common.root, common.configPath, (p) => displayPath(p, io));
      const { source, target } = await readPair(ctx, from, to);
      const cmp = compareEnvironments(ctx.config, ctx.module, source.doc, target.doc);
      await emit(
        io,
        common,
        common.json
          ? comparisonJson(cmp, from, to, ctx.module)
          : common.format === "markdown"
          ? comparisonMarkdown(cmp, from, to, ctx.module)
          : comparisonText(cmp, from, to, ctx.module, painter(common.color)),
      );
      // Environment-specific values differ by definition, and unclassified ones are never synced:
      // only syncable differences gate.
      return values["exit-code"] && cmp.syncable.length > 0 ? EXIT.differences : EXIT.ok;
    }),
};

function side(module: ModuleVars, row: Row, which: "source" | "target"): string {
  const e = row[which];
  if (!e) return "(not set)";
  return show(module, row.name, e.value) + (e.source === "default" ? " (default)" : "");
}

export function comparisonText(
  cmp: Comparison,
  from: string,
  to: string,
  module: ModuleVars,
  paint: Paint,
): string {
  const out = [paint.green(`Comparing ${from} → ${to}`), ""];
  const width = Math.max(from.length, to.length) + 1;
  const section = (title: string, rows: Row[], line: (r: Row) => string[]) => {
    out.push(paint.bold(`=== ${title} ===`));
    if (rows.length === 0) out.push("(no differences)");
    for (const r of rows) out.push(...line(r));
    out.push("");
  };
  section("SYNCABLE FEATURES", cmp.syncable, (r) => [
    paint.yellow(r.name),
    `  ${(from + ":").padEnd(width)} ${side(module, r, "source")}`,
    `  ${(to + ":").padEnd(width)} ${side(module, r, "target")}`,
  ]);
  const arrow = (
    r: Row,
  ) => [`${r.name}: ${side(module, r, "source")} → ${side(module, r, "target")}`];
  section("ENVIRONMENT-SPECIFIC (not synced)", cmp.environmentSpecific, arrow);
  section("UNCLASSIFIED", cmp.unclassified, arrow);
  return out.join("\n");
}

/** The JSON shape: only differing variables; a side omitted where it has no value. */
export function comparisonJson(
  cmp: Comparison,
  from: string,
  to: string,
  module: ModuleVars,
): string {
  const rows = (list: Row[]) =>
    list.map((r) => {
      const value = (e: Row["source"]) =>
        isSensitive(module, r.name) ? SENSITIVE : jsonValue(e!.value);
      return {
        name: r.name,
        ...(r.source && { source: value(r.source) }),
        ...(r.target && { target: value(r.target) }),
      };
    });
  return JSON.stringify(
    {
      format_version: FORMAT_VERSION,
      source: from,
      target: to,
      syncable: rows(cmp.syncable),
      environment_specific: rows(cmp.environmentSpecific),
      unclassified: rows(cmp.unclassified),
    },
    null,
    2,
  ) + "\n";
}
