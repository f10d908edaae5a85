// What verification hands hashicorp/hcl (lib/hcl/verify_text.ts): without the anchors and the
// unchanged comment lines between them. On generated files edited at random attributes: every
// line of what remains is (part of) the document line it maps to, in order, so an error hcl names
// there points at the right line; each edited attribute is still in it, and hcl finds there what
// tfsync finds.
import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "../lib/hcl/document.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { anchors, type Changed, changedTexts } from "../lib/hcl/verify_text.ts";
import { verifyEdit } from "../lib/hcl/verify.ts";
import { VerificationError } from "../lib/hcl/errors.ts";
import type { Document } from "../lib/hcl/document.ts";
import { tfvarsFile } from "./_generate.ts";

const SEED = Number(Deno.env.get("TFSYNC_SEED") ?? 20_261_203);
const RUNS = Number(Deno.env.get("TFSYNC_RUNS") ?? 100);

function checkLines(doc: Document, changed: Changed): void {
  const lines = changed.text.split("\n");
  let previous = 0;
  lines.forEach((line, i) => {
    if (i === lines.length - 1 && line === "") return;
    const at = changed.line(i + 1);
    assert.ok(at > previous, `line ${i + 1} maps to ${at}, after ${previous}`);
    previous = at;
    const content = line.replace(/\r$/, "").trim();
    assert.ok(doc.lineText(at).includes(content), `line ${i + 1} "${content}" is not line ${at}`);
  });
}

Deno.test("verification's changed text maps its lines to the document's and holds every edit", async () => {
  const files = fc.sample(tfvarsFile(), { seed: SEED, numRuns: RUNS });
  const cases = fc.sample(
    fc.tuple(fc.constantFrom(...files), fc.array(fc.nat(), { maxLength: 4 })),
    { seed: SEED, numRuns: RUNS },
  );
  for (const [file, picks] of cases) {
    const before = parse(file.text, "env.tfvars", { tfvars: true });
    const attrs = before.attributes;
    if (!attrs.length) continue;
    const edited = [...new Set(picks.map((p) => attrs[p % attrs.length]))]
      .sort((a, b) => b.valueStart - a.valueStart);
    let text = file.text;
    for (const a of edited) {
      text = text.slice(0, a.valueStart) + '"edited"' + text.slice(a.valueEnd);
    }
    const after = parse(text, "env.tfvars", { tfvars: true });
    const intent = new Map(edited.map((a) => [a.name, after.get(a.name)!.value]));
    const [inBefore, inAfter] = anchors(before, after, intent);
    const [changedBefore, changedAfter] = changedTexts(before, after, inBefore, inAfter);
    checkLines(before, changedBefore);
    checkLines(after, changedAfter);
    const hcl = await readWithHcl(changedAfter.text, "env.tfvars");
    assert.deepEqual(
      Object.keys(hcl).sort(),
      after.attributes.filter((a) => !inAfter.has(a.name)).map((a) => a.name).sort(),
    );
    for (const a of edited) assert.equal(hcl[a.name], "edited");
  }
});

Deno.test("verifyEdit() sees an attribute uncommented among unchanged comment lines", async () => {
  const text = ["# head", "a = 1", "# one", "# b = 2", "", "c = 3", "# two", "d = 4", ""].join(
    "\n",
  );
  const before = parse(text, "env.tfvars", { tfvars: true });
  const after = text.replace("# b = 2", "b = 2").replace("d = 4", "d = 5");
  const intent = new Map([["d", parse("d = 5\n").get("d")!.value]]);
  await assert.rejects(
    verifyEdit(before, after, intent),
    (e: unknown) =>
      e instanceof VerificationError &&
      e.message === 'Verification failed: "b" is present after the edit',
  );
  // The same edit without it passes, its unchanged comment lines not read again.
  const fine = text.replace("d = 4", "d = 5");
  assert.equal((await verifyEdit(before, fine, intent)).text, fine);
});
