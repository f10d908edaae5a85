// The comment lines tfsync reads and writes in the files it syncs, in one place: the shared file's
// header ("Extracted from: ENV", "Date: DATE"), an environment file's banner ("SYNCED FEATURES
// (from FILE)" between rule lines) and its "Last synced: DATE from: SOURCE [values FINGERPRINT]"
// line. Found by the marker after `#` or `//`, whatever the rest of the line says.
import { commentLine, type Document } from "../hcl/document.ts";

const marker = (label: string) => new RegExp(`^[ \\t]*(#|\\/\\/)[ \\t]*${label}`);

export const EXTRACTED_FROM = marker("Extracted from:");
export const DATE = marker("Date:");
export const LAST_SYNCED = marker("Last synced:");
/** The banner heading line of the synced section (not a comment that merely mentions it). */
export const SECTION_HEADING = marker("SYNCED FEATURES\\b");
/** A comment line holding only a rule: `# =====`. */
export const RULE = /^[ \t]*(#|\/\/)[ \t]*[=\-#*]{5,}[ \t]*\r?\n?$/;
export const RULE_LINE = "# " + "=".repeat(77);

/** The header of a new shared file. */
export function sharedHeader(env: string, date: string): string[] {
  return [
    "# Shared Features Configuration",
    "# These settings sync across all environments",
    extractedFromLine(env),
    `# Date: ${date}`,
  ];
}

export function extractedFromLine(env: string): string {
  return `# Extracted from: ${env}`;
}

/** A header line ("Extracted from:" or "Date:") with a new value; the rest of the line kept. */
export function withHeaderValue(line: string, value: string): string {
  return line.replace(/(Extracted from|Date):.*$/, `$1: ${value}`);
}

/** The text of a "Last synced:" line, without its `# `. */
export function lastSyncedText(date: string, from: string, values: string): string {
  return `Last synced: ${date} from: ${from} [values ${values}]`;
}

/** An existing "Last synced:" line with new text from the marker on. */
export function withLastSynced(line: string, text: string): string {
  return line.replace(/Last synced:.*$/, text);
}

/** The banner of a new SYNCED FEATURES section. */
export function sectionBanner(sharedFile: string, synced: string): string[] {
  return [RULE_LINE, `# SYNCED FEATURES (from ${sharedFile})`, `# ${synced}`, RULE_LINE];
}

/** The environment named in the shared file's "Extracted from:" line, if it has one. */
export function extractedFrom(doc: Document): string | undefined {
  const line = commentLine(doc, EXTRACTED_FROM);
  return line ? /Extracted from:[ \t]*(\S+)/.exec(doc.raw(line))?.[1] : undefined;
}

/** The shared file's "Date:" line. */
export function recordDate(doc: Document): string | undefined {
  const item = commentLine(doc, DATE);
  return item ? /Date:[ \t]*(\d{4}-\d{2}-\d{2})/.exec(doc.raw(item))?.[1] : undefined;
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
  const line = doc.lineOf(item.start);
  return { date: m[1], from: m[2] ?? "", fingerprint: m[3], line };
}
