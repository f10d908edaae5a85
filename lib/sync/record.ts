// The record conflicts are judged against: the shared file as the last sync left it. A run that
// changes the shared file (extract, promote, backport, sync) keeps its previous text in one small
// file in the root, .tfsync-previous-record.json, with a hash of the text the run wrote: while the
// shared file is still that text, `apply` judges conflicts against the previous one (after
// `extract`, the shared file holds the new values, not what the targets were synced to). Any other
// change of the shared file (a hand edit, a checkout, a restore) makes it stale, and the shared
// file is the record again.
import { join } from "../_path.ts";
import { readTextIfExists } from "../_fs.ts";
import { type Document, parse } from "../hcl/document.ts";
import { encode } from "../hcl/encoding.ts";
import type { TfvarsFile } from "../repo/repo.ts";

/** The file's name in the root. */
export const PREVIOUS_RECORD = ".tfsync-previous-record.json";

export interface PreviousRecord {
  /** The shared file, relative to the root. */
  shared: string;
  /** SHA-256 (hex) of the shared file's text as the run wrote it. */
  written: string;
  /** The shared file's text before the run; null when the run created it. */
  before: string | null;
}

/** The record of the last sync, and how to name it. */
export interface LastRecord {
  /** Undefined when there is no earlier record: then nothing is a conflict. */
  doc: Document | undefined;
  name: string;
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(encode(text)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The record before the run that last changed the shared file, while the shared file is as that
 * run left it; else the shared file itself (undefined when there is none).
 */
export async function lastRecord(
  root: string,
  shared: TfvarsFile | undefined,
): Promise<LastRecord | undefined> {
  if (!shared) return undefined;
  const current = { doc: shared.doc, name: shared.doc.file };
  const text = await readTextIfExists(join(root, PREVIOUS_RECORD), { root });
  if (text === undefined) return current;
  let kept: PreviousRecord;
  try {
    kept = JSON.parse(text);
  } catch {
    return current; // not a record tfsync wrote: the shared file is the record
  }
  if (kept?.written !== await sha256(shared.text)) return current;
  const name = `${shared.doc.file} before its last change (${PREVIOUS_RECORD})`;
  if (typeof kept.before !== "string") return { doc: undefined, name };
  try {
    // Its values were in the shared file, at these lines, when the last sync recorded them.
    return { doc: parse(kept.before, shared.doc.file, { tfvars: true }), name };
  } catch {
    return current; // not a text tfsync wrote: the shared file is the record
  }
}
