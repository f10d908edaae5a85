// The library's hot paths, in process: parse, read every value, one edit, the post-edit
// verification (hashicorp/hcl through the hcl2json wasm module), and the wasm module's start-up,
// measured apart from everything else. Inputs are generated tfvars files (bench/generate.ts).
//
//   deno bench --allow-read --allow-env --allow-run bench/lib_bench.ts
//
// Without --allow-run the start-up group (which spawns `deno eval`) is skipped.

import { Document, parse, print } from "../lib/hcl/document.ts";

const OBJECT = `{
  govuk_app_domain     = "staging.publishing.service.gov.uk" # this environment's own
  enable_opentelemetry = false                               # a feature that should flow
  replicas             = 3
}`;
const OBJECT_EDITED = OBJECT.replace("= false  ", "= true   ");
import { applyEdits } from "../lib/hcl/edit.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { verifyEdit } from "../lib/hcl/verify.ts";
import { toJson } from "../lib/hcl/value.ts";
import { generateFiles } from "./generate.ts";
import { V8_FLAGS } from "../tools/permissions.ts";

/** A prod terraform.tfvars of a repository with this many variables (~92% of them set there). */
function tfvars(vars: number): string {
  const { files } = generateFiles({ envs: 2, vars, seed: 1, changedFraction: 0.1 });
  return files.get("environments/prod/terraform.tfvars")!;
}

// 5,500 variables give a file of ~5,000 attributes: issue 2's "parse + read every value of a
// 5,000-attribute file in under 100 ms".
const inputs = [500, 5500].map((vars) => {
  const text = tfvars(vars);
  const doc = parse(text, "terraform.tfvars", { tfvars: true });
  const attrs = doc.attributes;
  // Edit an attribute in the middle of the file: a multi-line one when there is one there.
  const mid = attrs.slice(Math.floor(attrs.length / 2));
  const target = mid.find((a) => a.endLine > a.line) ?? mid[0];
  const newValue = '["edited", "by", "lib_bench"]';
  const intended = parse(`x = ${newValue}\n`).get("x")!.value;
  const label = `${attrs.length.toLocaleString("en-US")} attributes`;
  // The same file with an object attribute in the middle, for the path edit.
  const at = attrs[Math.floor(attrs.length / 2)].start;
  const objectText = text.slice(0, at) + `settings = ${OBJECT}\n` + text.slice(at);
  const withObject = parse(objectText, "terraform.tfvars", { tfvars: true });
  return { text, doc, target, newValue, intended, label, withObject };
});

const runAllowed = Deno.permissions.querySync({ name: "run" }).state === "granted";

// Start-up, whole processes: `deno eval` alone, then loading the wasm module and reading one
// attribute with it, through tfsync's loader (lib/hcl/hcl2json.ts: what a command pays) and
// through the package's own bridge (what the loader avoids).
// (Each fn is `async`: deno bench awaits only async functions, not any function returning a promise.)
async function denoEval(code: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", "--config", CONFIG, ...V8_FLAGS, code],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}

const CONFIG = new URL("../deno.json", import.meta.url).pathname;
const LOADER = new URL("../lib/hcl/hcl2json.ts", import.meta.url).href;
/** What is timed: nothing, then hcl2json loaded and reading one attribute, two ways. */
const STARTS: Array<[name: string, code: string]> = [
  ["nothing", ""],
  [
    "load hcl2json + read 1 attribute (tfsync's loader)",
    `const m = await import("${LOADER}"); await m.readWithHcl("a = 1\\n", "a.tfvars");`,
  ],
  [
    "load hcl2json + read 1 attribute (the package's bridge)",
    `const m = await import("@cdktn/hcl2json"); await m.parse("a.tfvars", "a = 1\\n");`,
  ],
];

// In process: a fresh worker is a fresh isolate, so each one loads and instantiates the wasm
// module again (as a new tfsync process does), from the same warm module cache.
async function inWorker(code: string): Promise<void> {
  const source = `${code}\nself.postMessage("done");`;
  const url = `data:application/javascript;base64,${btoa(source)}`;
  const worker = new Worker(url, { type: "module" });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
    });
  } finally {
    worker.terminate();
  }
}

