// tfsync check's findings as text for people, JSON for scripts, GitHub workflow annotations and
// a Markdown table for a pull-request comment.
import type { CheckResult, CheckValue, Finding } from "../lib/report/check.ts";
import type { Text } from "../lib/words.ts";
import { FORMAT_VERSION, jsonValue } from "../lib/report/present.ts";
import { paint } from "./paint.ts";
import { type Spelling, TFSYNC_WORDS, words, wordsAs } from "./words.ts";
import { placeText } from "./error.ts";
import { cell, code } from "./markdown_text.ts";

export const FORMATS = ["text", "json", "github", "markdown"] as const;
export type Format = typeof FORMATS[number];

export function counts(result: CheckResult): { errors: number; warnings: number } {
  const errors = result.findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: result.findings.length - errors };
}

/** The findings in `format`; their commands and options spelled by `spelling` (JSON: tfsync's). */
export function render(
  result: CheckResult,
  format: Format,
  color = false,
  spelling: Spelling = TFSYNC_WORDS,
): string {
  switch (format) {
    case "json":
      return renderJson(result);
    case "github":
      return renderGithub(result, spelling);
    case "markdown":
      return renderMarkdown(result, spelling);
    default:
      return renderText(result, color, spelling);
  }
}

function _plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function _scope(result: CheckResult): string {
  return `${_plural(result.environments.length, "environment")}, ${
    _plural(result.syncable, "syncable variable")
  }`;
}

function _tally(result: CheckResult): string {
  const { errors, warnings } = counts(result);
  if (errors + warnings === 0) return "no findings";
  return [errors && _plural(errors, "error"), warnings && _plural(warnings, "warning")]
    .filter(Boolean).join(", ");
}

function _where(f: Finding): string {
  return f.file === undefined ? "" : placeText({ ...f, file: f.file });
}

/** The message and what fixes it, in one sentence. */
export function withFix(f: Finding, spelling: Spelling): string {
  const w = (t: Text) => words(t, spelling);
  return f.fix ? `${w(f.message)}: ${w(f.fix)}` : w(f.message);
}

/**
 * `file:line: error: message: fix [check]`, one a line; a fix that several findings share is
 * said once, after them (`25 findings [unclassified]: classify it in tfsync.hcl`); then a
 * summary line.
 */
function renderText(result: CheckResult, color: boolean, spelling: Spelling): string {
  const w = (t: Text) => words(t, spelling);
  const shared = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.fix) shared.set(w(f.fix), [...(shared.get(w(f.fix)) ?? []), f]);
  }
  const folded = [...shared].filter(([, fs]) => fs.length > 1);
  const lines = result.findings.map((f) => {
    const where = _where(f);
    const sev = paint(color, f.severity === "error" ? "red" : "yellow", f.severity);
    const text = f.fix && shared.get(w(f.fix))!.length > 1 ? w(f.message) : withFix(f, spelling);
    return `${where ? paint(color, "bold", where) + ": " : ""}${sev}: ${text} ${
      paint(color, "dim", `[${f.check}]`)
    }`;
  });
  for (const [fix, fs] of folded) {
    const checks = [...new Set(fs.map((f) => f.check))].join(", ");
    lines.push(`${fs.length} findings [${checks}]: ${fix}`);
  }
  const { errors } = counts(result);
  const tally = _tally(result);
  const summary = `${_scope(result)}: ${
    paint(color, errors ? "red" : result.findings.length ? "yellow" : "green", tally)
  }`;
  return [...lines, ...(lines.length ? [""] : []), summary, ""].join("\n");
}

function _located(l: CheckValue): Record<string, unknown> {
  const out: Record<string, unknown> = { layer: l.layer };
  if (l.sensitive) out.sensitive = true;
  else if (l.value !== undefined) out.value = jsonValue(l.value);
  if (l.file !== undefined) out.file = l.file;
  if (l.line !== undefined) out.line = l.line;
  return out;
}

/** `{ok, errors, warnings, environments, findings: [...]}`; values as exact JSON. */
function renderJson(result: CheckResult): string {
  const { errors, warnings } = counts(result);
  const findings = result.findings.map((f) => ({
    ...f,
    message: words(f.message, TFSYNC_WORDS),
    ...(f.fix !== undefined && { fix: words(f.fix, TFSYNC_WORDS) }),
    ...(f.values && {
      values: Object.fromEntries(Object.entries(f.values).map(([k, l]) => [k, _located(l)])),
    }),
  }));
  const report = {
    format_version: FORMAT_VERSION,
    ok: errors === 0,
    errors,
    warnings,
    environments: result.environments,
    syncable: result.syncable,
    findings,
  };
  return JSON.stringify(report, null, 2) + "\n";
}

