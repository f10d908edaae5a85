// Values as the read-only reports show them: compact HCL clipped for a line, exact JSON for
// scripts, and never the value of a variable declared `sensitive = true`.
import { HclNumber, toHcl, type Value } from "../hcl/value.ts";
import type { ModuleVars } from "../terraform/module.ts";

export const SENSITIVE = "(sensitive)";

/** The "format_version" of every JSON document tfsync prints (docs/json.md); bumped on a change
 * that could break a reader (a field removed or its meaning changed), not on one added. */
export const FORMAT_VERSION = 1;

/** Whether the module declares the variable `sensitive = true`. */
export function isSensitive(module: ModuleVars, name: string): boolean {
  return module.variables.get(name)?.sensitive === true;
}

/** One-line HCL, clipped to `max` characters with "…". */
export function showValue(value: Value, max = 60): string {
  return clip(toHcl(value), max);
}

export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * A value for JSON.stringify that keeps numbers exact (12345678901234567890 stays so) and writes
 * expressions as hcl2json does ("${…}").
 */
export function jsonValue(v: Value): unknown {
  if (v instanceof HclNumber) return rawJSON(v.text);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, jsonValue(x)]));
  if (v !== null && typeof v === "object") return "${" + v.source + "}";
  return v;
}
