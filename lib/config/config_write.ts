// Renders settings as tfsync.hcl text, laid out as terraform fmt would (aligned `=`, two-space
// indent), lists packed to 100 columns. parseConfigText(renderConfig(s)) gives s back.
import type { ConfigSettings } from "./config.ts";
import { hclString } from "../hcl/value.ts";

const WIDTH = 100;

export interface RenderOptions {
  /** Comment lines for the top of the file, without "# ". */
  header?: readonly string[];
}

const DEFAULT_HEADER: readonly string[] = [
  "tfsync configuration.",
  "Syncable variables are the union of the groups; environment_specific variables are never",
  "synced; a variable in neither list is unclassified: never synced, always reported.",
];

/** tfsync.hcl text for the settings. */
export function renderConfig(settings: ConfigSettings, options: RenderOptions = {}): string {
  const out: string[] = (options.header ?? DEFAULT_HEADER).map((l) => `# ${l}`.trimEnd());
  if (out.length) out.push("");
  const files = settings.environmentFiles;
  const layout: Array<[string, string]> = files
    ? [["environment_files", _list(files, "", "environment_files = ").join("\n")]]
    : [
      ["environments_dir", quote(settings.environmentsDir)],
      ["tfvars_file", quote(settings.tfvarsFile)],
    ];
  out.push(
    ..._aligned([
      ...layout,
      ["shared_file", quote(settings.sharedFile)],
      ["module_dir", quote(settings.moduleDir)],
    ], ""),
  );
  for (const g of settings.groups) {
    out.push("", `group ${quote(g.name)} {`);
    const list = _list(g.variables, "  ", "variables   = ");
    if (list.length === 1) {
      out.push(..._aligned([["description", quote(g.description)], ["variables", list[0]]], "  "));
    } else {
      out.push(`  description = ${quote(g.description)}`, `  variables = ${list.join("\n")}`);
    }
    out.push("}");
  }
  out.push("", `environment_specific = ${_list(settings.environmentSpecific, "", "").join("\n")}`);
  return out.join("\n") + "\n";
}

/**
 * A quoted HCL string. `${` and `%{` are written as they are: tfsync reads string values with
 * template sequences kept as written (as hcl2json does), so this reads back as `s`.
 */
export function quote(s: string): string {
  return hclString(s);
}

function _aligned(rows: Array<[string, string]>, indent: string): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`);
}

/**
 * A list of names: one line when `indent + lead + [..]` fits the width, else one bracket per
 * line with names packed between them. Returns the lines (the first without indentation).
 */
function _list(names: readonly string[], indent: string, lead: string): string[] {
  const items = names.map(quote);
  const one = `[${items.join(", ")}]`;
  if (indent.length + lead.length + one.length <= WIDTH) return [one];
  const inner = indent + "  ";
  const lines = ["["];
  let line = "";
  for (const item of items) {
    const next = line ? `${line} ${item},` : `${inner}${item},`;
    if (line && next.length > WIDTH) {
      lines.push(line);
      line = `${inner}${item},`;
    } else line = next;
  }
  if (line) lines.push(line);
  lines.push(`${indent}]`);
  return lines;
}
