// Markdown for pull requests: what a promote, backport, sync, apply or extract changed (a PR's
// body: per file, each variable's old → new value, then conflicts, the pending promotions it
// leaves, what was left alone and what is unclassified), and a diff's differences.
import { formatPath } from "../lib/hcl/path.ts";
import type { PathRow } from "../lib/report/diff_paths.ts";
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import type { WriteResult } from "../lib/write/transaction.ts";
import { isSensitive, SENSITIVE } from "../lib/report/present.ts";
import { toHcl, type Value } from "../lib/hcl/value.ts";
import type { Comparison, Row } from "../lib/terraform/layers.ts";
import type { Finding } from "../lib/report/check_types.ts";
import { markdownFix } from "./check_format.ts";
import { code } from "./markdown_text.ts";
import { notInSource } from "./plan_text.ts";
import type { Spelling } from "./words.ts";

export function planMarkdown(
  plan: SyncPlan,
  module: ModuleVars,
  o: {
    dryRun: boolean;
    results?: WriteResult[];
    /** --fail-on-conflict found conflicts: nothing was written. */
    refused?: boolean;
    /** What `tfsync check` lists as pending once the files hold their new text. */
    pending?: Finding[];
    /** How the pending promotions' commands are spelled (make's words through make). */
    spelling: Spelling;
  },
): string {
  const v = (name: string, value: Value | undefined) =>
    value === undefined ? "(not set)" : code(isSensitive(module, name) ? SENSITIVE : toHcl(value));
  const route = plan.target === undefined
    ? `from ${code(plan.source)}`
    : `${code(plan.source)} → ${code(plan.target)}`;
  const out = [`## tfsync ${plan.command}: ${route}`, ""];
  if (o.dryRun) out.push("_Dry run: nothing written._", "");
  if (o.refused) out.push("_Nothing written: conflicts (--fail-on-conflict)._", "");
  for (const f of plan.files) {
    if (f.changes.length === 0) {
      out.push(`**${code(f.file)}**: up to date`, "");
      continue;
    }
    out.push(`**${code(f.file)}**${f.exists ? "" : " (new file)"}`, "");
    out.push("| variable | old | new |", "| --- | --- | --- |");
    for (const c of f.changes) {
      const old = v(c.name, c.from) + (c.fromDefault ? " (default)" : "");
      const now = c.action === "remove" ? "(removed)" : v(c.name, c.to);
      out.push(`| ${code(formatPath(c.name, c.keys ?? []))} | ${old} | ${now} |`);
    }
    out.push("");
  }
  if (plan.conflicts.length > 0) {
    out.push(
      `**Conflicts** (${plan.conflicts.length}): edited by hand since the last sync`,
      "",
      "| variable | target had | last sync had | now |",
      "| --- | --- | --- | --- |",
    );
    for (const c of plan.conflicts) {
      out.push(
        `| ${code(formatPath(c.name, c.keys ?? []))} | ${v(c.name, c.target.value)} | ${
          v(c.name, c.record.value)
        } | ${v(c.name, c.incoming)} |`,
      );
    }
    out.push("");
  }
  if (o.pending?.length) {
    out.push(`**Pending promotions** (${o.pending.length}): where the features go next`, "");
    for (const f of o.pending) out.push(`- ${markdownFix(f, o.spelling)}`);
    out.push("");
  }
  const notes: string[] = [];
  for (const t of plan.targetOnly) {
    notes.push(
      `- ${code(formatPath(t.name, t.keys ?? []))} is set in ${
        code(plan.target ?? "")
      } but not in ${code(plan.source)}: ${
        plan.prune ? "removed (--prune)" : "left alone (--prune removes it)"
      }`,
    );
  }
  const [defaulted, undeclared] = notInSource(plan, module);
  if (defaulted.length > 0) {
    notes.push(
      `- Not set in ${code(plan.source)} (the variables.tf default): ${
        defaulted.map(code).join(", ")
      }`,
    );
  }
  if (undeclared.length > 0) {
    notes.push(
      `- Not set in ${code(plan.source)} and declared in no variable block: ${
        undeclared.map(code).join(", ")
      }`,
    );
  }
  for (const u of plan.unclassified) {
    notes.push(
      `- Unclassified, never synced: ${code(u.name)} (set in ${
        u.files.map(code).join(", ")
      }): classify it in ${code("tfsync.hcl")}`,
    );
  }
  if (notes.length > 0) out.push(...notes, "");
  return out.join("\n");
}

/** A pull-request comment: one table per section that has differences. */
export function comparisonMarkdown(
  cmp: Comparison,
  from: string,
  to: string,
  module: ModuleVars,
): string {
  const side = (name: string, e: Row["source"]) =>
    !e ? "(not set)" : (isSensitive(module, name) ? SENSITIVE : toHcl(e.value)) +
      (e.layer === "default" ? " (default)" : "");
  const out = [`### ${from} → ${to}`, ""];
  const sections: [string, Row[]][] = [
    ["Syncable features", cmp.syncable],
    ["Environment-specific (not synced)", cmp.environmentSpecific],
    ["Unclassified", cmp.unclassified],
  ];
  for (const [title, rows] of sections) {
    out.push(`**${title}**: ${rows.length === 0 ? "no differences" : rows.length}`, "");
    if (rows.length === 0) continue;
    out.push(`| variable | ${from} | ${to} |`, "| --- | --- | --- |");
    for (const r of rows) {
      out.push(
        `| ${code(formatPath(r.name, (r as PathRow).keys ?? []))} | ${
          code(side(r.name, r.source))
        } | ${code(side(r.name, r.target))} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
