// tfsync check's verdict on an environment that differs from the shared file: edited by hand
// (drift) or a pending promotion, ahead of the record or behind it, and what fixes each.
import type { Document } from "../hcl/document.ts";
import type { Snapshot } from "../repo/snapshot.ts";
import type { Finding } from "./check_types.ts";
import { option, run, type Text } from "../words.ts";
import { documentFingerprint } from "../sync/fingerprint.ts";
import type { LastSynced } from "../sync/markers.ts";

/** The shared file's "Extracted from:" and "Date:" lines. */
export interface SharedMarks {
  from: string | undefined;
  date: string | undefined;
}

/** The fix of a hand edit: the record's value put back, or the edit recorded. */
export function handEditFix(env: string): Text {
  return [
    "run ",
    run("apply", ["to", env]),
    " to put the shared value back, or ",
    run("extract", ["from", env]),
    " to record it",
  ];
}

/**
 * Why an environment that differs from the record was edited by hand, or undefined when its
 * differences are features that have not reached it yet (a pending promotion): it is as its last
 * sync left it (its banner's fingerprint matches) and the record has changed since. A banner
 * without a fingerprint falls back on the source and dates: the record's source is ahead of it; any
 * other environment was edited when it was synced on a later day than the record's.
 */
export function editedByHand(
  s: Snapshot,
  env: string,
  doc: Document,
  banner: LastSynced | undefined,
  record: SharedMarks,
): string | undefined {
  if (!banner || _upstream(s, env, record)) return undefined;
  // A fingerprint is exact, so it is trusted even in the record's own source (after a backport
  // the source is prod, and a hand edit there is drift); without one, the source is ahead.
  if (banner.fingerprint === undefined && record.from === env) return undefined;
  if (_ownSource(env, banner)) return undefined;
  if (banner.fingerprint !== undefined) {
    const now = documentFingerprint(doc, s.config, s.module);
    return now === banner.fingerprint
      ? undefined
      : `${env} was edited after its last sync (${banner.date}, line ${banner.line})`;
  }
  const date = record.date;
  return date !== undefined && banner.date > date
    ? `${env} was synced on ${banner.date}, after the shared file's ${date}, and edited since`
    : undefined;
}

/**
 * With promotion_order, where features are born: its first environment, and any before the
 * record's source. Such an environment differing from the record is ahead of it, never drift.
 */
function _upstream(s: Snapshot, env: string, record: SharedMarks): boolean {
  const order = s.config.settings.promotionOrder ?? [];
  const i = order.indexOf(env);
  const source = order.indexOf(record.from ?? "");
  return i === 0 || (i >= 0 && i < source);
}

/**
 * A banner without a fingerprint that names its own environment as the source: tfsync never writes
 * one (it syncs no environment from itself), so it is a hand-kept banner of where features start
 * (the bundled example's englacial). Differing from a record taken elsewhere, it is ahead of it.
 */
function _ownSource(env: string, banner: LastSynced | undefined): boolean {
  return banner !== undefined && banner.fingerprint === undefined &&
    banner.from.split(/\s/)[0] === env;
}

/** One line per environment: the variables not yet promoted to it, and what promotes them. */
export function pendingFinding(
  s: Snapshot,
  env: string,
  doc: Document,
  found: Finding[],
  banner: LastSynced | undefined,
  record: SharedMarks,
): Finding {
  const names = found.map((f) => f.variable!);
  const n = names.length === 1
    ? "1 syncable value differs"
    : `${names.length} syncable values differ`;
  const isAhead = record.from === env || _upstream(s, env, record) || _ownSource(env, banner);
  // Values the record leaves to their default and a synced environment still sets stay after
  // every promotion into it: only --prune removes them. Set in an environment no sync wrote (where
  // features are born), they are new: a promotion from it records them.
  const onlyHere = !isAhead && banner !== undefined &&
    found.every((f) =>
      f.values?.[env]?.layer === "environment" && f.values?.shared?.layer === "default"
    );
  const ahead = isAhead ? `${env} is ahead of it` : "not promoted yet";
  const them = names.length === 1 ? "it" : "them";
  const message: Text = onlyHere
    ? [
      `${env}: ${n} from the shared file (${names.join(", ")}): set in ${env}, while the ` +
      `shared file leaves ${them} to the variables.tf default; promotions keep ${them} until `,
      option("prune"),
    ]
    : `${env}: ${n} from the shared file (${names.join(", ")}): ${ahead}, a pending promotion`;
  const fix: Text = onlyHere
    ? [
      "run ",
      run("apply", ["to", env], ["prune"]),
      ` to remove ${them}, or `,
      run("extract", ["from", env]),
      ` to record ${them}`,
    ]
    : isAhead
    ? [
      "run ",
      run("promote", ["from", env], ["to", "ENV"]),
      " to take it further, or ",
      run("apply", ["to", env]),
      ` to bring ${env} in line`,
    ]
    : _bringShared(env, record.from);
  return {
    check: "pending",
    severity: "warning",
    message,
    fix,
    file: doc.file,
    ...(banner && { line: banner.line }),
    environment: env,
    variables: names,
  };
}

/**
 * The fix of an environment behind the record: the record's values brought to it, by a promote
 * from the record's source (which re-extracts it first) or an apply of the record as it is.
 */
function _bringShared(env: string, source: string | undefined): Text {
  const apply = run("apply", ["to", env]);
  return source === undefined ? ["run ", apply, ` to bring ${env} the shared file's values`] : [
    "run ",
    run("promote", ["from", source], ["to", env]),
    ` to promote ${source}'s values to ${env}, or `,
    apply,
    " to bring it the shared file's as they are",
  ];
}
