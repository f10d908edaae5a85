// tfsync check's drift: each environment's effective value of each syncable variable against
// the shared file's (its value, else the default it leaves in place); with no shared value to
// compare with, the environments against one another.
import type { Document } from "../hcl/document.ts";
import { type Effective, effectiveValue, type NoValue } from "../terraform/layers.ts";
import { isSensitive, SENSITIVE, showValue } from "./present.ts";
import type { Snapshot } from "../repo/snapshot.ts";
import { valuesEqual } from "../hcl/value.ts";
import type { Finding, Located } from "./check.ts";

function _locate(e: Effective | NoValue, inShared: boolean, sensitive: boolean): Located {
  if (e.source === "none") return { layer: "none" };
  const layer = e.source === "default" ? "default" : inShared ? "shared" : "environment";
  return { layer, value: e.value, file: e.file, line: e.line, ...(sensitive && { sensitive }) };
}

function _same(a: Located, b: Located): boolean {
  if (a.layer === "none" || b.layer === "none") return a.layer === b.layer;
  return valuesEqual(a.value!, b.value!);
}

function _show(l: Located): string {
  return l.sensitive ? SENSITIVE : showValue(l.value!);
}

/** Each environment's effective value of each syncable variable against the shared file's. */
export function driftFindings(s: Snapshot): Finding[] {
  if (s.sharedBroken) return [];
  const out: Finding[] = [];
  const envs = s.environments.filter((e) => e.doc);
  for (const name of s.config.syncable) {
    const sensitive = isSensitive(s.module, name);
    const ref = s.shared
      ? _locate(effectiveValue(name, s.shared, s.module), true, sensitive)
      : { layer: "none" as const };
    const vals = envs.map((e) => ({
      env: e,
      at: _locate(effectiveValue(name, e.doc, s.module), false, sensitive),
    }));
    if (ref.layer === "none") {
      const f = _crossDrift(name, vals);
      if (f) out.push(f);
      continue;
    }
    for (const { env, at } of vals) {
      if (_same(at, ref)) continue;
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
        file: env.doc!.file,
        ...(at.layer === "environment" && { line: at.line }),
        variable: name,
        environment: env.name,
        values: { [env.name]: at, shared: ref },
      });
    }
  }
  return out;
}

/** No shared value to compare with: a finding when the environments disagree among themselves. */
function _crossDrift(
  name: string,
  vals: Array<{ env: { name: string; doc?: Document }; at: Located }>,
): Finding | undefined {
  const groups: Array<{ at: Located; envs: string[]; where: Located[] }> = [];
  for (const { env, at } of vals) {
    const g = groups.find((g) => _same(g.at, at));
    if (g) g.envs.push(env.name), g.where.push(at);
    else groups.push({ at, envs: [env.name], where: [at] });
  }
  if (groups.length < 2) return undefined;
  const largest = Math.max(...groups.map((g) => g.envs.length));
  const odd =
    vals.find(({ at }) =>
      groups.find((g) => _same(g.at, at))!.envs.length < largest && at.layer === "environment"
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
    file: odd.env.doc!.file,
    ...(odd.at.layer === "environment" && { line: odd.at.line }),
    variable: name,
    values: Object.fromEntries(vals.map(({ env, at }) => [env.name, at])),
  };
}
