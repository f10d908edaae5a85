// Post-edit verification, judged by hashicorp/hcl (hcl2json): read before and after the edit, the
// untouched attributes read the same and each edited attribute reads as intended (copied text: as
// its source attribute reads). Anything else is a bug, and the caller writes nothing.
//
// Cheap by reading only what changed. The attributes the edit did not touch and whose text is
// byte for byte the same, in the same order, are the anchors: hcl reads an attribute alone (its
// value does not depend on its neighbours), so an anchor that starts a top-level item in both files
// reads the same in both. What lies between the anchors is everything that changed (less the
// comment and blank lines that are the same between the same anchors in both: they hold no
// attribute and read the same); hcl reads it without the anchors (verify_text.ts), once before
// and once after, and must find exactly the attributes our parser finds there: that proves the
// changed text is made of whole items and leaves the anchors where they were. tfsync's own
// reading of the anchors is never compared with hcl's, so an expression the two render
// differently (`!true`) cannot block a write.
import type { Attribute, Document } from "./document.ts";
import { reparse } from "./var_file.ts";
import { TfvarsSyntaxError, VerificationError } from "./errors.ts";
import { readWithHcl } from "./hcl2json.ts";
import { disagreement } from "./eval_agree.ts";
import { toHcl, type Value, valuesEqual } from "./value.ts";
import { isJsonDocument, type JsonDocument } from "./json_document.ts";
import { plainEqual, verifyJsonEdit } from "./json_verify.ts";
import { anchors, type Changed, changedTexts } from "./verify_text.ts";
export { plainEqual };

/** The intended value of each edited attribute; `undefined` means removed. */
export type Intent = Map<string, Value | undefined>;

/** The source text of copied attributes ("name = value", as written in its file), by name. */
export type Copied = Map<string, string>;

/**
 * The edited text, read by tfsync in the syntax of the document it was made from: the one
 * reading of a plan's result. Throws VerificationError.
 */
export function readEdited(from: Document, text: string): Document {
  try {
    return reparse(from, text);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    throw new VerificationError(`The edited text does not parse: ${e.message}`, e.place);
  }
}

/** Verifies the edit of `before` into `edited` (its text, or that text as readEdited read it). */
export async function verifyEdit(
  before: Document,
  edited: string | Document,
  intent: Intent,
  copied: Copied = new Map(),
): Promise<Document> {
  const after = typeof edited === "string" ? readEdited(before, edited) : edited;
  if (isJsonDocument(before)) return verifyJsonEdit(before, after as JsonDocument, intent);
  const [anchorsBefore, anchorsAfter] = anchors(before, after, intent);
  const [changedBefore, changedAfter] = changedTexts(before, after, anchorsBefore, anchorsAfter);
  const hclBefore = await hclRead(before, changedBefore, "the original text");
  const hclAfter = await hclRead(after, changedAfter, "the edited text");
  // A copy written as its source text reads as that text: hcl reads an attribute alone, so its
  // reading of the result stands for its reading of the copy (its cost is per value read).
  const asCopied = new Set(
    [...copied.keys()].filter((n) =>
      intent.get(n) !== undefined && writtenAs(after, n, copied.get(n)!)
    ),
  );
  const intended = [...intent].filter(([n, v]) => v !== undefined && !asCopied.has(n))
    .map(([n, v]) => copied.get(n) ?? `${n} = ${toHcl(v!)}`);
  const hclIntended = intended.length
    ? await hclRead(after, intended.join("\n") + "\n", "the intended values")
    : {};
  const problems = [
    ...count(before, hclBefore, anchorsBefore, "before"),
    ...count(after, hclAfter, anchorsAfter, "after"),
  ];
  const names = new Set([...before.attributes, ...after.attributes].map((a) => a.name));
  for (const name of [...names].filter((n) => !anchorsBefore.has(n))) {
    const want = intent.has(name) ? intent.get(name) : before.get(name)?.value;
    const wanted = intent.has(name) ? want !== undefined : before.get(name) !== undefined;
    const got = after.get(name);
    const has = (o: Record<string, unknown>) => Object.hasOwn(o, name);
    if (wanted !== (got !== undefined)) {
      problems.push(`"${name}" is ${wanted ? "missing" : "present"} after the edit`);
    } else if (got && !valuesEqual(want as Value, got.value)) {
      // Our own reading of the intent against the result: exact numbers, which hcl reads as doubles.
      problems.push(`"${name}" is ${toHcl(got.value)}, expected ${toHcl(want as Value)}`);
    } else if (has(hclBefore) !== !!before.get(name) || has(hclAfter) !== !!got) {
      problems.push(`hashicorp/hcl does not find "${name}" where tfsync does`);
    } else if (got) {
      const hclWant = asCopied.has(name)
        ? hclAfter[name]
        : intent.has(name)
        ? hclIntended[name]
        : hclBefore[name];
      // hcl leaves some expressions unevaluated ("${1 + 1}"): then its reading must agree with
      // ours, which matched the intent above.
      const unevaluated = /[$%]\{/.test(JSON.stringify(hclAfter[name]));
      const agrees = unevaluated && !disagreement(got.value, hclAfter[name]);
      if (!plainEqual(hclAfter[name], hclWant) && !agrees) {
        const [is, expected] = [hclAfter[name], hclWant].map((v) => JSON.stringify(v));
        problems.push(`hashicorp/hcl reads "${name}" as ${is}, expected ${expected}`);
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

/** Whether the attribute `name` of `doc` is the copied text ("name = value"): its value as written. */
function writtenAs(doc: Document, name: string, copy: string): boolean {
  const a = doc.get(name);
  const value = copy.slice(name.length + 3);
  return !!a && copy.startsWith(`${name} = `) && a.valueEnd - a.valueStart === value.length &&
    doc.text.startsWith(value, a.valueStart);
}

/** hcl must find as many attributes in the changed text as we do. */
function count(
  doc: Document,
  hcl: Record<string, unknown>,
  anchored: Map<string, Attribute>,
  when: string,
): string[] {
  const ours = doc.attributes.length - anchored.size;
  const theirs = Object.keys(hcl).length;
  return theirs === ours ? [] : [
    `hashicorp/hcl reads ${theirs} attributes in the changed text ${when} the edit, tfsync ${ours}`,
  ];
}

async function hclRead(
  doc: Document,
  changed: Changed | string,
  what: string,
): Promise<Record<string, unknown>> {
  const text = typeof changed === "string" ? changed : changed.text;
  try {
    return await readWithHcl(text, doc.file);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    let place = e.place;
    if (typeof changed !== "string") {
      // The line hcl names in the changed text, as the document's line.
      const line = changed.line(place.line);
      place = { ...place, line, sourceLine: doc.lineText(line) };
    }
    throw new VerificationError(`hashicorp/hcl rejects ${what}: ${e.message}`, place);
  }
}