for (const [i, [name, code]] of STARTS.entries()) {
  Deno.bench({
    name: `deno eval: ${name}`,
    group: "start-up, whole process",
    baseline: i === 0,
    ignore: !runAllowed,
    n: 10,
    warmup: 1,
    fn: async () => {
      await denoEval(code);
    },
  });
  Deno.bench({
    name: `new worker: ${name}`,
    group: "start-up, in process",
    baseline: i === 0,
    n: 10,
    warmup: 1,
    fn: async () => {
      await inWorker(code);
    },
  });
}

for (const input of inputs) {
  const group = `tfvars, ${input.label}`;
  Deno.bench({
    name: `parse (${input.label})`,
    group,
    baseline: true,
    fn: () => {
      parse(input.text, "terraform.tfvars", { tfvars: true });
    },
  });

  Deno.bench({
    name: "parse + read every value as JSON",
    group,
    fn: () => {
      const doc = parse(input.text, "terraform.tfvars", { tfvars: true });
      let n = 0;
      for (const a of doc.attributes) n += toJson(a.value).length;
      if (n === 0) throw new Error("no values");
    },
  });

  // The same file with its numbers and bools written as expressions terraform evaluates.
  const expressions = input.text.replace(/= (\d+)$/gm, "= ($1 * 60 + 1) / 60 - 1 / 60")
    .replace(/= (true|false)$/gm, "= !!$1 && 1 < 2");
  Deno.bench({
    name: "parse + evaluate every value, numbers and bools as expressions",
    group,
    fn: () => {
      const doc = parse(expressions, "terraform.tfvars", { tfvars: true });
      let n = 0;
      for (const a of doc.attributes) n += toJson(a.value).length;
      if (n === 0) throw new Error("no values");
    },
  });

  Deno.bench({
    name: "print (round trip of the parsed document)",
    group,
    fn: () => {
      if (print(input.doc) !== input.text) throw new Error("round trip changed the text");
    },
  });

  Deno.bench({
    name: `one edit: set "${input.target.name}"`,
    group,
    fn: () => {
      applyEdits(input.doc, [{ kind: "set", name: input.target.name, value: input.newValue }]);
    },
  });

  // A path edit (issue 11) against a top-level edit of the same object attribute, each on a fresh
  // Document (no cached key spans), so the path edit pays for reading the object's keys.
  const { withObject } = input;
  const fresh = () => new Document(withObject.file, withObject.text, withObject.items);
  Deno.bench({
    name: `top-level edit: set "settings" whole`,
    group: `${group}: path edit`,
    baseline: true,
    fn: () => {
      applyEdits(fresh(), [{ kind: "set", name: "settings", value: OBJECT_EDITED }]);
    },
  });
  Deno.bench({
    name: `path edit: set "settings.enable_opentelemetry"`,
    group: `${group}: path edit`,
    fn: () => {
      applyEdits(fresh(), [{
        kind: "path",
        name: "settings",
        keys: ["enable_opentelemetry"],
        value: "true",
      }]);
    },
  });

  const edited = applyEdits(input.doc, [{
    kind: "set",
    name: input.target.name,
    value: input.newValue,
  }]);
  Deno.bench({
    name: "verify that edit (re-parse + hcl2json + compare)",
    group,
    fn: async () => {
      await verifyEdit(input.doc, edited, new Map([[input.target.name, input.intended]]));
    },
  });

  Deno.bench({
    name: "hcl2json read of the file alone (reference)",
    group,
    fn: async () => {
      await readWithHcl(input.text, "terraform.tfvars");
    },
  });
}
