// The record conflicts are judged against: the shared file as the last sync left it. A run that
// changes the shared file (extract, promote, backport, sync) keeps its previous text in one small
// file in the root, .tfsync-previous-record.json, with a hash of the text the run wrote: while the
// shared file is still that text, `apply` judges conflicts against the previous one (after
// `extract`, the shared file holds the new values, not what the targets were synced to). Any other
// change of the shared file (a hand edit, a checkout, a restore) makes it stale, and the shared
// file is the record again. An environment a run synced to the shared file as it is now (promote's
// target, or apply's) is listed in `synced`: its record is the shared file itself, not the
// previous text (it was synced to the new values, and judged against the old ones a hand edit back
// to an old value was no conflict, and every value of its last sync was one).
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
  /** The environments synced to the shared file as written (absent: none). */
  synced?: string[];
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
  env?: string,
): Promise<LastRecord | undefined> {
  if (!shared) return undefined;
  const current = { doc: shared.doc, name: shared.doc.file };
  const kept = await keptRecord(root, shared.text);
  if (!kept || (env !== undefined && kept.synced?.includes(env))) return current;
  const name = `${shared.doc.file} before its last change (${PREVIOUS_RECORD})`;
  if (typeof kept.before !== "string") return { doc: undefined, name };
  try {
    // Its values were in the shared file, at these lines, when the last sync recorded them.
    return { doc: parse(kept.before, shared.doc.file, { tfvars: true }), name };
  } catch {
    return current; // not a text tfsync wrote: the shared file is the record
  }
}

/** The kept record while the shared file is still `text`, the text its run wrote. */
async function keptRecord(root: string, text: string): Promise<PreviousRecord | undefined> {
  const json = await readTextIfExists(join(root, PREVIOUS_RECORD), { root });
  if (json === undefined) return undefined;
  let kept: PreviousRecord;
  try {
    kept = JSON.parse(json);
  } catch {
    return undefined; // not a record tfsync wrote: the shared file is the record
  }
  if (kept?.written !== await sha256(text)) return undefined;
  return kept;
}

/**
 * The kept record with `env` added to `synced`, after a run that synced `env` to the shared file
 * and left it unchanged (apply); undefined when nothing is kept or it lists `env` already.
 */
export async function withSynced(
  root: string,
  sharedPath: string,
  env: string,
): Promise<PreviousRecord | undefined> {
  const text = await readTextIfExists(sharedPath, { root });
  const kept = text === undefined ? undefined : await keptRecord(root, text);
  if (!kept || kept.synced?.includes(env)) return undefined;
  return { ...kept, synced: [...kept.synced ?? [], env] };
}

/**
 * The kept record without `env` in `synced`, after a run that put `env`'s files back as they were
 * before it was synced (restore --env): its record is the previous text again. Undefined when
 * nothing is kept or it does not list `env`.
 */
export async function withoutSynced(
  root: string,
  sharedPath: string,
  env: string,
): Promise<PreviousRecord | undefined> {
  const text = await readTextIfExists(sharedPath, { root });
  const kept = text === undefined ? undefined : await keptRecord(root, text);
  if (!kept?.synced?.includes(env)) return undefined;
  const synced = kept.synced.filter((e) => e !== env);
  const { synced: _, ...rest } = kept;
  return synced.length ? { ...rest, synced } : rest;
}
