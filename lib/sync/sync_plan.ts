// Planning one file's edit: which syncable values of a source document an environment's tfvars
// takes, as edits that keep everything else byte for byte. Nothing here reads or writes files.
import { basename } from "../_path.ts";
import type { Config } from "../config/config.ts";
import { type Attribute, type Document, parse } from "../hcl/document.ts";
import { applyEdits, commentLine, type Edit } from "../hcl/edit.ts";
import { effectiveValue } from "../terraform/layers.ts";
import type { ModuleVars } from "../terraform/module.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { insertAttributes, type NewAttribute, RULE_LINE, SECTION_HEADING } from "./sync_insert.ts";
import { checkCopy, sameFor } from "../terraform/types_equal.ts";
import { Cursor } from "../hcl/cursor.ts";
import type { Place } from "../errors.ts";
import type { Copied, Intent } from "../hcl/verify.ts";
import { fingerprint, LAST_SYNCED } from "./fingerprint.ts";
import { lineOf, type PathWarning, planPaths } from "./sync_paths.ts";
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
  /** For the "Last synced: DATE from: SOURCE" line. */
  date: string;
  from: string;
}

/** Where an attribute's value is, for an error about it. */
function placeOf(file: TfvarsFile, a: Attribute): Place {
  const { line, column } = new Cursor(file.text, file.path).location(a.valueStart);
  const sourceLine = file.text.split("\n")[line - 1].replace(/\r$/, "");
  return { file: file.path, line, column, sourceLine };
}

/** The raw value text and trailing comment of an attribute, as written in its file. */
export function rawAttribute(doc: Document, a: Attribute): NewAttribute {
  const comment = a.comment ? doc.raw(a.comment) : undefined;
  return { name: a.name, value: doc.text.slice(a.valueStart, a.valueEnd), comment };
}

/**
 * The "set" edit that gives an existing attribute the source's value: the value text replaced,
 * the trailing comment the source's when it has one, else the target's kept (a heredoc, which
 * cannot carry one, drops it).
 */
export function setEdit(target: Attribute, src: NewAttribute): Edit {
  const heredoc = /^<<-?[A-Za-z_]/.test(src.value);
  const comment = src.comment ?? (heredoc && target.comment ? null : undefined);
  return { kind: "set", name: src.name, value: src.value, comment };
}

/** Plans copying the source's values of `names` into an environment's tfvars. */
export function planTarget(o: TargetPlanOptions): { plan: FilePlan; targetOnly: TargetOnly[] } {
  const { source, target, module } = o;
  const doc = target.doc;
  const edits: Edit[] = [];
  const inserts: NewAttribute[] = [];
  const changes: Change[] = [];
  const intent: Intent = new Map();
  const copied: Copied = new Map();
  const targetOnly: TargetOnly[] = [];
  const warnings: PathWarning[] = [];
  for (const name of o.names) {
    const rules = o.config.rules(name);
    if (rules) {
      const p = planPaths(name, rules, source.doc, doc, o.prune, module);
      edits.push(...p.edits);
      changes.push(...p.changes);
      targetOnly.push(...p.targetOnly);
      warnings.push(...p.warnings);
      if (p.value !== undefined) intent.set(name, p.value);
      continue;
    }
    const s = source.doc.get(name);
    const t = doc.get(name);
    if (!s) {
      if (t) {
        targetOnly.push({ name, value: t.value, file: doc.file, line: t.line });
        if (o.prune) {
          edits.push({ kind: "remove", name });
          changes.push({ name, action: "remove", from: t.value, line: t.line });
          intent.set(name, undefined);
        }
      }
      continue;
    }
    // Mirror the source: a value it sets is set here too, even when it equals the default (the
    // two would disagree the day the default changes); an equal value already set is untouched.
    if (t && sameFor(module, name, t.value, s.value)) continue;
    const first = o.origin?.doc.get(name);
    const at = first ? placeOf(o.origin!, first) : placeOf(source, s);
    checkCopy(module, name, s.value, at, doc.file);
    const current = effectiveValue(name, doc, module);
    const src = rawAttribute(source.doc, s);
    intent.set(name, s.value);
    copied.set(name, `${name} = ${src.value}`);
    if (t) {
      edits.push(setEdit(t, src));
      changes.push({ name, action: "update", from: t.value, to: s.value, line: t.line });
    } else {
      inserts.push(src);
      const change: Change = { name, action: "add", to: s.value, line: 0 };
      if (current.source === "default") {
        Object.assign(change, { from: current.value, fromDefault: true });
      }
      changes.push(change);
    }
  }
  let after = target.text;
  if (changes.length > 0) {
    // The values the file will set, fingerprinted in the banner: check tells a hand edit made
    // after this sync (the fingerprint no longer matches) from features not yet promoted.
    const values = fingerprint(
      o.config,
      module,
      (n) => intent.has(n) ? intent.get(n) : doc.get(n)?.value,
    );
    const from = `${o.from} [values ${values}]`;
    const lastSynced = commentLine(doc, LAST_SYNCED);
    if (lastSynced) {
      const line = doc.raw(lastSynced).replace(/\r?\n$/, "")
        .replace(/(Last synced:).*$/, `$1 ${o.date} from: ${from}`);
      edits.push({ kind: "comment", match: LAST_SYNCED, line });
    }
    const edited = parse(applyEdits(doc, edits), doc.file, { tfvars: true });
    const withSyncedLine = lastSynced ? edited : addLastSynced(edited, o.date, from);
    after = insertAttributes(withSyncedLine, inserts, {
      groups: o.config.groups,
      style: "section",
      banner: [
        RULE_LINE,
        `# SYNCED FEATURES (from ${basename(o.config.sharedFile)})`,
        `# Last synced: ${o.date} from: ${from}`,
        RULE_LINE,
      ],
    });
    locateLines(after, doc.file, changes);
  }
  return {
    plan: {
      path: target.path,
      file: doc.file,
      role: "target",
      exists: true,
      before: target.text,
      after,
      beforeDoc: doc,
      intent,
      copied,
      changes,
      warnings,
    },
    targetOnly,
  };
}

/** A section heading without a "Last synced:" line gets one right below it. */
function addLastSynced(doc: Document, date: string, from: string): Document {
  const heading = doc.items.find((i) =>
    i.kind === "trivia" && i.isComment && SECTION_HEADING.test(doc.raw(i))
  );
  if (!heading) return doc;
  const prefix = /^[ \t]*(#|\/\/)/.exec(doc.raw(heading))![0];
  const lead = doc.text[heading.end - 1] === "\n" ? "" : doc.eol;
  const text = doc.text.slice(0, heading.end) + lead +
    `${prefix} Last synced: ${date} from: ${from}${doc.eol}` + doc.text.slice(heading.end);
  return parse(text, doc.file, { tfvars: true });
}

/** Sets the line numbers of updated and added variables to their lines in the edited text. */
export function locateLines(text: string, file: string, changes: Change[]): void {
  if (!changes.some((c) => c.action !== "remove")) return;
  const doc = parse(text, file, { tfvars: true });
  for (const c of changes) {
    if (c.action !== "remove") c.line = lineOf(doc, c.name, c.keys ?? []) ?? 0;
  }
}
