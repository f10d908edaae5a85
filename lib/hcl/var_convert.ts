// A value copied between var files of terraform's two syntaxes (var_file.ts): as written when both
// share one, else converted: into JSON, the value it evaluates to as a JSON literal; into HCL, an
// HCL literal of the value.
import type { Attribute, Document } from "./document.ts";
import { isJsonDocument } from "./json_document.ts";
import { jsonLiteral, type JsonStyle, jsonStyle } from "./json_edit.ts";
import { hclLiteral } from "./value.ts";

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
