// Edits of a JSON var file, as in edit.ts: each replaces a span of the original text and the
// batch is spliced in one pass. A new member, and a value converted from HCL, are written in the
// file's own style: its indentation, its key/colon spacing, its spacing after commas.
import type { Attribute } from "./document.ts";
import type { JsonDocument } from "./json_document.ts";
import { withEol } from "./eol.ts";
import { HclExpression, HclNumber, type Value } from "./value.ts";
import { jsonPathSplices, type Splice } from "./json_path_edit.ts";
import type { PathEdit } from "./path_edit.ts";

export type JsonEdit =
  /** Replace a member's value with JSON text (in the file's style: jsonLiteral). */
  | { kind: "set"; name: string; value: string }
  /** Add a member after the last one. */
  | { kind: "insert"; name: string; value: string }
  | { kind: "remove"; name: string }
  /** Set, add or remove a key inside a member's value (json_path_edit.ts). */
  | PathEdit;

export interface JsonStyle {
  /** A member line's indentation; undefined when the members are on the braces' line. */
  indent?: string;
  /** Between a key and its value: `: `, `:`, ` : `. */
  colon: string;
  /** After a comma between members on one line: ` ` or nothing. */
  gap: string;
}

/** What a file with no member gets (terraform's and most tools' own layout). */
const DEFAULT: JsonStyle = { indent: "  ", colon: ": ", gap: " " };

/** The style of a document, read from its first members. */
export function jsonStyle(doc: JsonDocument): JsonStyle {
  const [first, second] = doc.attributes;
  if (!first) return DEFAULT;
  const head = doc.text.slice(first.nameStart, first.valueStart);
  const colon = head.slice(head.lastIndexOf('"') + 1);
  const before = doc.text.slice(doc.open + 1, first.nameStart);
  const between = second ? doc.text.slice(first.valueEnd, second.nameStart) : "";
  if (before.includes("\n")) {
    return { indent: before.slice(before.lastIndexOf("\n") + 1), colon, gap: DEFAULT.gap };
  }
  // One member on one line shows no comma: a space after it when there is one after the colon.
  return { colon, gap: second ? between.replace(",", "") : colon.endsWith(" ") ? " " : "" };
}

/** A value as JSON text at a member's depth, in the style (collections on lines when it has them). */
export function jsonLiteral(v: Value, style: JsonStyle, eol: string, depth = 1): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof HclNumber) return v.text;
  if (v instanceof HclExpression) throw new TypeError(`No JSON form for "${v.source}"`);
  const entries = Array.isArray(v)
    ? v.map((x) => jsonLiteral(x, style, eol, depth + 1))
    : [...v].map(([k, x]) =>
      `${JSON.stringify(k)}${style.colon}${jsonLiteral(x, style, eol, depth + 1)}`
    );
  const [open, close] = Array.isArray(v) ? "[]" : "{}";
  if (entries.length === 0) return open + close;
  if (style.indent === undefined) return open + entries.join("," + style.gap) + close;
  const inner = eol + style.indent.repeat(depth + 1);
  return open + inner + entries.join("," + inner) + eol + style.indent.repeat(depth) + close;
}

/** Applies a batch of edits; returns the new text (equal to the old when nothing changes). */
export function applyJsonEdits(doc: JsonDocument, edits: readonly JsonEdit[]): string {
  const style = jsonStyle(doc);
  const members = doc.attributes;
  const removed = new Set(edits.flatMap((e) => e.kind === "remove" ? [mustGet(doc, e.name)] : []));
  const kept = members.filter((a) => !removed.has(a));
  const splices: Splice[] = jsonPathSplices(
    doc,
    edits.filter((e): e is PathEdit => e.kind === "path"),
    style.colon,
  );
  for (const e of edits) {
    if (e.kind === "set") {
      const a = mustGet(doc, e.name);
      splices.push({ start: a.valueStart, end: a.valueEnd, text: withEol(e.value, doc.eol) });
    } else if (e.kind === "insert" && doc.get(e.name)) {
      throw new TypeError(`Cannot insert "${e.name}": it is already set`);
    }
  }
  // A removed member goes with the text up to the next kept one; those after the last kept one
  // with the comma before them (no kept one: everything up to the last removed value).
  const last = kept.at(-1);
  for (const [i, a] of members.entries()) {
    if (!removed.has(a)) continue;
    const next = members.slice(i + 1).find((m) => !removed.has(m));
    if (next) splices.push({ start: a.nameStart, end: members[i + 1].nameStart, text: "" });
    else if (members[i + 1] === undefined) {
      splices.push({ start: last ? last.valueEnd : doc.open + 1, end: a.valueEnd, text: "" });
    }
  }
  const added = edits.flatMap((e) =>
    e.kind === "insert"
      ? [`${JSON.stringify(e.name)}${style.colon}${withEol(e.value, doc.eol)}`]
      : []
  );
  if (added.length > 0) {
    const sep = style.indent === undefined ? style.gap : doc.eol + style.indent;
    if (last) {
      splices.push({
        start: last.valueEnd,
        end: last.valueEnd,
        text: "," + sep + added.join("," + sep),
      });
    } else {
      // An empty object: its members on lines of their own, unless it is written on one line.
      const rest = doc.text.slice(members.at(-1)?.valueEnd ?? doc.open + 1, doc.close);
      const end = rest.includes("\n") || style.indent === undefined ? "" : doc.eol;
      // One line: what stood between the brace and the first member it had.
      const lead = style.indent === undefined
        ? doc.text.slice(doc.open + 1, members[0].nameStart)
        : sep;
      splices.push({
        start: doc.open + 1,
        end: doc.open + 1,
        text: lead + added.join("," + sep) + end,
      });
    }
  }
  // At one offset an insertion goes first: it does not overlap a removal that starts there.
  splices.sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start));
  let text = "";
  let at = 0;
  for (const s of splices) {
    if (s.start < at) throw new TypeError(`Cannot apply overlapping edits in "${doc.file}"`);
    text += doc.text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return text + doc.text.slice(at);
}

function mustGet(doc: JsonDocument, name: string): Attribute {
  const a = doc.get(name);
  if (!a) throw new TypeError(`Cannot edit "${name}": it is not set in "${doc.file}"`);
  return a;
}
