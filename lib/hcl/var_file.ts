// A var file in either of terraform's syntaxes, chosen by its name: `.json` is HCL's JSON syntax
// (json_document.ts), anything else the native one. A value copied between the two is converted
// (var_convert.ts).
import { type Document, parse } from "./document.ts";
import { isJsonDocument, parseJson } from "./json_document.ts";

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
