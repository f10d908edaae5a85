// A var file in either of terraform's syntaxes, chosen by its name: `.json` is HCL's JSON syntax
// (json_document.ts), anything else the native one. A value copied between the two is converted:
// into JSON, the value it evaluates to as a JSON literal; into HCL, an HCL literal of the value.
import { type Attribute, type Document, parse } from "./document.ts";
import { isJsonDocument, parseJson } from "./json_document.ts";
import { jsonLiteral, type JsonStyle, jsonStyle } from "./json_edit.ts";
import { hclKey, toHcl, type Value } from "./value.ts";

/** True for a path terraform reads as JSON (`x.tfvars.json`, `x.auto.tfvars.json`). */
export function isJsonPath(path: string): boolean {
  return path.endsWith(".json");
}

/** Parses a var file read from `path`; `file` names it in messages. */
export function parseVarFile(text: string, file: string, path = file): Document {
  return isJsonPath(path) ? parseJson(text, file) : parse(text, file, { tfvars: true });
}

/** A new text of the document's file, read in the document's syntax. */
export function reparse(doc: Document, text: string): Document {
  return isJsonDocument(doc) ? parseJson(text, doc.file) : parse(text, doc.file, { tfvars: true });
}

/** The text that gives an attribute of `from` its value in `to`: as written when both share a
 * syntax (a JSON value laid out in another style is re-laid out), else converted. */
export function valueText(from: Document, a: Attribute, to: Document): string {
  const raw = from.text.slice(a.valueStart, a.valueEnd);
  if (!isJsonDocument(to)) {
    return isJsonDocument(from) ? hclLiteral(a.value, raw.includes("\n")) : raw;
  }
  const style = jsonStyle(to);
  if (isJsonDocument(from) && (!raw.includes("\n") || sameStyle(jsonStyle(from), style))) {
    return raw;
  }
  return jsonLiteral(a.value, style, to.eol);
}

function sameStyle(a: JsonStyle, b: JsonStyle): boolean {
  return a.indent === b.indent && a.colon === b.colon;
}

/**
 * An HCL literal of a value: one line (`toHcl`), or, for a value written on several lines, its
 * collections on lines of their own as `terraform fmt` lays them out (two spaces a level, a comma
 * after each element of a list); the edit that writes it aligns the `=` of its entries (align.ts).
 */
export function hclLiteral(v: Value, lines: boolean, depth = 0): string {
  const size = v instanceof Map ? v.size : Array.isArray(v) ? v.length : 0;
  if (!lines || size === 0) return toHcl(v);
  const pad = "  ".repeat(depth + 1);
  const items = Array.isArray(v)
    ? v.map((x) => `${pad}${hclLiteral(x, true, depth + 1)},\n`)
    : [...(v as Map<string, Value>)].map(([k, x]) =>
      `${pad}${hclKey(k)} = ${hclLiteral(x, true, depth + 1)}\n`
    );
  const [open, close] = Array.isArray(v) ? "[]" : "{}";
  return `${open}\n${items.join("")}${"  ".repeat(depth)}${close}`;
}
