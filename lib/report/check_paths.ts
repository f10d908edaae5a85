// tfsync check for variables synced by path: each environment's synced keys against the shared
// file's record (else against the first environment that sets the variable), one finding a
// path; a synced path whose parent an environment lacks, or holds as no object, is a warning.
import { formatPath, pathJson } from "../hcl/path.ts";
import { mergePaths } from "../hcl/path_merge.ts";
import type { Document } from "../hcl/document.ts";
import type { Snapshot } from "../repo/snapshot.ts";
import { lineOf } from "../hcl/path_tree.ts";
import { isSensitive, SENSITIVE, showValue } from "./present.ts";
import type { Finding } from "./check_types.ts";
import type { Value } from "../hcl/value.ts";
import { declaredType, sameAtKeys, shownAs, typeAt } from "../terraform/types_equal.ts";
import { run, type Text } from "../words.ts";

/** The fix of drift between environments, when no shared file records which one is right. */
export const CROSS_FIX: Text = [
  "run ",
  run("extract", ["from", "ENV"]),
  " to record one environment's values, then ",
  run("apply", ["to", "ENV"]),
  " for the others",
];

/** Drift and warnings of one variable synced by path. */
export function pathFindings(s: Snapshot, name: string): Finding[] {
  const rules = s.config.rules(name)!;
  const envs = s.environments.filter((e) => e.doc?.get(name));
  const record = s.shared?.get(name) ? s.shared : envs[0]?.doc;
  if (!record) return [];
  const type = declaredType(s.module, name);
  const show = (v: Value | undefined, keys: string[]) =>
    v === undefined
      ? "(not set)"
      : isSensitive(s.module, name)
      ? SENSITIVE
      : showValue(shownAs(v, typeAt(type, keys)));
  const out: Finding[] = [];
  for (const env of s.environments) {
    const doc = env.doc;
    if (!doc || doc === record) continue;
    const m = mergePaths(name, record, doc, rules, false, sameAtKeys(s.module, name));
    for (const p of m.problems) {
      if (p.side !== "target") continue;
      const parent = formatPath(name, p.keys.slice(0, p.depth));
      const line = lineOf(doc, name, p.keys.slice(0, p.depth));
      const missing = p.why === "missing";
      out.push({
        check: "path",
        severity: "warning",
        message: `${env.name}: ${formatPath(name, p.keys)} is not synced: ${parent} is ${
          missing ? "not set" : "not an object or map"
        } here`,
        // tfsync never guesses the parent's shape: a person gives it one.
        fix: missing
          ? `set ${parent} in ${env.name} (an object or map) for the path to sync there`
          : `make ${parent} in ${env.name} an object or map for the path to sync there`,
        file: doc.file,
        ...(line && { line }),
        variable: name,
        path: pathJson({ name, keys: p.keys }),
        environment: env.name,
      });
    }
    for (const c of m.changes) {
      const path = formatPath(name, c.keys);
      out.push({
        check: "drift",
        severity: "error",
        message: `${env.name}: ${path} = ${show(c.from, c.keys)}, but ${theirs(s, record, path)} ${
          show(c.to, c.keys)
        } (${record.file}${at(lineOf(record, name, c.keys))})`,
        file: doc.file,
        ...(c.from !== undefined && { line: lineOf(doc, name, c.keys) }),
        // With a shared file, driftFindings gives the fix (drift or pending, by the banner).
        ...(!s.shared && { fix: CROSS_FIX }),
        variable: path,
        path: pathJson({ name, keys: c.keys }),
        environment: env.name,
      });
    }
  }
  return out;
}

function theirs(s: Snapshot, record: Document, path: string): string {
  return record === s.shared ? "the shared file has" : `${path} is`;
}

/** ":LINE", or nothing for a path the file does not set. */
function at(line: number | undefined): string {
  return line === undefined ? "" : `:${line}`;
}
