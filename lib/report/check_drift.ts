// tfsync check's drift: each environment's effective value of each syncable variable against
// the shared file's (its value, else the default it leaves in place); with no shared value to
// compare with, the environments against one another.
import type { Attribute, Document } from "../hcl/document.ts";
import { effectiveValue, type Located, sameLocated, winningLayer } from "../terraform/layers.ts";
import { isSensitive, SENSITIVE, showValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import type { TfType } from "../terraform/types.ts";
import { declaredType } from "../terraform/types_equal.ts";
import type { CheckValue, Finding } from "./check_types.ts";
import { joined, option, run, type Text } from "../words.ts";
import { CROSS_FIX, pathFindings } from "./check_paths.ts";
import { documentFingerprint } from "../sync/fingerprint.ts";
import { extractedFrom, type LastSynced, lastSynced, recordDate } from "../sync/markers.ts";

/** The shared file's "Extracted from:" and "Date:" lines. */
interface SharedMarks {
  from: string | undefined;
  date: string | undefined;
}

function _sensitive(l: Located, sensitive: boolean): CheckValue {
  return l.layer !== "none" && sensitive ? { ...l, sensitive } : l;
}

function _show(l: CheckValue): string {
  return l.sensitive ? SENSITIVE : showValue(l.value!);
}

/** Each environment's effective value of each syncable variable against the shared file's. */
export function driftFindings(s: Snapshot): Finding[] {
  if (s.sharedBroken) return [];
  const all = _differences(s);
  if (!s.shared) return all;
  // A synced path an environment cannot take is a warning of its own, never a pending value.
  const out: Finding[] = all.filter((f) => f.check === "path");
  const byEnv = new Map<string, Finding[]>();
  for (const f of all) {
    if (f.check === "path") continue;
    const mine = byEnv.get(f.environment!);
    if (mine) mine.push(f);
    else byEnv.set(f.environment!, [f]);
  }
  // The shared file's marker lines, read once for every environment.
  const record: SharedMarks = { from: extractedFrom(s.shared), date: recordDate(s.shared) };
  for (const env of s.environments) {
    const mine = byEnv.get(env.name);
    if (!mine) continue;
    const banner = lastSynced(env.doc!);
    const why = _editedByHand(s, env.name, env.doc!, banner, record);
    if (why) {
      const fix = [
        "run ",
        run("apply", ["to", env.name]),
        " to put the shared value back, or ",
        run("extract", ["from", env.name]),
        " to record it",
      ];
      for (const f of mine) out.push({ ...f, message: joined(f.message, `; ${why}`), fix });
      continue;
    }
    out.push(_pending(s, env.name, env.doc!, mine, banner, record));
  }
  return out;
}

/**
 * Why an environment that differs from the record was edited by hand, or undefined when its
 * differences are features that have not reached it yet (a pending promotion): it is as its last
 * sync left it (its banner's fingerprint matches) and the record has changed since. A banner
 * without a fingerprint falls back on the source and dates: the record's source is ahead of it; any
 * other environment was edited when it was synced on a later day than the record's.
 */
function _editedByHand(
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

/** One line per environment: the variables not yet promoted to it, and what promotes them. */
function _pending(
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
  const isAhead = record.from === env || _upstream(s, env, record);
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

function _differences(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const envs = s.environments.filter((e) => e.doc);
  for (const name of s.config.syncable) {
    if (s.config.rules(name)) {
      out.push(...pathFindings(s, name));
      continue;
    }
    const sensitive = isSensitive(s.module, name);
    const type = declaredType(s.module, name);
    const ref = s.shared
      ? _sensitive(effectiveValue(name, s.shared, s.module, "shared"), sensitive)
      : { layer: "none" as const };
    if (ref.layer === "none") {
      const vals = envs.map((e) => ({
        env: e,
        at: _sensitive(effectiveValue(name, layerDocs(e), s.module), sensitive),
      }));
      const f = _crossDrift(name, vals, type);
      if (f) out.push(f);
      continue;
    }
    const refAttr = ref.layer === "shared" ? s.shared!.get(name) : undefined;
    for (const env of envs) {
      const layers = layerDocs(env);
      if (_sameAsShared(name, layers, s.shared!, refAttr)) continue;
      const at = _sensitive(effectiveValue(name, layers, s.module), sensitive);
      if (sameLocated(at, ref, type)) continue;
      const mine = at.layer === "environment"
        ? `${name} = ${_show(at)}`
        : at.layer === "default"
        ? `${name} is not set (default ${_show(at)})`
        : `${name} is not set and has no default`;
      const theirs = ref.layer === "shared"
        ? `the shared file has ${_show(ref)} (${ref.file}:${ref.line})`
        : `the shared file leaves it at the default ${_show(ref)} (${ref.file}:${ref.line})`;
      out.push({
        check: "drift",
        severity: "error",
        message: `${env.name}: ${mine}, but ${theirs}`,
        // The file the value comes from (with several var files: its layer's).
        ...(at.layer === "environment"
          ? { file: at.file, line: at.line }
          : { file: env.doc!.file }),
        variable: name,
        environment: env.name,
        values: { [env.name]: at, shared: ref },
      });
    }
  }
  return out;
}

/**
 * Whether an environment's value is the shared file's without reading either: both leave the
 * variable to its default, or both set it to the same text (which is the same value). Most values
 * are; the others are compared as values.
 */
function _sameAsShared(
  name: string,
  layers: Document[],
  shared: Document,
  refAttr: Attribute | undefined,
): boolean {
  const doc = winningLayer(name, layers);
  const attr = doc?.get(name);
  if (!attr || !refAttr) return !attr && !refAttr;
  // The same text is the same value in the same syntax (JSON's strings read differently).
  if (doc!.format !== "hcl" || shared.format !== "hcl") return false;
  const length = attr.valueEnd - attr.valueStart;
  return length === refAttr.valueEnd - refAttr.valueStart &&
    shared.text.startsWith(doc!.text.slice(attr.valueStart, attr.valueEnd), refAttr.valueStart);
}

/** No shared value to compare with: a finding when the environments disagree among themselves. */
function _crossDrift(
  name: string,
  vals: Array<{ env: { name: string; doc?: Document }; at: CheckValue }>,
  type: TfType | undefined,
): Finding | undefined {
  const groups: Array<{ at: CheckValue; envs: string[]; where: CheckValue[] }> = [];
  for (const { env, at } of vals) {
    const g = groups.find((g) => sameLocated(g.at, at, type));
    if (g) g.envs.push(env.name), g.where.push(at);
    else groups.push({ at, envs: [env.name], where: [at] });
  }
  if (groups.length < 2) return undefined;
  const largest = Math.max(...groups.map((g) => g.envs.length));
  const odd =
    vals.find(({ at }) =>
      groups.find((g) => sameLocated(g.at, at, type))!.envs.length < largest &&
      at.layer === "environment"
    ) ?? vals.find(({ at }) => at.layer === "environment") ?? vals[0];
  const parts = groups.map((g) => {
    const v = g.at.layer === "none"
      ? "not set (no default)"
      : g.at.layer === "default"
      ? `${_show(g.at)} (default)`
      : _show(g.at);
    return `${v} in ${g.envs.join(", ")}`;
  });
  return {
    check: "drift",
    severity: "error",
    message: `${name} differs between environments: ${parts.join("; ")}`,
    fix: CROSS_FIX,
    ...(odd.at.layer === "environment"
      ? { file: odd.at.file, line: odd.at.line }
      : { file: odd.env.doc!.file }),
    variable: name,
    values: Object.fromEntries(vals.map(({ env, at }) => [env.name, at])),
  };
}
