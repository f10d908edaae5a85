// How tfsync knows whether an environment was edited by hand since its last sync: the banner's
// "Last synced:" line carries a fingerprint of the syncable values the sync left in the file
// (`# Last synced: 2026-01-05 from: englacial [values 1a2b3c4d]`). The banner's date is per day;
// the fingerprint tells a same-day sync and hand edit apart, and lives in the committed file, so
// a fresh clone in CI knows it too. A variable synced by path counts only its synced paths: an
// environment's own key edited by hand is no drift.
import type { Document } from "../hcl/document.ts";
import type { RuleTree } from "../hcl/path.ts";
import { syncedPart } from "../hcl/path_select.ts";
import { toJson, type Value } from "../hcl/value.ts";
import type { ModuleVars } from "../terraform/module_types.ts";
import { canonical, declaredType } from "../terraform/types_equal.ts";

/** What the fingerprint takes of the config: the syncable names and the rules of their paths. */
export interface Synced {
  readonly syncable: readonly string[];
  rules(name: string): RuleTree | undefined;
}

/**
 * FNV-1a (32 bits) of the synced values a file sets, in `syncable` order, each as its declared
 * type holds it (a hand edit of "true" into true is none): 8 hex digits.
 */
export function fingerprint(
  config: Synced,
  module: ModuleVars,
  get: (name: string) => Value | undefined,
): string {
  let h = 0x811c9dc5;
  for (const name of config.syncable) {
    const whole = get(name);
    const rules = config.rules(name);
    const v = whole === undefined || !rules ? whole : syncedPart(whole, rules);
    if (v === undefined) continue;
    const s = `${name}=${toJson(canonical(v, declaredType(module, name)))}\n`;
    // Code point by code point (a surrogate pair is one, a lone surrogate its own), as a
    // string's iterator gives them, without making a string of each.
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const low = s.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) c = (c - 0xd800) * 0x400 + low - 0xdc00 + 0x10000, i++;
      }
      h ^= c;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, "0");
}

/** The fingerprint of the synced values a document sets now. */
export function documentFingerprint(doc: Document, config: Synced, module: ModuleVars): string {
  return fingerprint(config, module, (n) => doc.get(n)?.value);
}
