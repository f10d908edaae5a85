// Planning one file's edit: which syncable values of a source document an environment's tfvars
// takes, as edits that keep everything else byte for byte. Nothing here reads or writes files.
import { basename } from "../_path.ts";
import type { Config } from "../config/config.ts";
import { type Attribute, commentLine, type Document } from "../hcl/document.ts";
import { isJsonDocument } from "../hcl/json_document.ts";
import { valueText } from "../hcl/var_convert.ts";
import { applyEdits, type Edit } from "../hcl/edit.ts";
import type { RuleTree } from "../hcl/path.ts";
import type { Value } from "../hcl/value.ts";
import { effectiveValue } from "../terraform/layers.ts";
import type { ModuleVars } from "../terraform/module.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { insertionEdits, type Layout, type NewAttribute } from "./sync_insert.ts";
import { checkCopy, sameFor } from "../terraform/types_equal.ts";
import type { Place } from "../errors.ts";
import { type Copied, type Intent, readEdited } from "../hcl/verify.ts";
import { fingerprint } from "./fingerprint.ts";
import { LAST_SYNCED, lastSyncedText, sectionBanner, withLastSynced } from "./markers.ts";
import { type PathWarning, planPaths } from "./sync_paths.ts";
import { lineOf } from "../hcl/path_tree.ts";
import type { Change, TargetOnly } from "./sync_types.ts";
export type { Change, TargetOnly } from "./sync_types.ts";

/** A file to write: its text before and after, and what changed in it. */
export interface FilePlan {
  /** The path as configured (maybe a symlink; writes go to its target). */
  path: string;
  /** The file as named to the user. */
  file: string;
  role: "shared" | "target";
  /** False for a shared file that extract creates. */
  exists: boolean;
  before: string;
  after: string;
  beforeDoc: Document;
  /** `after`, as tfsync reads it (the one reading of the result, which verification checks). */
  afterDoc: Document;
  intent: Intent;
  /** The source text of the attributes copied as written: what hashicorp/hcl must read them as. */
  copied?: Copied;
  changes: Change[];
  /** Synced paths this file's plan could not sync (a parent missing or no object). */
  warnings?: PathWarning[];
}

export interface TargetPlanOptions {
  config: Config;
  module: ModuleVars;
  /** The syncable variables to copy, in config order. */
  names: readonly string[];
  /** Where the values come from (the shared file, or the source environment's tfvars). */
  source: TfvarsFile;
  /** Where the source's values were read first (promote: the environment, not the record). */
  origin?: TfvarsFile;
  target: TfvarsFile;
  prune: boolean;
  /** A partial sync of groups: only the paths these groups name (`sync --group`). */
  groups?: readonly string[];
  /** For the "Last synced: DATE from: SOURCE" line. */
  date: string;
  from: string;
}

/** Where an attribute's value is, for an error about it. */
export function placeOf(file: TfvarsFile, a: Attribute): Place {
  const { line, column } = file.doc.location(a.valueStart);
  return { file: file.path, line, column, sourceLine: file.doc.lineText(line) };
}

/**
 * The value text and trailing comment of an attribute of `doc`, for the file `to`: as written in
 * its file, or converted when `to` is in the other syntax (HCL and JSON: var_convert.ts).
 */
export function rawAttribute(doc: Document, a: Attribute, to: Document): NewAttribute {
  const comment = a.comment ? doc.raw(a.comment) : undefined;
  return { name: a.name, value: valueText(doc, a, to), comment };
}

/**
 * The "set" edit that gives an existing attribute the source's value: the value text replaced,
 * the trailing comment the source's when it has one, else the target's kept (a heredoc, which
 * cannot carry one, drops it).
 */
function setEdit(target: Attribute, src: NewAttribute): Edit {
  const heredoc = /^<<-?[A-Za-z_]/.test(src.value);
  const comment = src.comment ?? (heredoc && target.comment ? null : undefined);
  return { kind: "set", name: src.name, value: src.value, comment };
}

/** What a file's plan gathers: every edit of the file, as one batch, and what each changes. */
export interface Batch {
  edits: Edit[];
  /** Attributes the file does not set yet: placed by sync_insert.ts, in the same batch. */
  inserts: NewAttribute[];
  changes: Change[];
  intent: Intent;
  copied: Copied;
}

/** How one kind of file (the shared file, an environment's) takes the source's values. */
export interface CopyRules {
  /** A partial sync of groups: only the paths these groups name sync. */
  groups?: readonly string[];
  /** A variable synced by path (tfsync.hcl names paths into it). */
  paths(name: string, rules: RuleTree, batch: Batch): void;
  /** A variable the source does not set; `set` is the file's attribute when it has one. */
  unset(name: string, set: Attribute | undefined, batch: Batch): void;
  /** The file's value is already the source's: nothing changes. */
  same(name: string, file: Value, source: Value): boolean;
  /** Checks a value about to be copied (throws), and gives the change of one the file lacks. */
  copying(name: string, source: Attribute): Partial<Change>;
}

/**
 * The one loop of extract and apply: each of `names` whose source value differs from the
 * file's becomes an edit of the file (set, or an insertion), with its change and intent.
 */
