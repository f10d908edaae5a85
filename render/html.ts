// The matrix as one self-contained HTML page (inline style, no script, no external asset), to
// open from a CI artifact.
import type { Cell, Matrix, MatrixRow } from "../lib/report/matrix.ts";
import { cellText, legend, rowName } from "./matrix.ts";
import { SENSITIVE } from "../lib/report/present.ts";
import { toHcl } from "../lib/hcl/value.ts";

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
  :root { color-scheme: light dark; --diff: #fff3bf; --diff-ink: #5c3c00; --line: #d0d7de; }
  @media (prefers-color-scheme: dark) { :root { --diff: #4d3800; --diff-ink: #ffe8a3; --line: #3d444d; } }
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  p { margin: .25rem 0 1rem; opacity: .8; }
  .wrap { overflow-x: auto; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
  thead th { position: sticky; top: 0; background: Canvas; z-index: 1; }
  /* The variable column stays in view when the table scrolls sideways. */
  tbody th[scope="row"], thead th:first-child { position: sticky; left: 0; background: Canvas; }
  thead th:first-child { z-index: 2; }
  tr.summary td { font-weight: 600; }
  tr.summary td.findings { color: var(--diff-ink); background: var(--diff); }
  td.v { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre; }
  td.default { opacity: .7; font-style: italic; }
  td.none { opacity: .5; }
  td.differs { background: var(--diff); color: var(--diff-ink); font-weight: 600; }
  td.differs::after { content: " *"; }
  tr.group th { background: color-mix(in srgb, Canvas 90%, CanvasText); font-weight: 600; }
`;

export interface HtmlOptions {
  title?: string;
  /** Where and when the page was made: named in its header. */
  repository?: string;
  commit?: string;
  /** An ISO 8601 time. */
  time?: string;
  /** Per environment, the pending promotions and drift `tfsync check` finds: a summary row. */
  summary?: Record<string, { pending: number; drift: number }>;
}

/** The page. Cells carry the full value and its file:line as a tooltip. */
export function renderMatrixHtml(m: Matrix, options: HtmlOptions = {}): string {
  const title = options.title ?? "tfsync matrix";
  const cols = m.environments.length + (m.sharedFile ? 2 : 1);
  const head = ["Variable", ...(m.sharedFile ? ["Shared file"] : []), ...m.environments];
  const body: string[] = [];
  let group: string | undefined;
  for (const r of m.rows) {
    if (r.group !== group) {
      group = r.group;
      body.push(`<tr class="group"><th colspan="${cols}">${escapeHtml(group)}</th></tr>`);
    }
    const cells = [
      `<th scope="row"><code>${escapeHtml(rowName(r))}</code></th>`,
      ...(r.shared ? [_td(r, r.shared, false)] : []),
      ...r.cells.map((c) => _td(r, c, true)),
    ];
    body.push(`<tr>${cells.join("")}</tr>`);
  }
  const summary = options.summary;
  if (summary) {
    const cell = (env: string) => {
      const { pending = 0, drift = 0 } = summary[env] ?? {};
      const text = pending + drift === 0 ? "in line" : [
        pending && `${pending} pending`,
        drift && `${drift} drift`,
      ].filter(Boolean).join(", ");
      return `<td class="${pending + drift ? "findings" : ""}">${
        escapeHtml(`${env}: ${text}`)
      }</td>`;
    };
    body.unshift(
      `<tr class="summary"><th scope="row">Summary</th>${m.sharedFile ? "<td></td>" : ""}${
        m.environments.map(cell).join("")
      }</tr>`,
    );
  }
  const made = [
    options.repository && `Repository ${options.repository}`,
    options.commit && `commit ${options.commit.slice(0, 12)}`,
    options.time && `made ${options.time}`,
  ].filter(Boolean).join(", ");
  const differing = m.rows.reduce((n, r) => n + r.cells.filter((c) => c.differs).length, 0);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${
    made
      ? `<p class="made">${escapeHtml(made)}</p>\n`
      : ""
  }<p>${m.environments.length} environments × ${m.rows.length} syncable values; ${differing} cell${
    differing === 1 ? "" : "s"
  } marked. ${escapeHtml(legend(m))}</p>
<div class="wrap">
<table>
<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table>
</div>
</body>
</html>
`;
}

function _td(r: MatrixRow, c: Cell, mark: boolean): string {
  const classes = ["v", c.layer === "default" ? "default" : c.layer === "none" ? "none" : ""];
  if (mark && c.differs) classes.push("differs");
  const full = c.layer === "none" ? "no value" : r.sensitive ? SENSITIVE : toHcl(c.value!);
  const where = c.file === undefined
    ? ""
    : ` (${c.file}${c.line === undefined ? "" : `:${c.line}`})`;
  const tip = `${full}${c.layer === "default" ? " — the variables.tf default" : ""}${where}`;
  return `<td class="${classes.filter(Boolean).join(" ")}" title="${escapeHtml(tip)}">${
    escapeHtml(cellText(r, c, 40))
  }</td>`;
}
