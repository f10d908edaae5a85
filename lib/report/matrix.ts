// tfsync matrix: environments × syncable variables, one table, each cell marked when it differs
// from the shared file's value (with no shared file: from the value most environments have).
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import { effectiveValue } from "../terraform/layers.ts";
import { clip, FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE, showValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import { type Value, valuesEqual } from "../hcl/value.ts";

export interface Cell {
  layer: "environment" | "shared" | "default" | "none";
  value?: Value;
  file?: string;
  line?: number;
  /** Differs from the row's reference (the shared file's value, or the most common one). */
  differs: boolean;
}

export interface MatrixRow {
  variable: string;
  group: string;
  sensitive: boolean;
  /** The shared layer (its value, else the default it leaves); undefined without a shared file. */
  shared?: Cell;
  cells: Cell[];
}

export interface Matrix {
  environments: string[];
  /** The shared file as named to people; undefined when there is none. */
  sharedFile?: string;
  rows: MatrixRow[];
}

/** Builds the matrix for every group, or the named ones (an unknown name is a ConfigError). */
export function buildMatrix(s: Snapshot, groups?: readonly string[]): Matrix {
  const known = s.config.groups.map((g) => g.name);
  for (const g of groups ?? []) {
    if (!known.includes(g)) {
      throw new ConfigError(
        `Unknown group "${g}"${didYouMean(g, known)}: the groups are ${known.join(", ")}`,
      );
    }
  }
  const chosen = s.config.groups.filter((g) => !groups || groups.includes(g.name));
  const rows: MatrixRow[] = [];
  for (const g of chosen) {
    for (const name of g.variables) {
      const cells = s.environments.map((e) => _cell(effectiveValue(name, layerDocs(e), s.module)));
      let reference: Cell | undefined;
      let shared: Cell | undefined;
      if (s.shared) {
        const e = effectiveValue(name, s.shared, s.module);
        shared = _cell(e.source === "environment" ? { ...e, source: "shared" } : e);
        reference = shared;
      } else reference = _mostCommon(cells);
      for (const c of cells) c.differs = reference !== undefined && !_same(c, reference);
      rows.push({
        variable: name,
        group: g.name,
        sensitive: isSensitive(s.module, name),
        shared,
        cells,
      });
    }
  }
  return {
    environments: s.environments.map((e) => e.name),
    ...(s.shared && { sharedFile: s.shared.file }),
    rows,
  };
}

function _cell(e: { source: Cell["layer"]; value?: Value; file?: string; line?: number }): Cell {
  if (e.source === "none") return { layer: "none", differs: false };
  return { layer: e.source, value: e.value, file: e.file, line: e.line, differs: false };
}

function _same(a: Cell, b: Cell): boolean {
  if (a.layer === "none" || b.layer === "none") return a.layer === b.layer;
  return valuesEqual(a.value!, b.value!);
}

function _mostCommon(cells: Cell[]): Cell | undefined {
  let best: Cell | undefined;
  let bestCount = 0;
  for (const c of cells) {
    const n = cells.filter((d) => _same(c, d)).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
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
    r.variable,
    ...(r.shared ? [cellText(r, r.shared)] : []),
    ...r.cells.map((c) => cellText(r, c) + (c.differs ? "*" : "")),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)));
  const pad = (t: string, i: number) => t.padEnd(widths[i]);
  const first = m.sharedFile ? 3 : 2;
  const line = (r: string[], ri: number) =>
    r.map((t, i) => {
      const c = ri >= 0 && i >= first ? m.rows[ri].cells[i - first] : undefined;
      return color && c?.differs ? `\x1b[33m${pad(t, i)}\x1b[0m` : pad(t, i);
    }).join("  ").trimEnd();
  const dim = (t: string) => (color ? `\x1b[2m${t}\x1b[0m` : t);
  return [dim(line(head, -1)), ...rows.map(line), "", dim(legend(m)), ""].join("\n");
}

/** A Markdown table; differing cells in bold with "*". */
export function renderMatrixMarkdown(m: Matrix): string {
  const esc = (t: string) =>
    t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
  const head = ["Group", "Variable", ...(m.sharedFile ? ["Shared"] : []), ...m.environments];
  const out = [`| ${head.map(esc).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of m.rows) {
    const cells = [
      esc(r.group),
      "`" + r.variable + "`",
      ...(r.shared ? [esc(cellText(r, r.shared))] : []),
      ...r.cells.map((c) => (c.differs ? `**${esc(cellText(r, c))}** \\*` : esc(cellText(r, c)))),
    ];
    out.push(`| ${cells.join(" | ")} |`);
  }
  return [...out, "", esc(legend(m)).replace(/^\*/, "\\*"), ""].join("\n");
}

/** The matrix as JSON: values exact, sensitive ones left out. */
export function matrixJson(m: Matrix): string {
  const cell = (r: MatrixRow, c: Cell) => ({
    layer: c.layer,
    ...(c.value !== undefined &&
      (r.sensitive ? { sensitive: true } : { value: jsonValue(c.value) })),
    ...(c.file !== undefined && { file: c.file }),
    ...(c.line !== undefined && { line: c.line }),
  });
  return JSON.stringify(
    {
      format_version: FORMAT_VERSION,
      environments: m.environments,
      shared_file: m.sharedFile ?? null,
      rows: m.rows.map((r) => ({
        variable: r.variable,
        group: r.group,
        shared: r.shared ? cell(r, r.shared) : null,
        cells: Object.fromEntries(
          r.cells.map((c, i) => [m.environments[i], { ...cell(r, c), differs: c.differs }]),
        ),
      })),
    },
    null,
    2,
  ) + "\n";
}
