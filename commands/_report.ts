// Printing what the sync commands did or would do: unified diffs (coloured on a terminal), the
// semantic summary a person reads, and the JSON a script reads.
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { Change, FilePlan } from "../lib/sync/sync_plan.ts";
import type { WriteResult } from "../lib/write/transaction.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import type { Effective } from "../lib/terraform/layers.ts";
import { FORMAT_VERSION, isSensitive, jsonValue, SENSITIVE } from "../lib/report/present.ts";
import { toHcl, type Value } from "../lib/hcl/value.ts";
import { formatPath, pathJson } from "../lib/hcl/path.ts";
import { type Paint, painter } from "../render/paint.ts";
import { staleComments } from "../lib/sync/stale_comments.ts";
export { type Paint, painter };

/** A variable, or a path inside its value (`forms_admin_settings.enable_opentelemetry`). */
const label = (c: { name: string; keys?: string[] }) => formatPath(c.name, c.keys ?? []);
/** --json: the path as a list of steps and as a string, for a change inside a value. */
const jsonPath = (c: { name: string; keys?: string[] }) =>
  c.keys ? { path: pathJson({ name: c.name, keys: c.keys }) } : {};

/** A value as people read it: one line of HCL, without comments; a sensitive one hidden. */
export function show(module: ModuleVars, name: string, value: Value): string {
  return isSensitive(module, name) ? SENSITIVE : toHcl(value);
}

