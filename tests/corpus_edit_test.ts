// A set-then-verify on every parseable .tfvars file of ../shared/corpus (real repositories'
// files): the first attribute gets a new value (a comment-only file gets an attribute inserted),
// verifyEdit() passes, and a file that was `terraform fmt` clean stays clean (one terraform call).
import assert from "node:assert/strict";
import { relative } from "node:path";
import { type Document, parse } from "../lib/hcl/document.ts";
import { applyEdits } from "../lib/hcl/edit.ts";
import { TfvarsSyntaxError } from "../lib/errors.ts";
import { HclNumber, hclString, type Value } from "../lib/hcl/value.ts";
import { verifyEdit } from "../lib/hcl/verify.ts";
import { terraformFmt } from "./_generate.ts";

const CORPUS = new URL("../../shared/corpus/", import.meta.url);

interface Edited {
  file: string;
  before: string;
  after: string;
}

const files = await listTfvars(CORPUS.pathname);

if (files === undefined) {
  Deno.test({ name: "corpus edits (skipped: ../shared/corpus not found)", ignore: true, fn() {} });
} else {
  const edited: Edited[] = [];
  const rejected: string[] = [];

  Deno.test(`corpus: setting the first attribute of ${files.length} .tfvars files verifies`, async () => {
    const failures: string[] = [];
    for (const path of files) {
      const file = relative(CORPUS.pathname, path);
      const text = await Deno.readTextFile(path);
      let doc: Document;
      try {
        doc = parse(text, file, { tfvars: true });
      } catch (e) {
        if (!(e instanceof TfvarsSyntaxError)) throw e;
        rejected.push(file); // not HCL (the Jinja template): the round-trip test covers it
        continue;
      }
      // The first attribute gets a new value; a file with none (only comments) gets one.
      const first = doc.attributes[0];
      const name = first?.name ?? "tfsync_added";
      const value = first ? newValue(first.value) : '"added"';
      const after = applyEdits(doc, [
        first ? { kind: "set", name, value } : { kind: "insert", name, value },
      ]);
      try {
        await verifyEdit(doc, after, new Map([[name, parse(`v = ${value}\n`).get("v")!.value]]));
        edited.push({ file, before: text, after });
      } catch (e) {
        failures.push(`${file}: ${(e as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(rejected.length <= 1, `rejected: ${rejected.join(", ")}`);
    assert.equal(edited.length, files.length - rejected.length);
  });

  const terraform = await terraformFmt([]) !== undefined;
  Deno.test({
    name: terraform
      ? "corpus: the edited files that were fmt-clean stay fmt-clean (terraform fmt)"
      : "corpus: the edited files that were fmt-clean stay fmt-clean " +
        "(ignored: terraform is not on PATH)",
    ignore: !terraform,
    fn: async () => {
      assert.ok(edited.length > 0, "the set-then-verify test ran first and edited files");
      const formatted = (await terraformFmt(edited.flatMap((e) => [e.before, e.after])))!;
      const clean = edited.filter((e, i) => formatted[2 * i] === e.before);
      const unclean = clean.filter((e) => formatted[2 * edited.indexOf(e) + 1] !== e.after);
      assert.deepEqual(unclean.map((e) => e.file), []);
      assert.ok(clean.length > edited.length / 2, `only ${clean.length} files were fmt-clean`);
    },
  });
}

/** Another value of the same kind: a string for a string, a number for a number, else a list. */
function newValue(old: Value): string {
  if (typeof old === "string") return hclString(old + "-tfsync");
  if (old instanceof HclNumber) return old.text === "123456789" ? "987654321" : "123456789";
  return '["tfsync", "edit"]';
}

/** The .tfvars files under a folder, sorted; undefined when the folder does not exist. */
async function listTfvars(dir: string): Promise<string[] | undefined> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const path = `${d}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (e.isFile && e.name.endsWith(".tfvars")) out.push(path);
    }
  };
  try {
    await walk(dir.replace(/\/$/, ""));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  return out.sort();
}
