// What the sync commands did or would do, as lines a person reads: what each file gets, what
// was left alone, what was written.
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { Change, FilePlan } from "../lib/sync/sync_plan.ts";
import type { WriteResult } from "../lib/write/transaction.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import { isSensitive, SENSITIVE } from "../lib/report/present.ts";
import { toHcl, type Value } from "../lib/hcl/value.ts";
import { formatPath } from "../lib/hcl/path.ts";
import type { Paint } from "./paint.ts";
import { placeText } from "./error.ts";
import { staleComments } from "../lib/sync/stale_comments.ts";
import { run } from "../lib/words.ts";
import { type Spelling, words } from "./words.ts";

/** A variable, or a path inside its value (`forms_admin_settings.enable_opentelemetry`). */
const label = (c: { name: string; keys?: string[] }) => formatPath(c.name, c.keys ?? []);

/** A value as people read it: one line of HCL, without comments; a sensitive one hidden. */
export function show(module: ModuleVars, name: string, value: Value): string {
  return isSensitive(module, name) ? SENSITIVE : toHcl(value);
}

function changeLine(module: ModuleVars, c: Change, width: number, paint: Paint): string {
  const v = (x: Value | undefined) => (x === undefined ? "(not set)" : show(module, c.name, x));
  const mark =
    { update: paint.yellow("~"), add: paint.green("+"), remove: paint.red("-") }[c.action];
  const from = c.from === undefined ? "(not set)" : v(c.from) + (c.fromDefault ? " (default)" : "");
  const over = c.overrides ? ` (now overrides the shared layer ${c.overrides})` : "";
  return `  ${mark} ${label(c).padEnd(width)}  ${from} → ${v(c.to)}${over}`;
}

/**
 * The syncable names the source leaves unset: those a variable block declares (the source takes
 * its default), and those none does (there is no default to take: a name of another stack).
 */
export function notInSource(plan: SyncPlan, module: ModuleVars): [string[], string[]] {
  const declared = (name: string) => module.variables.has(name);
  return [plan.notInSource.filter(declared), plan.notInSource.filter((n) => !declared(n))];
}

/**
 * What each file gets, and what is left alone, as lines a person reads; the commands it names
 * spelled by `spelling`, the values and comments it shows as they are.
 */
export function summaryText(
  plan: SyncPlan,
  module: ModuleVars,
  paint: Paint,
  spelling: Spelling,
): string {
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
    out.push(paint.yellow(`Warning: ${placeText(w)}: ${w.message}`));
  }
  for (const s of staleComments(plan.files)) {
    out.push(
      `Note: ${placeText(s)}: the comment above ${s.name} mentions its old value ${s.value}; ` +
        `review it: ${s.comment}`,
    );
  }
  const [defaulted, undeclared] = notInSource(plan, module);
  if (defaulted.length > 0) {
    out.push(
      `Not set in ${plan.source} (it uses the variables.tf default): ${defaulted.join(", ")}`,
    );
  }
  if (undeclared.length > 0) {
    out.push(
      `Not set in ${plan.source} and declared in no variable block: ${undeclared.join(", ")}`,
    );
  }
  for (const t of plan.targetOnly) {
    const what = plan.prune ? "removed (--prune)" : "left alone (--prune removes it)";
    out.push(
      `Set in ${plan.target} but not in ${plan.source}, ${what}: ${label(t)} = ${
        show(module, t.name, t.value)
      } (${placeText(t)})`,
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
      }; classify them in tfsync.hcl (${words([run("init")], spelling)} writes one, ${
        words([run("check")], spelling)
      } shows where each is set)`,
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
