// Extract: an environment's syncable values into the shared file. An existing file is edited in
// place (comments, order and layout kept; its "Extracted from:" and "Date:" lines updated); a
// missing one is written in the design's layout: a header, a comment heading per group, values
// aligned as terraform fmt would.
import type { Config } from "../config/config.ts";
import { commentLine, Document } from "../hcl/document.ts";
import type { Edit } from "../hcl/edit.ts";
import { realign } from "../hcl/align.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { attributeLine, groupHeading, type NewAttribute } from "./sync_insert.ts";
import { DATE, EXTRACTED_FROM, sharedHeader, withHeaderValue } from "./markers.ts";
import {
  applyBatch,
  type FilePlan,
  locateLines,
  placeOf,
  planCopies,
  removal,
} from "./sync_plan.ts";
import { checkCopy, sameFor } from "../terraform/types_equal.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import { readEdited } from "../hcl/verify.ts";
import { planSharedPaths } from "./sync_paths.ts";
import { isJsonPath } from "../hcl/var_file.ts";
import { parseJson } from "../hcl/json_document.ts";

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
  /** A partial sync of groups: only the paths these groups name. */
  groups?: readonly string[];
  /** The declared types, so that "nothing to change" is judged as terraform compares. */
  module: ModuleVars;
}

export interface SharedPlan {
  plan: FilePlan;
  /** Syncable variables the environment does not set (left to their variables.tf default). */
  notInSource: string[];
}

export function planShared(o: SharedPlanOptions): SharedPlan {
  const src = o.source.doc;
  // A new shared file named .json is a JSON object (no banner: JSON has no comments).
  const json = !o.shared && isJsonPath(o.path);
  const doc = o.shared?.doc ??
    (json ? parseJson(`{${src.eol}}${src.eol}`, o.file) : new Document(o.file, "", []));
  const notInSource: string[] = [];
  const batch = planCopies(o.names ?? o.config.syncable, o.config, src, doc, {
    // Synced by path: the shared file records the synced part of the value.
    groups: o.groups,
    paths(name, rules, b) {
      const p = planSharedPaths(name, rules, src, doc, o.module, o.config.rules(name));
      if (!src.get(name)) notInSource.push(name);
      b.edits.push(...p.edits);
      if (p.set !== undefined) b.edits.push({ kind: "set", name, value: p.set });
      if (p.insert !== undefined) b.inserts.push({ name, value: p.insert });
      b.changes.push(...p.changes);
      if (p.changes.length) b.intent.set(name, p.value);
    },
    unset(name, t, b) {
      notInSource.push(name);
      if (t) removal(b, name, t);
    },
    same: (name, t, s) => sameFor(o.module, name, t, s),
    // The shared file is a layer of every environment: a value that does not fit its type
    // never goes in.
    copying(name, s) {
      checkCopy(o.module, name, s.value, placeOf(o.source, s), doc.file);
      return {};
    },
  });
  let after = doc;
  if (json) {
    after = applyBatch(doc, batch, [], { groups: o.config.groups, style: "shared" });
  } else if (!o.shared) {
    after = readEdited(doc, newSharedFile(o, batch.inserts, src.eol));
    locateLines(after, batch.changes);
  } else if (batch.changes.length > 0) {
    const header = [[EXTRACTED_FROM, o.env], [DATE, o.date]] as const;
    const edits: Edit[] = [];
    for (const [match, value] of o.names ? header.slice(1) : header) {
      const line = commentLine(doc, match);
      if (!line) continue;
      const text = withHeaderValue(doc.raw(line).replace(/\r?\n$/, ""), value);
      edits.push({ kind: "comment", match, line: text });
    }
    after = applyBatch(doc, batch, edits, { groups: o.config.groups, style: "shared" });
  }
  return {
    plan: {
      path: o.path,
      file: o.file,
      role: "shared",
      exists: o.shared !== undefined,
      before: o.shared?.text ?? "",
      after: after.text,
      beforeDoc: doc,
      afterDoc: after,
      intent: batch.intent,
      copied: batch.copied,
      changes: batch.changes,
    },
    notInSource,
  };
}

/** A new shared file in the design's layout. */
function newSharedFile(o: SharedPlanOptions, attrs: NewAttribute[], eol: string): string {
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const header = sharedHeader(o.env, o.date).map((l) => l + eol).join("");
  const blocks = o.config.groups.flatMap((g) => {
    // A variable two groups name by path is written once, under the first.
    const lines = g.variables.flatMap((v) => {
      const a = byName.get(v);
      byName.delete(v);
      return a ? [attributeLine(a, eol)] : [];
    });
    if (lines.length === 0) return [];
    return [groupHeading(g, "shared").map((l) => l + eol).join("") + lines.join("")];
  });
  const text = [header, ...blocks].join(eol);
  return realign(text, [{ start: 0, end: text.length }]);
}
