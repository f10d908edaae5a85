// hashicorp/hcl's reading of a file, through the hcl2json wasm module. Loaded on first use only:
// its start-up costs far more than a whole read-only command.
import { TfvarsSyntaxError } from "./errors.ts";

type Hcl2Json = (file: string, text: string) => Promise<Record<string, unknown>>;
let loaded: Promise<Hcl2Json> | undefined;

function load(): Promise<Hcl2Json> {
  return loaded ??= import("@cdktn/hcl2json").then((m) => m.parse as Hcl2Json);
}

/** The file's top-level values as hcl2json reads them (numbers as doubles). Throws TfvarsSyntaxError. */
export async function readWithHcl(text: string, file: string): Promise<Record<string, unknown>> {
  const parse = await load();
  try {
    return await parse(file, text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw toSyntaxError(String(e), text, file);
  }
}

/** hcl's diagnostic for text that our parser rejected, or undefined when hcl accepts it. */
export async function hclDiagnostic(
  text: string,
  file: string,
): Promise<TfvarsSyntaxError | undefined> {
  try {
    await readWithHcl(text, file);
    return undefined;
  } catch (e) {
    if (e instanceof TfvarsSyntaxError) return e;
    throw e;
  }
}

// hcl2json reports "parse config: [file:L,C-…: Summary; Detail.]".
function toSyntaxError(message: string, text: string, file: string): TfvarsSyntaxError {
  // Several diagnostics are joined by spaces; the first is the cause.
  const first = message.split(new RegExp(`(?<=\\.)[ ,]+(?=${escapeRegExp(file)}:\\d+,\\d+)`))
    .find((part) => /:\d+,\d+-/.test(part)) ?? message;
  const m = /:(\d+),(\d+)-[^:]*: ([^;\]]+)(?:; ([^\]]*))?/.exec(first);
  const line = m ? Number(m[1]) : 1;
  const column = m ? Number(m[2]) : 1;
  const detail = m ? `${m[3]}${m[4] ? ": " + m[4].replace(/\.$/, "") : ""}` : message;
  const sourceLine = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  return new TfvarsSyntaxError(file, line, column, detail, sourceLine);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