export function planCopies(
  names: readonly string[],
  config: Config,
  source: Document,
  doc: Document,
  rules: CopyRules,
): Batch {
  const batch: Batch = {
    edits: [],
    inserts: [],
    changes: [],
    intent: new Map(),
    copied: new Map(),
  };
  for (const name of names) {
    const paths = config.rules(name, rules.groups);
    if (paths) {
      rules.paths(name, paths, batch);
      continue;
    }
    const s = source.get(name);
    const t = doc.get(name);
    if (!s) {
      rules.unset(name, t, batch);
      continue;
    }
    if (t && rules.same(name, t.value, s.value)) continue;
    const extra = rules.copying(name, s);
    const src = rawAttribute(source, s, doc);
    batch.intent.set(name, s.value);
    batch.copied.set(name, `${name} = ${src.value}`);
    if (t) {
      batch.edits.push(setEdit(t, src));
      batch.changes.push({ name, action: "update", from: t.value, to: s.value, line: t.line });
    } else {
      batch.inserts.push(src);
      batch.changes.push({ name, action: "add", to: s.value, line: 0, ...extra });
    }
  }
  return batch;
}

/** Removes an attribute the file sets: its edit, change and intent. */
export function removal(batch: Batch, name: string, set: Attribute): void {
  batch.edits.push({ kind: "remove", name });
  batch.changes.push({ name, action: "remove", from: set.value, line: set.line });
  batch.intent.set(name, undefined);
}

/**
 * The text after the batch (with `header`, the edits of banner and header lines, and the
 * insertions placed by `layout`), spliced in one pass and read once: that reading gives the
 * changes their lines and is what verification checks.
 */
export function applyBatch(
  doc: Document,
  batch: Batch,
  header: Edit[],
  layout: Layout,
): Document {
  const others = [...batch.edits, ...header];
  // JSON: new members after the last one (json_edit.ts writes them in the file's style).
  const inserted = isJsonDocument(doc)
    ? batch.inserts.map((a): Edit => ({ ...a, kind: "insert" }))
    : insertionEdits(doc, batch.inserts, layout, others);
  const text = applyEdits(doc, [...others, ...inserted]);
  const after = text === doc.text ? doc : readEdited(doc, text);
  locateLines(after, batch.changes);
  return after;
}

/** Sets the line numbers of updated and added variables to their lines in the edited file. */
export function locateLines(after: Document, changes: Change[]): void {
  for (const c of changes) {
    if (c.action !== "remove") c.line = lineOf(after, c.name, c.keys ?? []) ?? 0;
  }
}

/** Plans copying the source's values of `names` into an environment's tfvars. */
export function planTarget(o: TargetPlanOptions): { plan: FilePlan; targetOnly: TargetOnly[] } {
  const { source, target, module } = o;
  const doc = target.doc;
  const targetOnly: TargetOnly[] = [];
  const warnings: PathWarning[] = [];
  const batch = planCopies(o.names, o.config, source.doc, doc, {
    groups: o.groups,
    paths(name, rules, b) {
      const p = planPaths(name, rules, source.doc, doc, o.prune, module);
      b.edits.push(...p.edits);
      b.changes.push(...p.changes);
      targetOnly.push(...p.targetOnly);
      warnings.push(...p.warnings);
      if (p.value !== undefined) b.intent.set(name, p.value);
    },
    unset(name, t, b) {
      if (!t) return;
      targetOnly.push({ name, value: t.value, file: doc.file, line: t.line });
      if (o.prune) removal(b, name, t);
    },
    // Mirror the source: a value it sets is set here too, even when it equals the default (the
    // two would disagree the day the default changes); an equal value already set is untouched.
    same: (name, t, s) => sameFor(module, name, t, s),
    copying(name, s) {
      const first = o.origin?.doc.get(name);
      const at = first ? placeOf(o.origin!, first) : placeOf(source, s);
      checkCopy(module, name, s.value, at, doc.file);
      const current = effectiveValue(name, doc, module);
      return current.layer === "default" ? { from: current.value, fromDefault: true } : {};
    },
  });
  const { changes, intent } = batch;
  let after = doc;
  if (changes.length > 0 && isJsonDocument(doc)) {
    // JSON has no comments: no banner, no "Last synced" line.
    after = applyBatch(doc, batch, [], { groups: o.config.groups, style: "section" });
  } else if (changes.length > 0) {
    // The values the file will set, fingerprinted in the banner: check tells a hand edit made
    // after this sync (the fingerprint no longer matches) from features not yet promoted.
    const values = fingerprint(
      o.config,
      module,
      (n) => intent.has(n) ? intent.get(n) : doc.get(n)?.value,
    );
    const synced = lastSyncedText(o.date, o.from, values);
    const lastSynced = commentLine(doc, LAST_SYNCED);
    const header: Edit[] = lastSynced
      ? [{
        kind: "comment",
        match: LAST_SYNCED,
        line: withLastSynced(doc.raw(lastSynced).replace(/\r?\n$/, ""), synced),
      }]
      : [];
    after = applyBatch(doc, batch, header, {
      groups: o.config.groups,
      style: "section",
      banner: sectionBanner(basename(o.config.sharedFile), synced),
      // A section heading without a "Last synced:" line gets one right below it.
      ...(!lastSynced && { underHeading: synced }),
    });
  }
  return {
    plan: {
      path: target.path,
      file: doc.file,
      role: "target",
      exists: true,
      before: target.text,
      after: after.text,
      beforeDoc: doc,
      afterDoc: after,
      intent,
      copied: batch.copied,
      changes,
      warnings,
    },
    targetOnly,
  };
}
