// Every .tfvars and .tf file of ../shared/corpus (real repositories' files) prints back byte for
// byte, and every .tfvars file's values equal hcl2json's reading of it.
import { deepStrictEqual, strictEqual } from "node:assert";
import { parse, print } from "../lib/hcl/document.ts";
import { TfvarsSyntaxError } from "../lib/errors.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { disagreement } from "../lib/hcl/eval_agree.ts";
import type { Value } from "../lib/hcl/value.ts";
import { canonical, noTerraform, terraformRead } from "./_terraform.ts";

const CORPUS = new URL("../../shared/corpus/", import.meta.url);
/** A Jinja template, not HCL: both readers must reject it at its `{% for … %}` line. */
const JINJA = "2i2c-org__infrastructure/terraform/aws/projects/template.tfvars";

const files = listFiles(CORPUS);
const unevaluated: Array<{ where: string; source: string; ours: Value }> = [];

if (files === undefined) {
  Deno.test({ name: "corpus (skipped: ../shared/corpus not found)", ignore: true, fn() {} });
} else {
  Deno.test(`corpus: ${files.size} .tfvars and .tf files round-trip and read as hcl2json reads them`, async (t) => {
    for (const [file, url] of files) {
      await t.step(file, async () => {
        const text = await Deno.readTextFile(url);
        const tfvars = file.endsWith(".tfvars");
        if (file === JINJA) return await assertJinjaRejected(text, file);
        const doc = parse(text, file, { tfvars });
        strictEqual(print(doc), text);
        if (!tfvars) return;
        const theirs = await readWithHcl(text, file);
        deepStrictEqual(doc.attributes.map((a) => a.name).sort(), Object.keys(theirs).sort());
        for (const a of doc.attributes) {
          strictEqual(disagreement(a.value, theirs[a.name]), "", `${file}: ${a.name}`);
          // hcl2json leaves expressions such as `12 * 60 * 60` as "${…}" text: terraform judges.
          if (/[$%]\{/.test(JSON.stringify(theirs[a.name]))) {
            unevaluated.push({
              where: `${file}: ${a.name}`,
              source: text.slice(a.valueStart, a.valueEnd),
              ours: a.value,
            });
          }
        }
      });
    }
  });

  Deno.test({
    name: `corpus: what hcl2json leaves unevaluated reads as terraform reads it${
      noTerraform ? ` (skipped: ${noTerraform})` : ""
    }`,
    ignore: noTerraform !== undefined,
    async fn() {
      // Filled by the test above; an empty list would make this test vacuous.
      strictEqual(unevaluated.length > 0, true, "the corpus has expressions hcl2json leaves alone");
      console.log(`${unevaluated.length} values hcl2json leaves unevaluated`);
      const readings = await terraformRead(unevaluated.map((u) => u.source));
      const differ = unevaluated.flatMap((u, i) => {
        const r = readings[i];
        const tf = "value" in r ? canonical(r.value) : `error ${r.error}`;
        return canonical(u.ours) === tf
          ? []
          : [`${u.where}: tfsync ${canonical(u.ours)}, terraform ${tf}`];
      });
      deepStrictEqual(differ, []);
    },
  });
}

async function assertJinjaRejected(text: string, file: string): Promise<void> {
  const errors: unknown[] = [];
  try {
    parse(text, file, { tfvars: true });
  } catch (e) {
    errors.push(e);
  }
  try {
    await readWithHcl(text, file);
  } catch (e) {
    errors.push(e);
  }
  strictEqual(errors.length, 2, "both readers reject the template");
  for (const e of errors) {
    strictEqual(e instanceof TfvarsSyntaxError, true, String(e));
    const { line, sourceLine } = e as TfvarsSyntaxError;
    deepStrictEqual({ line, sourceLine }, { line: 15, sourceLine: "{% for hub in hubs -%}" });
  }
}

/** The .tfvars and .tf files under `root` by relative path, sorted; undefined without `root`. */
function listFiles(root: URL): Map<string, URL> | undefined {
  const found = new Map<string, URL>();
  const walk = (dir: URL, prefix: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const name = encodeURIComponent(entry.name);
      if (entry.isDirectory) walk(new URL(name + "/", dir), `${prefix}${entry.name}/`);
      else if (/\.(tfvars|tf)$/.test(entry.name)) {
        found.set(prefix + entry.name, new URL(name, dir));
      }
    }
  };
  try {
    walk(root, "");
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  return new Map([...found].sort(([a], [b]) => a < b ? -1 : 1));
}
