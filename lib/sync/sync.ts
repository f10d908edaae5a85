// The sync operations as plans: extract (an environment → the shared file), apply (the shared file
// → an environment), promote/backport (both, in one transaction) and partial sync (an environment
// → another, for some variables). Every input is read and validated here, before anything is
// written; writing is lib/transaction.ts's job.
import { basename } from "../_path.ts";
import type { Config } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import { ConfigError } from "../errors.ts";
import { option, run } from "../words.ts";
import { checkEnvironmentName, readTfvarsIfExists, type TfvarsFile } from "../repo/repo.ts";
import { readPair, type RepoContext } from "../repo/pair.ts";
import { layerDocuments, readLayered, sourceView } from "../repo/layered.ts";
import { planShared } from "./shared_file.ts";
import { extractedFrom } from "./markers.ts";
import type { FilePlan, TargetOnly } from "./sync_plan.ts";
import { planLayeredTarget } from "./route.ts";

export type { Conflict } from "./conflicts.ts";
import { type Conflict, judgeConflicts } from "./conflicts.ts";

export interface SyncPlan {
  command: string;
  /** The environment the values come from (apply: the shared file's "Extracted from:"). */
  source: string;
  /** The environment written to; undefined for extract. */
  target?: string;
  /** The files to write, in order. */
  files: FilePlan[];
  conflicts: Conflict[];
  /** The record of the last sync conflicts are judged against (the shared file), as named. */
  record?: string;
  targetOnly: TargetOnly[];
  prune: boolean;
  /** Syncable variables the source does not set (extract, promote). */
  notInSource: string[];
  /** Variables in neither list that the files read set: never synced, always reported. */
  unclassified: Array<{ name: string; files: string[] }>;
}

export async function planExtract(ctx: RepoContext, env: string, date: string): Promise<SyncPlan> {
  await checkEnvironmentName(env, ctx.config);
  const layered = await readLayered(ctx.config, env, ctx.name);
  const source = sourceView(layered);
  const shared = await readShared(ctx);
  const { plan, notInSource } = planShared({
    config: ctx.config,
    module: ctx.module,
    env,
    source,
    shared,
    path: ctx.config.sharedFile,
    file: ctx.name(ctx.config.sharedFile),
    date,
  });
  return {
    command: "extract",
    source: env,
    files: [plan],
    conflicts: [],
    targetOnly: [],
    prune: false,
    notInSource,
    unclassified: unclassified(ctx.config, layerDocuments(layered)),
  };
}

export async function planApply(
  ctx: RepoContext,
  env: string,
  date: string,
  prune: boolean,
): Promise<SyncPlan> {
  await checkEnvironmentName(env, ctx.config);
  const shared = await readShared(ctx);
  if (!shared) {
    throw new ConfigError([
      "Cannot read the file: not found; run ",
      run("extract", ["from", "ENV"]),
      " first",
    ], {
      file: ctx.name(ctx.config.sharedFile),
    });
  }
  const layered = await readLayered(ctx.config, env, ctx.name);
  const from = extractedFrom(shared.doc) ?? basename(shared.path);
  const { plans, targetOnly } = planLayeredTarget(
    { ...common(ctx, prune, date, from), source: shared },
    layered,
  );
  return {
    command: "apply",
    source: from,
    target: env,
    files: plans,
    ...await judgeConflicts(ctx, plans, shared, env),
    targetOnly,
    prune,
    notInSource: [],
    unclassified: unclassified(ctx.config, layerDocuments(layered)),
  };
}

/** Promote and backport: extract from `from`, apply to `to`, one plan for both files. */
export function planPromote(
  ctx: RepoContext,
  command: string,
  from: string,
  to: string,
  date: string,
  prune: boolean,
): Promise<SyncPlan> {
  const order = ctx.config.settings.promotionOrder ?? [];
  const [i, j] = [order.indexOf(from), order.indexOf(to)];
  if (command === "backport" && i >= 0 && j >= 0 && i < j) {
    throw new ConfigError([
      `backport goes against promotion_order (${order.join(" → ")}), but ${from} comes before ` +
      `${to}: this is a promotion; promote `,
      option("from"),
      ` ${from} `,
      option("to"),
      ` ${to} runs it`,
    ]);
  }
  return planThroughShared(ctx, { command, from, to, date, prune });
}

