// The matrix for people: aligned text (differing cells yellow on a terminal) and Markdown.
import type { Cell, Matrix, MatrixRow } from "../lib/report/matrix.ts";
import { clip, SENSITIVE, showValue } from "../lib/report/present.ts";
import { paint } from "./paint.ts";
import { formatPath } from "../lib/hcl/path.ts";
import { cell } from "./markdown_text.ts";

/** A row's variable, or its path inside the variable's value. */
export function rowName(r: MatrixRow): string {
  return formatPath(r.variable, r.keys ?? []);
}

/** A cell's text: the value, "(value)" when it is the default, "-" for none. */
export function cellText(row: MatrixRow, c: Cell, max = 28): string {
  if (c.layer === "none") return "-";
  const v = row.sensitive ? SENSITIVE : showValue(c.value!, max);
  return c.layer === "default" ? clip(`(${v})`, max + 2) : v;
}

export function legend(m: Matrix): string {
  const ref = m.sharedFile
    ? `differs from the shared file (${m.sharedFile})`
    : "differs from the value most environments have (there is no shared file)";
  return `* ${ref}; (value): not set, the variables.tf default; -: no value`;
}

/** Aligned text; differing cells marked "*" (and yellow on a terminal). */
export function renderMatrixText(m: Matrix, color = false): string {
  const head = ["GROUP", "VARIABLE", ...(m.sharedFile ? ["SHARED"] : []), ...m.environments];
  const rows = m.rows.map((r) => [
    r.group,
    rowName(r),
    ...(r.shared ? [cellText(r, r.shared)] : []),
    ...r.cells.map((c) => cellText(r, c) + (c.differs ? "*" : "")),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)));
  const pad = (t: string, i: number) => t.padEnd(widths[i]);
  const first = m.sharedFile ? 3 : 2;
  const line = (r: string[], ri: number) =>
    r.map((t, i) => {
      const c = ri >= 0 && i >= first ? m.rows[ri].cells[i - first] : undefined;
      return c?.differs ? paint(color, "yellow", pad(t, i)) : pad(t, i);
    }).join("  ").trimEnd();
  const dim = (t: string) => paint(color, "dim", t);
  return [dim(line(head, -1)), ...rows.map(line), "", dim(legend(m)), ""].join("\n");
}

/** Where each value of a row that differs comes from (for environments with several var files). */
export function matrixOrigins(m: Matrix): string {
  const at = (c: Cell) => (c.layer === "none" ? "(not set)" : `${c.file}:${c.line}`);
  const rows = m.rows.filter((r) => r.cells.some((c) => c.differs)).map((r) =>
    `${rowName(r)}: ${r.cells.map((c, i) => `${m.environments[i]} ${at(c)}`).join(", ")}`
  );
  return rows.length ? ["", "=== FROM FILES ===", ...rows, ""].join("\n") : "";
}

/** A Markdown table; differing cells in bold with "*". */
export function renderMatrixMarkdown(m: Matrix): string {
  const head = ["Group", "Variable", ...(m.sharedFile ? ["Shared"] : []), ...m.environments];
  const out = [`| ${head.map(cell).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of m.rows) {
    const cells = [
      cell(r.group),
      "`" + rowName(r) + "`",
      ...(r.shared ? [cell(cellText(r, r.shared))] : []),
      ...r.cells.map((c) => (c.differs ? `**${cell(cellText(r, c))}** \\*` : cell(cellText(r, c)))),
    ];
    out.push(`| ${cells.join(" | ")} |`);
  }
  return [...out, "", cell(legend(m)).replace(/^\*/, "\\*"), ""].join("\n");
}
