// tfsync diff as text: a row a variable or path; an object or list that differs shows the keys
// or elements that differ, one a line; long values are cut where they differ. And as JSON.
import { formatPath, pathJson } from "../lib/hcl/path.ts";
import { toHcl, type Value } from "../lib/hcl/value.ts";
import type { PathComparison, PathRow } from "../lib/report/diff_paths.ts";
import { clipPair, differences, subPath } from "../lib/report/value_diff.ts";
import { FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE } from "../lib/report/present.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import { declaredType, typeAt } from "../lib/terraform/types_equal.ts";

export interface DiffPaint {
  bold(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const label = (r: PathRow) => formatPath(r.name, r.keys ?? []);

export function comparisonText(
  cmp: PathComparison,
  from: string,
  to: string,
  module: ModuleVars,
  paint: DiffPaint,
): string {
  const out = [paint.green(`Comparing ${from} → ${to}`), ""];
  const width = Math.max(from.length, to.length) + 1;
  const secret = (r: PathRow) => isSensitive(module, r.name);
  const text = (r: PathRow, v: Value | undefined, dflt = false) =>
    v === undefined ? "(not set)" : secret(r) ? SENSITIVE : toHcl(v) + (dflt ? " (default)" : "");
  const sides = (r: PathRow): [string, string] => {
    const [a, b] = [r.source, r.target].map((e) => text(r, e?.value, e?.layer === "default"));
    return clipPair(a, b);
  };
  /** An object or list on both sides: its differing keys or elements, one a line. */
  const inner = (r: PathRow) => {
    const [a, b] = [r.source?.value, r.target?.value];
    const nested = (v: Value | undefined) => v instanceof Map || Array.isArray(v);
    if (secret(r) || !nested(a) || !nested(b) || Array.isArray(a) !== Array.isArray(b)) {
      return undefined;
    }
    const type = typeAt(declaredType(module, r.name), r.keys ?? []);
    return differences(a!, b!, type).map((d) => {
      const at = `  ${d.keys.length ? label(r) + subPath(d.keys) + ": " : ""}`;
      if (d.element) {
        return `${at}${d.from !== undefined ? "- " + text(r, d.from) : "+ " + text(r, d.to)}`;
      }
      const [x, y] = clipPair(text(r, d.from), text(r, d.to));
      return `${at}${x} → ${y}`;
    });
  };
  // Key by key, no side shows its whole value: which one is the variables.tf default is said here.
  const defaults = (r: PathRow) => {
    const envs = [[from, r.source], [to, r.target]] as const;
    const names = envs.flatMap(([env, e]) => e?.layer === "default" ? [env] : []);
    return names.length ? ` (the default in ${names.join(" and ")})` : "";
  };
  const section = (title: string, rows: PathRow[], line: (r: PathRow) => string[]) => {
    out.push(paint.bold(`=== ${title} ===`));
    if (rows.length === 0) out.push("(no differences)");
    for (const r of rows) out.push(...line(r));
    out.push("");
  };
  section("SYNCABLE FEATURES", cmp.syncable, (r) => {
    const [a, b] = sides(r);
    const lines = inner(r);
    return lines ? [paint.yellow(label(r)) + defaults(r), ...lines] : [
      paint.yellow(label(r)),
      `  ${(from + ":").padEnd(width)} ${a}`,
      `  ${(to + ":").padEnd(width)} ${b}`,
    ];
  });
  const arrow = (r: PathRow) => {
    const lines = inner(r);
    if (lines) return [`${label(r)}:${defaults(r)}`, ...lines];
    const [a, b] = sides(r);
    return [`${label(r)}: ${a} → ${b}`];
  };
  section("ENVIRONMENT-SPECIFIC (not synced)", cmp.environmentSpecific, arrow);
  section("UNCLASSIFIED", cmp.unclassified, arrow);
  return out.join("\n");
}

/** Where each differing syncable value comes from, for environments with several var files. */
export function origins(cmp: PathComparison, from: string, to: string): string {
  const at = (e: PathRow["source"]) => (e ? `${e.file}:${e.line}` : "(not set)");
  const rows = cmp.syncable.map((r) => `${r.name}: ${from} ${at(r.source)}, ${to} ${at(r.target)}`);
  return rows.length ? ["=== FROM FILES ===", ...rows, ""].join("\n") + "\n" : "";
}

/** The JSON shape: only differing variables; a side omitted where it has no value. */
export function comparisonJson(
  cmp: PathComparison,
  from: string,
  to: string,
  module: ModuleVars,
  files = false,
): string {
  const rows = (list: PathRow[]) =>
    list.map((r) => {
      const value = (e: PathRow["source"]) =>
        isSensitive(module, r.name) ? SENSITIVE : jsonValue(e!.value);
      return {
        name: r.name,
        ...(r.keys && { path: pathJson({ name: r.name, keys: r.keys }) }),
        ...(r.source && { source: value(r.source) }),
        ...(r.target && { target: value(r.target) }),
        ...(files && r.source && { source_file: `${r.source.file}:${r.source.line}` }),
        ...(files && r.target && { target_file: `${r.target.file}:${r.target.line}` }),
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
