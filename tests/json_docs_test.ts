// docs/json.md tells the truth: each example's command is run on the bundled example, and the
// example must be contained in the real output (every member shown exists with that value; a
// string ending in "…" is a prefix; a list shows some of its elements), with exactly the
// top-level members shown.
import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../mod.ts";
import { EXAMPLE, REPO, tempCopy } from "./_cli.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function contained(doc: Json, real: Json, at: string): string | undefined {
  if (typeof doc === "string" && doc.endsWith("…")) {
    return typeof real === "string" && real.startsWith(doc.slice(0, -1))
      ? undefined
      : `${at}: ${JSON.stringify(real)} does not start with ${JSON.stringify(doc.slice(0, -1))}`;
  }
  if (Array.isArray(doc)) {
    if (!Array.isArray(real)) return `${at}: not a list`;
    if (doc.length === 0 && real.length !== 0) return `${at}: the real list is not empty`;
    for (const [i, d] of doc.entries()) {
      if (real.every((r) => contained(d, r, at) !== undefined)) {
        return `${at}[${i}]: no element of the real list is like it`;
      }
    }
    return undefined;
  }
  if (doc !== null && typeof doc === "object") {
    if (real === null || typeof real !== "object" || Array.isArray(real)) {
      return `${at}: not an object`;
    }
    for (const [k, d] of Object.entries(doc)) {
      if (!(k in real)) return `${at}.${k}: missing`;
      const why = contained(d, real[k], `${at}.${k}`);
      if (why) return why;
    }
    return undefined;
  }
  return doc === real ? undefined : `${at}: ${JSON.stringify(real)}, not ${JSON.stringify(doc)}`;
}

const text = await Deno.readTextFile(join(REPO, "docs", "json.md"));
const examples = [...text.matchAll(/<!-- args: (.*?) -->\n\n```json\n(.*?)```/gs)];

Deno.test("docs/json.md has an example for every command that prints JSON", () => {
  const commands = new Set(examples.map((m) => m[1].split(" ")[0]));
  assert.deepEqual([...commands].sort(), [
    "check",
    "diff",
    "explain",
    "init",
    "matrix",
    "restore",
    "sync",
  ]);
});

for (const [, args, example] of examples) {
  Deno.test(`docs/json.md: tfsync ${args}`, async () => {
    const dir = await tempCopy(EXAMPLE);
    try {
      const prod = join(dir, "environments", "prod", "terraform.tfvars");
      // A .bak that differs from its file, so restore --dry-run has a patch to show.
      if (args.startsWith("restore")) {
        await Deno.writeTextFile(prod + ".bak", await Deno.readTextFile(prod) + "# before\n");
      }
      let stdout = "";
      await main(args.split(" "), {
        stdout: (t) => void (stdout += t),
        stderr: () => {},
        interactive: false,
        stdoutTerminal: false,
        readLine: () => Promise.resolve(null),
        env: () => undefined,
        cwd: dir,
        color: false,
      });
      const real = JSON.parse(stdout);
      const doc = JSON.parse(example);
      assert.deepEqual(Object.keys(real), Object.keys(doc));
      assert.equal(contained(doc, real, "$"), undefined);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
