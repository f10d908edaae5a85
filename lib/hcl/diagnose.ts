// Parsing with hashicorp/hcl's own words on failure: when tfsync's parser rejects a file, hcl
// (its module too, loaded only then) is asked too, and its message and position are the ones reported.
import { type Document, parse, type ParseOptions } from "./document.ts";
import { TfvarsSyntaxError, TfvarsValueError } from "./errors.ts";

export async function parseExplained(
  text: string,
  file: string,
  options: ParseOptions = {},
): Promise<Document> {
  try {
    return parse(text, file, options);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError) || e instanceof TfvarsValueError) throw e;
    // hcl accepts blocks in any file; a block in a tfvars file, a depth beyond tfsync's limit
    // and bytes that are not UTF-8 (hcl would see them re-encoded) are tfsync's own to report.
    const own = /^(Unexpected block|Nesting too deep|Invalid character encoding)/.test(e.detail);
    const hcl = own ? undefined : await (await import("./hcl2json.ts")).hclDiagnostic(text, file);
    throw hcl ?? e;
  }
}
