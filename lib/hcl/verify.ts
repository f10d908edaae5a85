// Post-edit verification, judged by hashicorp/hcl (hcl2json): read before and after the edit, the
// untouched attributes read the same and each edited attribute reads as intended (copied text: as
// its source attribute reads). Anything else is a bug, and the caller writes nothing.
//
// Cheap by reading only what changed. The attributes the edit did not touch and whose text is
// byte for byte the same, in the same order, are the anchors: hcl reads an attribute alone (its
// value does not depend on its neighbours), so an anchor that starts a top-level item in both files
// reads the same in both. What lies between the anchors is everything that changed; hcl reads it
// with each anchor blanked out to its newlines (so lines keep their numbers), once before and once
// after, and must find exactly the attributes our parser finds there: that proves the changed text
// is made of whole items and leaves the anchors where they were. tfsync's own reading of the
// anchors is never compared with hcl's, so an expression the two render differently (`!true`)
// cannot block a write.
import type { Attribute, Document } from "./document.ts";
import { reparse } from "./var_file.ts";
import { TfvarsSyntaxError, VerificationError } from "./errors.ts";
import { readWithHcl } from "./hcl2json.ts";
import { disagreement } from "./eval_agree.ts";
import { toHcl, type Value, valuesEqual } from "./value.ts";
import { isJsonDocument, type JsonDocument } from "./json_document.ts";
import { plainEqual, verifyJsonEdit } from "./json_verify.ts";
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
  const hclBefore = await hclRead(before, blank(before, anchorsBefore), "the original text");
  const hclAfter = await hclRead(after, blank(after, anchorsAfter), "the edited text");
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

/** The span of an attribute's own text: name, value and trailing comment. */
function own(a: Attribute): [number, number] {
  return [a.nameStart, a.comment?.end ?? a.valueEnd];
}

/**
 * The untouched attributes whose text is unchanged, in the same order in both files: the
 * attributes of each document, by name.
 */
function anchors(
  before: Document,
  after: Document,
  intent: Intent,
): [Map<string, Attribute>, Map<string, Attribute>] {
  const inBefore = new Map<string, Attribute>();
  const inAfter = new Map<string, Attribute>();
  const attrs = after.attributes;
  let position: Map<Attribute, number> | undefined;
  let last = -1;
  for (const a of before.attributes) {
    if (intent.has(a.name)) continue;
    // Most attributes keep their place among the others: look right after the last anchor first.
    let j = last + 1;
    if (attrs[j]?.name !== a.name) {
      const b = after.get(a.name);
      if (!b) continue;
      position ??= new Map(attrs.map((x, i) => [x, i]));
      j = position.get(b)!;
    }
    if (j <= last) continue;
    const b = attrs[j];
    const [start, end] = own(a);
    const [from, to] = own(b);
    if (end - start !== to - from || !after.text.startsWith(before.text.slice(start, end), from)) {
      continue;
    }
    last = j;
    inBefore.set(a.name, a);
    inAfter.set(b.name, b);
  }
  return [inBefore, inAfter];
}

/** The changed text of a document, and the line of the document each of its lines is. */
interface Changed {
  text: string;
  line(n: number): number;
}

/**
 * The document's text without its anchors: the changed text, in place. An anchor alone on its
 * lines goes whole (at the top level hcl reads no line less than a blank one, and a long run of
 * blank lines costs hcl2json far more than its length); any other keeps its newlines.
 */
function blank(doc: Document, anchored: Map<string, Attribute>): Changed {
  const parts: string[] = [];
  // Where lines went: from this line of the changed text on, add `removed` to have the document's.
  const cuts: Array<{ from: number; removed: number }> = [];
  let at = 0, removed = 0;
  for (const a of anchored.values()) {
    const [start, end] = own(a);
    const alone = /^[ \t]*$/.test(doc.text.slice(a.start, start)) &&
      /^[ \t]*\r?\n?$/.test(doc.text.slice(end, a.end));
    if (alone) {
      parts.push(doc.text.slice(at, a.start));
      const lines = a.end === doc.text.length && doc.text[a.end - 1] !== "\n"
        ? a.endLine - a.line
        : a.endLine - a.line + 1;
      removed += lines;
      cuts.push({ from: a.line + lines - removed, removed });
      at = a.end;
    } else {
      parts.push(doc.text.slice(at, start), doc.text.slice(start, end).replace(/[^\n]+/g, ""));
      at = end;
    }
  }
  parts.push(doc.text.slice(at));
  const line = (n: number) => {
    // The last cut at or before line n: a binary search (-1: none).
    let lo = -1, hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid].from <= n) lo = mid;
      else hi = mid - 1;
    }
    return n + (lo < 0 ? 0 : cuts[lo].removed);
  };
  return { text: parts.join(""), line };
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
