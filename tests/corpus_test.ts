// Every .tfvars and .tf file of ../shared/corpus (real repositories' files) prints back byte for
// byte, and every .tfvars file's values equal hcl2json's reading of it.
import { deepStrictEqual, strictEqual } from "node:assert";
import { parse, print } from "../lib/hcl/document.ts";
import { TfvarsSyntaxError } from "../lib/errors.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { toPlain } from "../lib/hcl/value.ts";

const CORPUS = new URL("../../shared/corpus/", import.meta.url);
/** A Jinja template, not HCL: both readers must reject it at its `{% for … %}` line. */
const JINJA = "2i2c-org__infrastructure/terraform/aws/projects/template.tfvars";

const files = listFiles(CORPUS);

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
        const ours = Object.fromEntries(doc.attributes.map((a) => [a.name, toPlain(a.value)]));
        deepStrictEqual(ours, zeroes(await readWithHcl(text, file)));
      });
    }
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

/** hcl2json keeps -0, which HclNumber reads as 0 (cty compares them equal). */
function zeroes(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(zeroes);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, zeroes(x)]));
  }
  return v;
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
