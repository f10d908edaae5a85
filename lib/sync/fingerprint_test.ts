import assert from "node:assert/strict";
import { parse } from "../hcl/document.ts";
import { toJson, type Value } from "../hcl/value.ts";
import { fingerprint } from "./fingerprint.ts";

/** The fingerprint as first written: FNV-1a over the code points of a string's iterator. */
function reference(names: string[], get: (n: string) => Value | undefined): string {
  let h = 0x811c9dc5;
  for (const name of names) {
    const v = get(name);
    if (v === undefined) continue;
    for (const ch of `${name}=${toJson(v)}\n`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, "0");
}

Deno.test("fingerprint() hashes code points: astral characters, lone surrogates, plain text", () => {
  const doc = parse('a = "plain"\nb = "\u{1F600} and \u00e9"\nd = { k = "\u{10FFFF}" }\ne = 3\n');
  // Lone surrogates come only from a JSON file's escapes: given as values here.
  const values = new Map<string, Value | undefined>([
    ...doc.attributes.map((a) => [a.name, a.value] as const),
    ["c", ["\ud800", "x\udc00", "\ud83d\ude00", "\udbff", "\ud800\ud800\udc00"]],
  ]);
  const names = ["a", "b", "c", "d", "e", "missing"];
  const module = { dir: "", files: [], variables: new Map() };
  const get = (n: string) => values.get(n);
  for (let i = 0; i <= names.length; i++) {
    const some = names.slice(0, i);
    const config = { syncable: some, rules: () => undefined };
    assert.equal(fingerprint(config, module, get), reference(some, get));
  }
});
