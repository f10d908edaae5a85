// A value copied between var files of terraform's two syntaxes (var_file.ts): as written when both
// share one, else converted: into JSON, the value it evaluates to as a JSON literal; into HCL, an
// HCL literal of the value.
import type { Attribute, Document } from "./document.ts";
import { isJsonDocument, type JsonDocument } from "./json_document.ts";
import { jsonLiteral, jsonStyle } from "./json_edit.ts";
import { hclLiteral, type Value } from "./value.ts";

/** The text that gives an attribute of `from` its value in `to`: as written when both share a
 * syntax (a JSON value laid out in another style is re-laid out), else converted. */
export function valueText(from: Document, a: Attribute, to: Document): string {
  const raw = from.text.slice(a.valueStart, a.valueEnd);
  if (asWritten(raw, from, to)) return raw;
  return convertedText(a.value, raw.includes("\n"), to, 1);
}

/**
 * A path edit's value, copied as written from `from` (path_merge.ts), as `to` takes it: as written
 * when both share a syntax, else `v` converted (laid out from indentation "").
 */
export function pathEditIn<E extends { value?: string; indent?: string }>(
  e: E,
  v: Value,
  from: Document,
  to: Document,
): E {
  if (e.value === undefined || asWritten(e.value, from, to)) return e;
  return { ...e, value: convertedText(v, e.value.includes("\n"), to), indent: "" };
}

/**
 * A value as a literal of `to`'s syntax, laid out for a line at indentation "" (a JSON member's
 * value, `depth` 1, at the file's member indentation instead).
 */
export function convertedText(v: Value, lines: boolean, to: Document, depth = 0): string {
  return isJsonDocument(to) ? jsonLiteral(v, jsonStyle(to), to.eol, depth) : hclLiteral(v, lines);
}

/** Whether `raw`, written in `from`, goes into `to` as it is: the same syntax, and for JSON on
 * several lines the same layout. */
function asWritten(raw: string, from: Document, to: Document): boolean {
  if (isJsonDocument(to) !== isJsonDocument(from)) return false;
  if (!isJsonDocument(to) || !raw.includes("\n")) return true;
  const [a, b] = [jsonStyle(from as JsonDocument), jsonStyle(to)];
  return a.indent === b.indent && a.colon === b.colon;
}
