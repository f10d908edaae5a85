// An environment's var files read in -var-file order (environment_files with several paths):
// its own last file, where new values go, and the values it gives, as one file.
import type { Config } from "../config/config.ts";
import { type Document, parse } from "../hcl/document.ts";
import { isJsonDocument } from "../hcl/json_document.ts";
import { hclLiteral } from "../hcl/value.ts";
import { winningLayer } from "../terraform/layers.ts";
import { environmentLayers, ownFile } from "./layout.ts";
import { readTfvars, type TfvarsFile } from "./repo.ts";

/** An environment's var files, read: `own` is its last own file, where new values go. */
export interface Layered {
  own: TfvarsFile;
  /** Every var file in -var-file order (`own` among them). */
  layers: Array<{ file: TfvarsFile; own: boolean }>;
}

/** Reads an environment's var files (its name already checked). */
export async function readLayered(
  config: Config,
  env: string,
  name: (path: string) => string,
): Promise<Layered> {
  const found = await environmentLayers(config, env);
  const ownPath = ownFile(config, found, env);
  const layers: Layered["layers"] = [];
  for (const l of found) {
    layers.push({ file: await readTfvars(l.path, name(l.path), config.root), own: l.own });
  }
  if (!layers.some((l) => l.file.path === ownPath)) {
    layers.push({ file: await readTfvars(ownPath, name(ownPath), config.root), own: true });
  }
  return { own: layers.find((l) => l.file.path === ownPath)!.file, layers };
}

export function layerDocuments(l: Layered): Document[] {
  return l.layers.map((x) => x.file.doc);
}

/**
 * The values an environment gives, as one file: its own when it has one file, else each
 * variable's winning assignment as written, in -var-file order (named as its own file; HCL).
 */
export function sourceView(l: Layered): TfvarsFile {
  if (l.layers.length === 1) return l.own;
  const docs = layerDocuments(l);
  const parts: string[] = [];
  for (const doc of docs) {
    for (const a of doc.attributes) {
      if (winningLayer(a.name, docs) !== doc) continue;
      // A JSON layer's member, as the HCL line that sets its value.
      const text = isJsonDocument(doc)
        ? `${a.name} = ${
          hclLiteral(a.value, doc.raw({ start: a.valueStart, end: a.valueEnd }).includes("\n"))
        }`
        : doc.text.slice(a.start, a.end);
      parts.push(text.endsWith("\n") ? text : text + "\n");
    }
  }
  const text = parts.join("");
  return { path: l.own.path, text, doc: parse(text, l.own.doc.file, { tfvars: true }) };
}