/** The unified diff of a file's two texts (`--- /dev/null` for a new file), lines without "\r". */
export async function unifiedDiff(plan: FilePlan, paint: Paint): Promise<string> {
  const { structuredPatch } = await import("diff");
  const patch = structuredPatch(plan.file, plan.file, plan.before, plan.after, "", "", {
    context: 3,
  });
  const out = [
    paint.bold(`--- ${plan.exists ? "a/" + plan.file : "/dev/null"}`),
    paint.bold(`+++ b/${plan.file}`),
  ];
  for (const h of patch.hunks) {
    out.push(paint.cyan(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const line of h.lines) {
      const text = line.replace(/\r$/, "");
      out.push(line[0] === "-" ? paint.red(text) : line[0] === "+" ? paint.green(text) : text);
    }
  }
  return out.join("\n") + "\n";
}

function changeLine(module: ModuleVars, c: Change, width: number, paint: Paint): string {
  const v = (x: Value | undefined) => (x === undefined ? "(not set)" : show(module, c.name, x));
  const mark =
    { update: paint.yellow("~"), add: paint.green("+"), remove: paint.red("-") }[c.action];
  const from = c.from === undefined ? "(not set)" : v(c.from) + (c.fromDefault ? " (default)" : "");
  const over = c.overrides ? ` (now overrides the shared layer ${c.overrides})` : "";
  return `  ${mark} ${label(c).padEnd(width)}  ${from} → ${v(c.to)}${over}`;
}

/** What each file gets, and what is left alone, as lines a person reads. */
export function summaryText(plan: SyncPlan, module: ModuleVars, paint: Paint): string {
  const out: string[] = [];
  for (const f of plan.files) {
    const what = f.role === "shared"
      ? `${plan.command === "sync" ? "recording the sync" : "extract"} from ${plan.source}`
      : plan.command === "sync"
      ? `sync from ${plan.source}`
      : `apply to ${plan.target}`;
    if (f.changes.length === 0) {
      out.push(`${paint.bold(f.file)} (${what}): up to date`);
      continue;
    }
    out.push(`${paint.bold(f.file)} (${what}${f.exists ? "" : ", new file"}):`);
    const width = Math.max(...f.changes.map((c) => label(c).length));
    for (const c of f.changes) out.push(changeLine(module, c, width, paint));
  }
  for (const w of plan.files.flatMap((f) => f.warnings ?? [])) {
    out.push(paint.yellow(`Warning: ${w.file}${w.line ? ":" + w.line : ""}: ${w.message}`));
  }
  for (const s of staleComments(plan.files)) {
    out.push(
      `Note: ${s.file}:${s.line}: the comment above ${s.name} mentions its old value ${s.value}; ` +
        `review it: ${s.comment}`,
    );
  }
  if (plan.notInSource.length > 0) {
    out.push(
      `Not set in ${plan.source} (it uses the variables.tf default): ${
        plan.notInSource.join(", ")
      }`,
    );
  }
  for (const t of plan.targetOnly) {
    const what = plan.prune ? "removed (--prune)" : "left alone (--prune removes it)";
    out.push(
      `Set in ${plan.target} but not in ${plan.source}, ${what}: ${label(t)} = ${
        show(module, t.name, t.value)
      } (${t.file}:${t.line})`,
    );
  }
  if (plan.unclassified.length === 1) {
    const [u] = plan.unclassified;
    out.push(
      `Unclassified, never synced: ${u.name} (set in ${
        u.files.join(", ")
      }); classify it in tfsync.hcl`,
    );
  } else if (plan.unclassified.length > 1) {
    // Many at once (a repository new to tfsync): one line, not a screenful.
    out.push(
      `Unclassified, never synced (${plan.unclassified.length}): ${
        plan.unclassified.map((u) => u.name).join(", ")
      }; classify them in tfsync.hcl ('tfsync init' writes one, 'tfsync check' shows where each is set)`,
    );
  }
  return out.join("\n") + "\n";
}

/** What a run wrote, one line a file. */
export function writtenText(results: WriteResult[], plans: FilePlan[], paint: Paint): string {
  return results.map((r, i) => {
    if (!r.written) return `Unchanged: ${r.file}\n`;
    const verb = plans[i].exists ? "Wrote" : "Created";
    return `${paint.green(verb)} ${r.file}${r.backup ? ` (backup: ${r.file}.bak)` : ""}\n`;
  }).join("");
}

/** The whole run as one JSON document. */
export function planJson(
  plan: SyncPlan,
  module: ModuleVars,
  o: { dryRun: boolean; results?: WriteResult[]; diffs: Map<FilePlan, string> },
): string {
  const value = (name: string, v: Value) => isSensitive(module, name) ? SENSITIVE : jsonValue(v);
  // docs/json.md's shape: `default` tells a value left to the variables.tf default.
  const conflictSide = (name: string, e: Effective) => ({
    value: value(name, e.value),
    file: e.file,
    line: e.line,
    default: e.layer === "default",
  });
  const doc = {
    format_version: FORMAT_VERSION,
    command: plan.command,
    source: plan.source,
    ...(plan.target !== undefined && { target: plan.target }),
    dry_run: o.dryRun,
    files: plan.files.map((f, i) => ({
      file: f.file,
      role: f.role,
      created: !f.exists && f.after !== f.before,
      changed: f.after !== f.before,
      written: o.results?.[i]?.written ?? false,
      backup: o.results?.[i]?.backup ? f.file + ".bak" : null,
      changes: f.changes.map((c) => ({
        name: c.name,
        ...jsonPath(c),
        action: c.action,
        ...(c.from !== undefined && { from: value(c.name, c.from) }),
        ...(c.fromDefault && { from_default: true }),
        ...(c.overrides && { overrides: c.overrides }),
        ...(c.to !== undefined && { to: value(c.name, c.to) }),
        line: c.line,
      })),
      diff: o.diffs.get(f) ?? "",
      ...(f.warnings?.length && { warnings: f.warnings }),
    })),
    conflicts: plan.conflicts.map((c) => ({
      name: c.name,
      ...jsonPath(c),
      target: conflictSide(c.name, c.target),
      record: conflictSide(c.name, c.record),
      incoming: value(c.name, c.incoming),
    })),
    stale_comments: staleComments(plan.files),
    target_only: plan.targetOnly.map((t) => ({
      name: t.name,
      ...jsonPath(t),
      value: value(t.name, t.value),
      file: t.file,
      line: t.line,
      pruned: plan.prune,
    })),
    not_in_source: plan.notInSource,
    unclassified: plan.unclassified,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
