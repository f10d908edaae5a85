// Parsing with hashicorp/hcl's own words on failure: when tfsync's parser rejects a file, hcl
// (loaded only then) is asked too, and its message and position are the ones reported.
import { type Document, parse, type ParseOptions } from "./document.ts";
import { TfvarsSyntaxError } from "./errors.ts";
import { hclDiagnostic } from "./hcl2json.ts";

export async function parseExplained(
  text: string,
  file: string,
  options: ParseOptions = {},
): Promise<Document> {
  try {
    return parse(text, file, options);
  } catch (e) {
    if (!(e instanceof TfvarsSyntaxError)) throw e;
    // hcl accepts blocks in any file; a block in a tfvars file is tfsync's own rule to report.
    const hcl = /^Unexpected block/.test(e.detail) ? undefined : await hclDiagnostic(text, file);
    throw hcl ?? e;
  }
}
