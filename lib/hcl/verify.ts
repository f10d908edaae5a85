// Post-edit verification: the edited text, read back by hashicorp/hcl (hcl2json) and by our own
// parser, differs from the original in exactly the intended attributes, by exactly the intended
// values. Anything else is a bug, and the caller writes nothing.
import { type Document, parse } from "./document.ts";
import { TfvarsSyntaxError, VerificationError } from "./errors.ts";
import { readWithHcl } from "./hcl2json.ts";
import { toHcl, toPlain, type Value, valuesEqual } from "./value.ts";

/** The intended value of each edited attribute; `undefined` means removed. */
export type Intent = Map<string, Value | undefined>;

export async function verifyEdit(
  before: Document,
  afterText: string,
  intent: Intent,
): Promise<Document> {
  let after: Document;
  try {
    after = parse(afterText, before.file, { tfvars: true });
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    throw new VerificationError(`the edited text does not parse: ${e.message}`, e.place);
  }
  const problems: string[] = [];
  const names = new Set([...before.attributes, ...after.attributes].map((a) => a.name));
  for (const name of names) {
    const want = intent.has(name) ? intent.get(name) : before.get(name)?.value;
    const wanted = intent.has(name) ? want !== undefined : before.get(name) !== undefined;
    const got = after.get(name);
    if (wanted !== (got !== undefined)) {
      problems.push(`"${name}" is ${wanted ? "missing" : "present"} after the edit`);
    } else if (got && !valuesEqual(want as Value, got.value)) {
      problems.push(`"${name}" is ${toHcl(got.value)}, expected ${toHcl(want as Value)}`);
    }
  }
  // hashicorp/hcl is the reference: it must read the same values our parser does.
  let hcl: Record<string, unknown>;
  try {
    hcl = await readWithHcl(afterText, before.file);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    throw new VerificationError(`hashicorp/hcl rejects the edited text: ${e.message}`, e.place);
  }
  const ours = after.attributes;
  if (Object.keys(hcl).length !== ours.length) {
    problems.push(
      `hashicorp/hcl reads ${Object.keys(hcl).length} attributes, tfsync ${ours.length}`,
    );
  }
  for (const a of ours) {
    if (!plainEqual(hcl[a.name], toPlain(a.value))) {
      problems.push(`hashicorp/hcl reads "${a.name}" as ${JSON.stringify(hcl[a.name])}`);
    }
  }
  if (problems.length) {
    throw new VerificationError(`verification failed: ${problems.join("; ")}`, {
      file: before.file,
    });
  }
  return after;
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
