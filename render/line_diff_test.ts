// render/line_diff.ts must give exactly npm:diff's hunks (structuredPatch, 3 lines of context):
// on random texts made of few distinct lines (where a diff has many equally short answers and the
// search's ties decide), with "\r\n" and without a last newline, and on large generated tfvars
// edited in many places (the promote of the benchmark).
import assert from "node:assert/strict";
import fc from "fast-check";
import { structuredPatch } from "diff";
import { diffHunks } from "./line_diff.ts";
import { generateFiles } from "../bench/generate.ts";

const SEED = Number(Deno.env.get("TFSYNC_SEED") ?? 20_261_203);
const RUNS = Number(Deno.env.get("TFSYNC_RUNS") ?? 2000);

function theirs(before: string, after: string, context: number) {
  return structuredPatch("f", "f", before, after, "", "", { context }).hunks;
}

const line = fc.constantFrom("a", "b", "c", "}", "", "  x = 1", "b\r");
const ending = fc.constantFrom("\n", "\n", "\n", "\r\n");
const text = fc.array(fc.tuple(line, ending), { maxLength: 30 }).chain((lines) =>
  fc.boolean().map((last) => {
    const s = lines.map(([l, e]) => l + e).join("");
    return last ? s : s.replace(/\r?\n$/, "");
  })
);

Deno.test("diffHunks() gives npm:diff's hunks on random texts", () => {
  fc.assert(
    fc.property(text, text, fc.constantFrom(0, 1, 3), (before, after, context) => {
      assert.deepEqual(diffHunks(before, after, context), theirs(before, after, context));
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

Deno.test("diffHunks() gives npm:diff's hunks on an edited text (small changes of a larger one)", () => {
  const base = fc.array(line, { minLength: 20, maxLength: 200 });
  const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.array(line, { maxLength: 3 })), {
    maxLength: 12,
  });
  fc.assert(
    fc.property(base, edits, (lines, changes) => {
      const after = [...lines];
      for (const [at, remove, insert] of changes) {
        after.splice(at % (after.length + 1), remove, ...insert);
      }
      const [b, a] = [lines, after].map((ls) => ls.map((l) => l + "\n").join(""));
      assert.deepEqual(diffHunks(b, a, 3), theirs(b, a, 3));
    }),
    { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
  );
});

Deno.test("diffHunks() gives npm:diff's hunks on generated environments", () => {
  for (const [vars, seed] of [[40, 1], [500, 2], [2000, 3]]) {
    const { files } = generateFiles({ envs: 2, vars, seed, changedFraction: 0.1 });
    const [a, b] = ["englacial", "prod"].map((e) =>
      files.get(`environments/${e}/terraform.tfvars`)!
    );
    assert.deepEqual(diffHunks(b, a, 3), theirs(b, a, 3));
    assert.deepEqual(diffHunks("", a, 3), theirs("", a, 3));
    assert.deepEqual(diffHunks(a, a, 3), []);
  }
});
