// The part every writing command shares: verify, report conflicts, --fail-on-conflict, --dry-run,
// the confirmation, the write, and what is printed around them.
import { EXIT, type Io } from "./_command.ts";
import type { Common } from "./_flags.ts";
import { confirm } from "./_confirm.ts";
import { spellingOf } from "./_options.ts";
import { painter } from "../render/paint.ts";
import { summaryText, writtenText } from "../render/plan_text.ts";
import { conflictsText } from "../render/conflicts.ts";
import { planJson } from "../render/plan_json.ts";
import { unifiedDiff } from "../render/unified_diff.ts";
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { RepoContext } from "../lib/repo/pair.ts";
import { planMarkdown } from "../render/markdown.ts";
import type { FilePlan } from "../lib/sync/sync_plan.ts";
import { pendingReport, transaction } from "../lib/mod.ts";
import type { WriteResult } from "../lib/write/transaction.ts";

/** The options of the commands that write an environment. */
export const TARGET_OPTIONS = {
  prune: { type: "boolean" },
  "fail-on-conflict": { type: "boolean" },
} as const;

/** --format of the commands that write: markdown is what changed, for a pull request's body. */
export const PLAN_FORMATS = ["text", "json", "markdown"];

export const TARGET_USAGE =
  `  --prune             remove syncable variables the target sets but the source does not
                      (the target then takes the same variables.tf default as the source)
  --fail-on-conflict  exit 1, writing nothing, when a target value to overwrite differs from
                      the shared file's (edited by hand since the last sync)`;

export interface RunOptions {
  failOnConflict: boolean;
  /** After writing, print the unified diff of the target (promote, backport). */
  showTargetDiff: boolean;
  /** A last line for people, after a write. */
  hint?: (results: WriteResult[]) => string | undefined;
}

/** `build` makes the plan; it runs again when another tfsync wrote the files meanwhile. */
export async function runPlan(
  build: () => Promise<SyncPlan>,
  ctx: RepoContext,
  common: Common,
  io: Io,
  o: RunOptions,
): Promise<number> {
  // Loaded when a plan runs, not with this module (a --help of a writing command writes nothing).
  const { changed, commit, verifyPlans } = await transaction();
  let plan = await build();
  // --format json or markdown: one document on stdout, and nothing else there.
  const report = common.json || common.format === "markdown";
  const paint = painter(common.color && !report);
  const text = (s: string) => report || io.stdout(s);
  /** A block of lines, then a blank line. */
  const para = (s: string) => s && text(s + "\n");
  const diffs = new Map<FilePlan, string>();
  const diffOf = (f: FilePlan) => {
    if (!diffs.has(f)) diffs.set(f, unifiedDiff(f, paint));
    return diffs.get(f)!;
  };
  const json = async (results?: WriteResult[], refused = false) => {
    for (const f of changed(plan.files)) diffOf(f);
    const o = { dryRun: common.dryRun, results, diffs, refused };
    if (common.json) return io.stdout(planJson(plan, ctx.module, o));
    const pending = refused
      ? []
      : await (await pendingReport()).pendingAfter(ctx.config, ctx.module, plan.files);
    io.stdout(planMarkdown(plan, ctx.module, { ...o, pending, spelling: spellingOf(io) }));
  };
  // Of the current plan: replan (below) makes another when the files changed meanwhile.
  const summary = () => summaryText(plan, ctx.module, paint, spellingOf(io));
  const willWrite = !common.dryRun && !o.failOnConflict;
  const conflicts = () =>
    conflictsText(plan, ctx.module, paint, willWrite ? "will be" : "would be");

  const verified = await verifyPlans(plan.files);
  const todo = changed(plan.files);
  if (o.failOnConflict && plan.conflicts.length > 0) {
    if (report) await json(undefined, true);
    else text(conflicts() + "Nothing written: --fail-on-conflict\n");
    return EXIT.differences;
  }
  const say = (s: string) => io.stderr(`tfsync ${plan.command}: ${s}\n`);
  const options = {
    root: ctx.config.root,
    backup: common.backup,
    holder: `tfsync ${plan.command} (pid ${Deno.pid})`,
    command: plan.command,
    record: ctx.config.sharedFile,
    synced: plan.target === undefined
      ? undefined
      : { env: plan.target, some: plan.command === "sync" },
    onWait: (holder: string) => say(`Waiting for ${holder} to finish writing`),
    onNote: (note: string) => say(`Note: ${note}`),
  };
  if (common.dryRun || todo.length === 0) {
    // With nothing to write, commit() still completes what a killed run's journal lists (its
    // record files may be all that was left); a dry run leaves it for the next real run.
    if (!common.dryRun) await commit(verified, options);
    if (report) return await json(), EXIT.ok;
    para(conflicts());
    for (const f of todo) para(diffOf(f));
    para(summary());
    text(todo.length === 0 ? "Nothing to change.\n" : "Dry run: nothing written.\n");
    return EXIT.ok;
  }
  let previewed = false;
  if (!common.yes) {
    const preview = [conflicts(), ...todo.map(diffOf), summary()];
    const answer = await confirm(plan.command, todo.map((f) => f.file), preview, common, io);
    if (answer !== undefined) return answer;
    previewed = !report && io.stdoutTerminal;
  }
  const results = await commit(verified, {
    ...options,
    // What a person confirmed is what gets written: after a preview, a change is an error.
    replan: previewed || o.failOnConflict ? undefined : async () => {
      plan = await build();
      return await verifyPlans(plan.files);
    },
    onLocked: () => previewed || para(conflicts()),
  });
  if (report) return await json(results), EXIT.ok;
  if (!previewed) {
    if (o.showTargetDiff) {
      for (const f of changed(plan.files)) if (f.role === "target") para(diffOf(f));
    }
    para(summary());
  }
  text(writtenText(results, plan.files, paint));
  const hint = o.hint?.(results);
  if (hint) text(hint + "\n");
  return EXIT.ok;
}
