// Extract: an environment's syncable values into the shared file. An existing file is edited in
// place (comments, order and layout kept; its "Extracted from:" and "Date:" lines updated); a
// missing one is written in the design's layout: a header, a comment heading per group, values
// aligned as terraform fmt would.
import type { Config } from "../config/config.ts";
import { type Document, parse } from "../hcl/document.ts";
import { applyEdits, commentLine, type Edit } from "../hcl/edit.ts";
import { realign } from "../hcl/align.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { attributeLine, groupHeading, insertAttributes, type NewAttribute } from "./sync_insert.ts";
import { type Change, type FilePlan, locateLines, rawAttribute, setEdit } from "./sync_plan.ts";
import { sameFor } from "../terraform/types_equal.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import type { Copied, Intent } from "../hcl/verify.ts";
import { planSharedPaths } from "./sync_paths.ts";

export interface SharedPlanOptions {
  config: Config;
  /** The environment extracted from, and its tfvars. */
  env: string;
  source: TfvarsFile;
  /** The shared file as it is; undefined when it does not exist yet. */
  shared: TfvarsFile | undefined;
  /** Its path and its name for people (used when it does not exist). */
  path: string;
  file: string;
  date: string;
  /** Only these variables (a partial sync); the header's "Extracted from:" is then kept. */
  names?: readonly string[];
  /** The declared types, so that "nothing to change" is judged as terraform compares. */
  module: ModuleVars;
}

export interface SharedPlan {
  plan: FilePlan;
  /** Syncable variables the environment does not set (left to their variables.tf default). */
  notInSource: string[];
}

const EXTRACTED_FROM = /^[ \t]*(#|\/\/)[ \t]*Extracted from:/;
const DATE = /^[ \t]*(#|\/\/)[ \t]*Date:/;

/** The environment named in the shared file's "Extracted from:" line, if it has one. */
export function extractedFrom(doc: Document): string | undefined {
  const line = commentLine(doc, EXTRACTED_FROM);
  return line ? /Extracted from:[ \t]*(\S+)/.exec(doc.raw(line))?.[1] : undefined;
}

export function planShared(o: SharedPlanOptions): SharedPlan {
  const src = o.source.doc;
  const doc = o.shared?.doc ?? parse("", o.file, { tfvars: true });
  const edits: Edit[] = [];
  const inserts: NewAttribute[] = [];
  const changes: Change[] = [];
  const intent: Intent = new Map();
  const copied: Copied = new Map();
  const notInSource: string[] = [];
  for (const name of o.names ?? o.config.syncable) {
    const rules = o.config.rules(name);
    if (rules) {
      // Synced by path: the shared file records the synced part of the value.
      const p = planSharedPaths(name, rules, src, doc, o.module);
      if (!src.get(name)) notInSource.push(name);
      edits.push(...p.edits);
      if (p.set !== undefined) edits.push({ kind: "set", name, value: p.set });
      if (p.insert !== undefined) inserts.push({ name, value: p.insert });
      changes.push(...p.changes);
      if (p.changes.length) intent.set(name, p.value);
      continue;
    }
    const s = src.get(name);
    const t = doc.get(name);
    if (!s) {
      notInSource.push(name);
      if (t) {
        edits.push({ kind: "remove", name });
        changes.push({ name, action: "remove", from: t.value, line: t.line });
        intent.set(name, undefined);
      }
      continue;
    }
    if (t && sameFor(o.module, name, t.value, s.value)) continue;
    const raw = rawAttribute(src, s);
    intent.set(name, s.value);
    copied.set(name, `${name} = ${raw.value}`);
    if (t) {
      edits.push(setEdit(t, raw));
      changes.push({ name, action: "update", from: t.value, to: s.value, line: t.line });
    } else {
      inserts.push(raw);
      changes.push({ name, action: "add", to: s.value, line: 0 });
    }
  }
  let after = doc.text;
  if (!o.shared) {
    after = newSharedFile(o, inserts, src.eol);
  } else if (changes.length > 0) {
    const header = [[EXTRACTED_FROM, o.env], [DATE, o.date]] as const;
    for (const [match, value] of o.names ? header.slice(1) : header) {
      const line = commentLine(doc, match);
      if (!line) continue;
      const text = doc.raw(line).replace(/\r?\n$/, "").replace(
        /(Extracted from|Date):.*$/,
        `$1: ${value}`,
      );
      edits.push({ kind: "comment", match, line: text });
    }
    const edited = parse(applyEdits(doc, edits), doc.file, { tfvars: true });
    after = insertAttributes(edited, inserts, { groups: o.config.groups, style: "shared" });
  }
  locateLines(after, doc.file, changes);
  return {
    plan: {
      path: o.path,
      file: o.file,
      role: "shared",
      exists: o.shared !== undefined,
      before: o.shared?.text ?? "",
      after,
      beforeDoc: doc,
      intent,
      copied,
      changes,
    },
    notInSource,
  };
}

/** A new shared file in the design's layout. */
function newSharedFile(o: SharedPlanOptions, attrs: NewAttribute[], eol: string): string {
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const header = [
    "# Shared Features Configuration",
    "# These settings sync across all environments",
    `# Extracted from: ${o.env}`,
    `# Date: ${o.date}`,
  ].map((l) => l + eol).join("");
  const blocks = o.config.groups.flatMap((g) => {
    const lines = g.variables.flatMap((v) =>
      byName.has(v) ? [attributeLine(byName.get(v)!, eol)] : []
    );
    if (lines.length === 0) return [];
    return [groupHeading(g, "shared").map((l) => l + eol).join("") + lines.join("")];
  });
  const text = [header, ...blocks].join(eol);
  return realign(text, [{ start: 0, end: text.length }]);
}
