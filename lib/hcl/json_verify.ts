// Post-edit verification of a JSON var file, as verify.ts does for HCL: the edited text is read
// back by tfsync and by an independent JSON reader (JSON.parse); the members the edit did not
// touch read the same as before and each edited one reads as intended (a removed one is gone).
import { VerificationError } from "./errors.ts";
import type { JsonDocument } from "./json_document.ts";
import { toHcl, toPlain, type Value, valuesEqual } from "./value.ts";

/** The intended value of each edited member; `undefined` means removed. */
type Intent = Map<string, Value | undefined>;

/** `after` is the edited text as tfsync reads it (verify.ts's readEdited). */
export function verifyJsonEdit(
  before: JsonDocument,
  after: JsonDocument,
  intent: Intent,
): JsonDocument {
  const theirs = [before.text, after.text].map(readPlain);
  const problems: string[] = [];
  const names = new Set([...before.attributes, ...after.attributes].map((a) => a.name));
  for (const name of names) {
    const edited = intent.has(name);
    const want = edited ? intent.get(name) : before.get(name)?.value;
    const got = after.get(name)?.value;
    if ((want === undefined) !== (got === undefined)) {
      problems.push(`"${name}" is ${want === undefined ? "present" : "missing"} after the edit`);
    } else if (want !== undefined && !valuesEqual(want, got!)) {
      problems.push(`"${name}" is ${toHcl(got!)}, expected ${toHcl(want)}`);
    } else if (want !== undefined) {
      const expected = edited ? toPlain(want) : theirs[0][name];
      if (!plainEqual(theirs[1][name], expected)) {
        const [is, was] = [theirs[1][name], expected].map((v) => JSON.stringify(v));
        problems.push(`JSON.parse reads "${name}" as ${is}, expected ${was}`);
      }
    }
  }
  if (problems.length) {
    throw new VerificationError(`Verification failed: ${problems.join("; ")}`, {
      file: before.file,
    });
  }
  return after;
}

/**
 * The members as JSON.parse reads them, made what terraform reads: strings and keys NFC (a lone
 * surrogate U+FFFD), -0 a 0.
 */
export function readPlain(text: string): Record<string, unknown> {
  const terraform = (v: unknown): unknown => {
    if (typeof v === "string") return v.normalize("NFC").toWellFormed();
    if (v === 0) return 0;
    if (Array.isArray(v)) return v.map(terraform);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.normalize("NFC").toWellFormed(), terraform(x)]),
    );
  };
  return terraform(JSON.parse(text)) as Record<string, unknown>;
}

/** Deep equality of JSON-like values, ignoring object key order. */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => plainEqual(x, bb[i]));
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length &&
    ka.every((k) =>
      Object.hasOwn(b, k) &&
      plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
    );
}
