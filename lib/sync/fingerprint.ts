// How tfsync knows whether an environment was edited by hand since its last sync: the banner's
// "Last synced:" line carries a fingerprint of the syncable values the sync left in the file
// (`# Last synced: 2026-01-05 from: englacial [values 1a2b3c4d]`). The banner's date is per day;
// the fingerprint tells a same-day sync and hand edit apart, and lives in the committed file, so
// a fresh clone in CI knows it too.
import { commentLine } from "../hcl/edit.ts";
import type { Document } from "../hcl/document.ts";
import { toJson, type Value } from "../hcl/value.ts";

export const LAST_SYNCED = /^[ \t]*(#|\/\/)[ \t]*Last synced:/;

/** FNV-1a (32 bits) of the values a file sets, by name in `names` order: 8 hex digits. */
export function fingerprint(names: readonly string[], get: (name: string) => Value | undefined) {
  let h = 0x811c9dc5;
  for (const name of names) {
    const v = get(name);
    if (v === undefined) continue;
    for (const ch of `${name}=${toJson(v)}\n`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, "0");
}

/** The fingerprint of the syncable values a document sets now. */
export function documentFingerprint(doc: Document, names: readonly string[]): string {
  return fingerprint(names, (n) => doc.get(n)?.value);
}

export interface LastSynced {
  date: string;
  from: string;
  /** Absent in banners written before fingerprints (or by hand). */
  fingerprint?: string;
  line: number;
}

/** The environment file's "Last synced:" line, read. */
export function lastSynced(doc: Document): LastSynced | undefined {
  const item = commentLine(doc, LAST_SYNCED);
  if (!item) return undefined;
  const m =
    /Last synced:[ \t]*(\d{4}-\d{2}-\d{2})(?:[ \t]+from:[ \t]*([^[\r\n]*?))?[ \t]*(?:\[values ([0-9a-f]{8})\])?[ \t]*\r?\n?$/
      .exec(doc.raw(item));
  if (!m) return undefined;
  const line = doc.text.slice(0, item.start).split("\n").length;
  return { date: m[1], from: m[2] ?? "", fingerprint: m[3], line };
}

/** The shared file's "Date:" line. */
export function recordDate(doc: Document): string | undefined {
  const item = commentLine(doc, /^[ \t]*(#|\/\/)[ \t]*Date:/);
  return item ? /Date:[ \t]*(\d{4}-\d{2}-\d{2})/.exec(doc.raw(item))?.[1] : undefined;
}
