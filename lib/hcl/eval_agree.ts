// Agreement with hashicorp/hcl's reading of a file (hcl2json), which does not evaluate
// everything: what it shows as "${…}" text is an expression it left alone, so nothing to compare.
import { HclNumber, toJson, type Value } from "./value.ts";

/**
 * Where a value disagrees with hcl2json's reading of the same expression ("" when nowhere).
 * hcl2json does not evaluate: an expression or template it shows as "${…}" text is skipped.
 */
export function disagreement(ours: Value, theirs: unknown, path = "$"): string {
  const differ = `${path}: tfsync ${toJson(ours)}, hcl2json ${JSON.stringify(theirs)}`;
  if (typeof theirs === "string" && /[$%]\{/.test(theirs)) return "";
  if (typeof theirs === "number") {
    return ours instanceof HclNumber && Number(ours.text) === theirs ? "" : differ;
  }
  if (theirs === null || typeof theirs !== "object") return ours === theirs ? "" : differ;
  if (Array.isArray(theirs)) {
    if (!Array.isArray(ours) || ours.length !== theirs.length) return differ;
    for (const [i, x] of theirs.entries()) {
      const d = disagreement(ours[i], x, `${path}[${i}]`);
      if (d) return d;
    }
    return "";
  }
  const keys = Object.keys(theirs);
  if (keys.some((k) => /[$%]\{/.test(k))) return "";
  if (!(ours instanceof Map) || ours.size !== keys.length) return differ;
  for (const k of keys) {
    if (!ours.has(k)) return differ;
    const d = disagreement(ours.get(k)!, (theirs as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return "";
}