function _escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function _escapeProperty(s: string): string {
  return _escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error file=…,line=…,title=…::message` workflow commands, one a finding. */
export function renderGithub(result: CheckResult, spelling: Spelling = TFSYNC_WORDS): string {
  const lines = result.findings.map((f) => {
    const props: string[] = [];
    if (f.file !== undefined) props.push(`file=${_escapeProperty(f.file)}`);
    if (f.line !== undefined) props.push(`line=${f.line}`);
    if (f.column !== undefined) props.push(`col=${f.column}`);
    props.push(`title=${_escapeProperty(`tfsync check: ${f.check}`)}`);
    return `::${f.severity} ${props.join(",")}::${_escapeData(withFix(f, spelling))}`;
  });
  return [...lines, `tfsync check: ${_scope(result)}: ${_tally(result)}`, ""].join("\n");
}

/**
 * A pull-request comment: a heading with the tally, then the findings grouped by environment
 * (those of no one environment first: the config, the shared file, the module, unclassified);
 * each group's errors in a table, its warnings folded under `<details>`. Each finding has its
 * fix; one several findings of a table share is said once, under it.
 */
export function renderMarkdown(result: CheckResult, spelling: Spelling = TFSYNC_WORDS): string {
  const { errors } = counts(result);
  const icon = errors ? "❌" : result.findings.length ? "⚠️" : "✅";
  const out = [`### ${icon} tfsync check: ${_tally(result)}`, "", `${_scope(result)}.`, ""];
  const groups = new Map<string, Finding[]>([["", []]]);
  for (const env of result.environments) groups.set(env, []);
  for (const f of result.findings) {
    const key = f.environment ?? "";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [env, findings] of groups) {
    if (findings.length === 0) continue;
    const mine = { environments: [], syncable: 0, findings };
    out.push(`#### ${env === "" ? "Repository" : env}: ${_tally(mine)}`, "");
    const errorRows = findings.filter((f) => f.severity === "error");
    const warningRows = findings.filter((f) => f.severity === "warning");
    if (errorRows.length) out.push(..._table(errorRows, spelling));
    if (warningRows.length) {
      out.push(
        `<details><summary>${_plural(warningRows.length, "warning")}</summary>`,
        "",
        ..._table(warningRows, spelling),
        "</details>",
        "",
      );
    }
  }
  return out.join("\n");
}

/** One table of findings, then the fixes several of them share. */
function _table(findings: Finding[], spelling: Spelling): string[] {
  const w = (t: Text) => words(t, spelling);
  const md = (t: Text) => markdownWords(t, spelling, cell);
  const shared = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.fix) shared.set(w(f.fix), [...(shared.get(w(f.fix)) ?? []), f]);
  }
  const folded = [...shared].filter(([, fs]) => fs.length > 1);
  const out = ["| Check | Location | Finding | Fix |", "|---|---|---|---|"];
  for (const f of findings) {
    const where = _where(f);
    const fix = !f.fix ? "" : shared.get(w(f.fix))!.length > 1 ? "(below)" : md(f.fix);
    out.push(
      `| ${f.check} | ${where ? code(where) : ""} | ${md(f.message)} | ${fix} |`,
    );
  }
  out.push("");
  for (const [, fs] of folded) {
    const checks = [...new Set(fs.map((f) => f.check))].join(", ");
    out.push(
      `**Fix** for the ${fs.length} ${checks} findings above: ${md(fs[0].fix!)}`,
      "",
    );
  }
  return out;
}

/**
 * A sentence in Markdown: its text through `literal` (a table cell's escaping), each command
 * it names as inline code (`tfsync apply --to prod`, or make's).
 */
export function markdownWords(
  text: Text,
  spelling: Spelling,
  literal: (s: string) => string = (s) => s,
): string {
  return wordsAs(text, spelling, { literal, quote: code });
}

/** A finding and what fixes it, in Markdown (see markdownWords). */
export function markdownFix(f: Finding, spelling: Spelling): string {
  const md = (t: Text) => markdownWords(t, spelling);
  return f.fix ? `${md(f.message)}: ${md(f.fix)}` : md(f.message);
}
