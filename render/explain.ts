// An explanation for people: a heading, the layers, one row an environment.
import type { VariableClass } from "../lib/config/config.ts";
import type { Explanation } from "../lib/report/explain.ts";
import type { Value } from "../lib/hcl/value.ts";
import { SENSITIVE, showValue } from "../lib/report/present.ts";
import { paint } from "./paint.ts";
import { formatPath } from "../lib/hcl/path.ts";

const CLASS_TEXT: Record<VariableClass, string> = {
  syncable: "syncable",
  environment_specific: "environment-specific (never synced)",
  unclassified: "unclassified (in no list of the config: never synced)",
};

const LAYER_TEXT = {
  environment: "tfvars",
  shared: "shared",
  default: "default",
  none: "none",
} as const;

/** The explanation for people: a heading, the layers, one row an environment. */
export function renderExplanation(x: Explanation, color = false): string {
  const show = (v: Value | undefined) =>
    v === undefined ? "-" : x.sensitive ? SENSITIVE : showValue(v, 50);
  const at = (p: { file?: string; line?: number }) =>
    p.file === undefined ? "" : p.file + (p.line === undefined ? "" : `:${p.line}`);
  const group = (g: Explanation["group"]) =>
    g ? `, group "${g.name}"${g.description ? ` (${g.description})` : ""}` : "";
  const synced = x.paths?.filter((p) => p.class === "syncable").length ?? 0;
  const cls = x.paths
    ? `by path: ${synced} of the ${x.paths.length} paths inside it sync${synced === 1 ? "s" : ""}`
    : CLASS_TEXT[x.class] + group(x.group);
  const title = formatPath(x.variable, x.keys ?? []);
  const out = [`${paint(color, "bold", title)}: ${cls}`, ""];
  const d = x.declaration;
  if (d) {
    const parts = [`type ${d.type ?? "(any)"}`];
    parts.push(
      d.default === undefined
        ? "no default (required)"
        : `default ${x.sensitive ? SENSITIVE : showValue(d.default, 50)}`,
    );
    out.push(`  variable      ${at(d)}: ${parts.join(", ")}`);
    // A heredoc description has several lines, each under the first; its last newline, none.
    for (const line of d.description?.trimEnd().split("\n") ?? []) {
      out.push(`                ${line}`.trimEnd());
    }
  } else out.push(`  variable      not declared in module_dir`);
  if (!x.shared) out.push(`  shared file   none`);
  else if (x.shared.value === undefined) out.push(`  shared file   ${x.shared.file}: not set`);
  else {
    const written = x.shared.written ? ` (as written: ${x.shared.written})` : "";
    out.push(`  shared file   ${at(x.shared)}: ${show(x.shared.value)}${written}`);
  }
  out.push("");
  if (x.paths) {
    const paths = x.paths.map((
      p,
    ) => [formatPath(x.variable, p.keys), CLASS_TEXT[p.class] + group(p.group)]);
    out.push(
      ...table([["PATH", "CLASS"], ...paths]).map((l, i) => i ? l : paint(color, "dim", l)),
      "",
    );
  }
  const rows = [["ENVIRONMENT", "VALUE", "WINS", "FROM"]];
  for (const e of x.environments) {
    const note = [
      ...(e.differsFromShared ? ["differs from the shared file"] : []),
      ...(e.written ? [`as written: ${e.written}`] : []),
    ].join("; ");
    rows.push([e.name, show(e.value.value), LAYER_TEXT[e.value.layer], at(e.value), note]);
  }
  table(rows).forEach((line, i) => {
    const differs = i > 0 && x.environments[i - 1].differsFromShared;
    out.push(differs ? paint(color, "yellow", line) : i === 0 ? paint(color, "dim", line) : line);
    for (const l of (i > 0 && x.environments[i - 1].layers) || []) {
      const value = l.value === undefined ? "not set" : show(l.value);
      out.push(`      ${l.own ? "layer" : "shared layer"} ${at(l)}: ${value}`);
    }
  });
  return out.join("\n") + "\n";
}

/** Rows of cells, aligned in columns and indented by two spaces. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) =>
    "  " + r.map((c, j) => (j < r.length - 1 ? c.padEnd(widths[j]) : c)).join("  ").trimEnd()
  );
}
