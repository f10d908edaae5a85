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
import { joined } from "../words.ts";
import { CROSS_FIX, pathFindings } from "./check_paths.ts";
import { extractedFrom, lastSynced, recordDate } from "../sync/markers.ts";
import { editedByHand, handEditFix, pendingFinding, type SharedMarks } from "./check_verdict.ts";

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
    const why = editedByHand(s, env.name, env.doc!, banner, record);
    if (why) {
      const fix = handEditFix(env.name);
      for (const f of mine) out.push({ ...f, message: joined(f.message, `; ${why}`), fix });
      continue;
    }
    out.push(pendingFinding(s, env.name, env.doc!, mine, banner, record));
  }
  return out;
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