/**
 * Partial sync: the named variables from one environment to another. The shared file records
 * them too (when there is one), so it stays the record of what every environment was synced to;
 * the target's banner names what was synced: `from: englacial (group images)`.
 */
export function planPartial(
  ctx: RepoContext,
  from: string,
  to: string,
  selection: { names: readonly string[]; label: string; groups?: readonly string[] },
  date: string,
  prune: boolean,
): Promise<SyncPlan> {
  return planThroughShared(ctx, { command: "sync", from, to, date, prune, ...selection });
}

interface PairOptions {
  command: string;
  from: string;
  to: string;
  date: string;
  prune: boolean;
  /** A partial sync: these variables only, and what they are for the banner. */
  names?: readonly string[];
  label?: string;
  /** A partial sync of groups: only the paths they name. */
  groups?: readonly string[];
}

/** The shared file extracted from `from` (for `names`), then applied to `to`, in one plan. */
async function planThroughShared(ctx: RepoContext, o: PairOptions): Promise<SyncPlan> {
  const { source, from: sourceLayers, to: layered } = await readPair(ctx, o.from, o.to);
  const record = await readShared(ctx);
  const sharedFile = ctx.name(ctx.config.sharedFile);
  // A partial sync without a shared file copies straight across and creates none.
  const extract = o.names && !record ? undefined : planShared({
    config: ctx.config,
    module: ctx.module,
    env: o.from,
    source,
    shared: record,
    path: ctx.config.sharedFile,
    file: sharedFile,
    date: o.date,
    names: o.names,
    groups: o.groups,
  });
  // A partial sync takes the values (and trailing comments) straight from the source.
  const shared: TfvarsFile = extract && !o.names
    ? { path: ctx.config.sharedFile, text: extract.plan.after, doc: extract.plan.afterDoc }
    : source;
  const from = o.label ? `${o.from} (${o.label})` : o.from;
  const { plans, targetOnly } = planLayeredTarget(
    {
      ...common(ctx, o.prune, o.date, from),
      ...(o.names && { names: o.names }),
      groups: o.groups,
      source: shared,
      ...(shared !== source && { origin: source }),
    },
    layered,
  );
  return {
    command: o.command,
    source: o.from,
    target: o.to,
    files: extract ? [extract.plan, ...plans] : plans,
    ...await judgeConflicts(ctx, plans, record, o.to),
    targetOnly,
    prune: o.prune,
    notInSource: o.names ? [] : extract!.notInSource,
    unclassified: unclassified(ctx.config, [
      ...layerDocuments(sourceLayers),
      ...layerDocuments(layered),
    ]),
  };
}

/** What every target plan shares: the config, the module, all syncable names, the options. */
function common(ctx: RepoContext, prune: boolean, date: string, from: string) {
  return { config: ctx.config, module: ctx.module, names: ctx.config.syncable, prune, date, from };
}

/** The shared file, checked to hold only syncable variables; undefined when it does not exist. */
async function readShared(ctx: RepoContext): Promise<TfvarsFile | undefined> {
  const path = ctx.config.sharedFile;
  const shared = await readTfvarsIfExists(path, ctx.name(path), { root: ctx.config.root });
  for (const a of shared?.doc.attributes ?? []) {
    const kind = ctx.config.classify(a.name);
    if (kind === "syncable") continue;
    const what = kind === "environment_specific" ? "environment-specific" : "unclassified";
    throw new ConfigError(
      `"${a.name}" is ${what}: the shared file may hold only syncable variables`,
      { file: shared!.doc.file, line: a.line },
    );
  }
  return shared;
}

/**
 * The unclassified variables the files set, with the files that set them: every var file of the
 * environments read (an earlier own file, a shared layer), each named once.
 */
function unclassified(
  config: Config,
  docs: Document[],
): Array<{ name: string; files: string[] }> {
  const found = new Map<string, Set<string>>();
  for (const doc of docs) {
    for (const a of doc.attributes) {
      if (config.classify(a.name) !== "unclassified") continue;
      found.set(a.name, (found.get(a.name) ?? new Set()).add(doc.file));
    }
  }
  return [...found].map(([name, files]) => ({ name, files: [...files] }));
}
