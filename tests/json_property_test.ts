// Property tests of the JSON var-file document over generated `.tfvars.json` texts (any spacing,
// nesting, escapes, numbers in every JSON form): the round trip is the identity, the members and
// values are JSON.parse's, and a batch of edits changes exactly the members it names.
import assert from "node:assert/strict";
import fc from "fast-check";
import { print } from "../lib/hcl/document.ts";
import { parseJson } from "../lib/hcl/json_document.ts";
import { applyJsonEdits, type JsonEdit, jsonLiteral, jsonStyle } from "../lib/hcl/json_edit.ts";
import { HclNumber, toPlain, type Value } from "../lib/hcl/value.ts";
import { valueNode } from "../lib/hcl/path_tree.ts";
import { readPlain } from "../lib/hcl/json_verify.ts";
import { join } from "node:path";
import { canonical, fromJson, noTerraform, terraformConsole, terraformRead } from "./_terraform.ts";
import { identifier, terraformFmt } from "./_generate.ts";
import { hclLiteral } from "../lib/hcl/value.ts";
import { parse } from "../lib/hcl/document.ts";
import { applyEdits } from "../lib/hcl/edit.ts";
import { jsonFile as file, jsonValue as value } from "./_generate_json.ts";
import { runs } from "./_runs.ts";

const RUNS = runs(20_261_202, 300);

Deno.test("parseJson() round-trips generated JSON var files with JSON.parse's values", () => {
  fc.assert(
    fc.property(file, ({ names, text }) => {
      const doc = parseJson(text, "gen.tfvars.json");
      assert.equal(print(doc), text);
      assert.deepEqual(doc.attributes.map((a) => a.name), names);
      const theirs = readPlain(text);
      for (const a of doc.attributes) assert.deepEqual(toPlain(a.value), theirs[a.name], a.name);
    }),
    RUNS,
  );
});

Deno.test("applyJsonEdits() changes exactly the members a generated batch names", () => {
  const batch = file.chain(({ names, text }) =>
    fc.tuple(
      fc.constant(text),
      fc.subarray(names),
      fc.subarray(names),
      fc.uniqueArray(identifier().filter((n) => !names.includes(n)), { maxLength: 2 }),
      value,
    )
  );
  fc.assert(
    fc.property(batch, ([text, removed, setAll, added, v]) => {
      const doc = parseJson(text, "gen.tfvars.json");
      const set = setAll.filter((n) => !removed.includes(n));
      const literal = jsonLiteral(parseJson(`{"v":${v}}`).get("v")!.value, jsonStyle(doc), doc.eol);
      const edits: JsonEdit[] = [
        ...removed.map((name): JsonEdit => ({ kind: "remove", name })),
        ...set.map((name): JsonEdit => ({ kind: "set", name, value: literal })),
        ...added.map((name): JsonEdit => ({ kind: "insert", name, value: literal })),
      ];
      const after = parseJson(applyJsonEdits(doc, edits), "gen.tfvars.json");
      const want = doc.attributes.filter((a) => !removed.includes(a.name)).map((a) => a.name);
      assert.deepEqual(after.attributes.map((a) => a.name), [...want, ...added]);
      const [was, is] = [readPlain(text), readPlain(after.text)];
      for (const name of want) {
        const a = after.get(name)!;
        if (set.includes(name)) assert.deepEqual(is[name], readPlain(`{"v":${v}}`).v);
        else {
          // Untouched: its text byte for byte, and its value.
          assert.equal(after.raw(a), doc.raw(doc.get(name)!));
          assert.deepEqual(is[name], was[name]);
        }
      }
      for (const name of added) assert.deepEqual(is[name], readPlain(`{"v":${v}}`).v);
    }),
    RUNS,
  );
});

Deno.test("path edits in generated JSON files change exactly the keys they name", () => {
  // A member, an object inside its value, and which of that object's keys go, change, or come.
  const batch = file.filter(({ names }) => names.length > 0).chain(({ names, text }) => {
    const doc = parseJson(text, "gen.tfvars.json");
    const objects = names.flatMap((name) =>
      objectPaths(doc.get(name)!.value).map((keys) => ({ name, keys }))
    );
    if (objects.length === 0) return fc.constant(undefined);
    return fc.constantFrom(...objects).chain(({ name, keys }) => {
      const own = [...(valueAt(doc.get(name)!.value, keys) as Map<string, Value>).keys()];
      return fc.tuple(
        fc.constant({ text, name, keys }),
        fc.subarray(own),
        fc.subarray(own),
        fc.uniqueArray(identifier().filter((k) => !own.includes(k)), { maxLength: 2 }),
        value,
      );
    });
  });
  let tried = 0, changed = 0;
  fc.assert(
    fc.property(batch, (b) => {
      if (!b) return;
      tried++;
      const [{ text, name, keys }, removed, setAll, added, v] = b;
      const doc = parseJson(text, "gen.tfvars.json");
      const set = setAll.filter((k) => !removed.includes(k));
      const literal = jsonLiteral(parseJson(`{"v":${v}}`).get("v")!.value, jsonStyle(doc), doc.eol);
      const newValue = parseJson(`{"v":${v}}`).get("v")!.value;
      const edits: JsonEdit[] = [
        ...removed.map((k): JsonEdit => ({ kind: "path", name, keys: [...keys, k] })),
        ...[...set, ...added].map((k): JsonEdit => ({
          kind: "path",
          name,
          keys: [...keys, k],
          value: literal,
        })),
      ];
      const out = applyJsonEdits(doc, edits);
      if (edits.length > 0) changed++;
      const after = parseJson(out, "gen.tfvars.json");
      JSON.parse(out);
      // The object has the intended keys, in order: the kept ones, then the added ones.
      const was = valueAt(doc.get(name)!.value, keys) as Map<string, Value>;
      const want = new Map([...was].filter(([k]) => !removed.includes(k)));
      for (const k of [...set, ...added]) want.set(k, newValue);
      const is = valueAt(after.get(name)!.value, keys) as Map<string, Value>;
      assert.deepEqual([...is.keys()], [...want.keys()]);
      for (const [k, x] of want) assert.deepEqual(toPlain(is.get(k)!), toPlain(x), k);
      // The keys kept and not set: their text byte for byte.
      const raw = (d: typeof doc, key: string) => {
        const at = valueNode(d, d.get(name)!.valueStart);
        const parent = keys.reduce((n, k) => n.entries.find((e) => e.key === k)!.value, at);
        const e = parent.entries.find((x) => x.key === key)!;
        return d.text.slice(e.keySpan.start, e.value.end);
      };
      for (const k of was.keys()) {
        if (!removed.includes(k) && !set.includes(k)) assert.equal(raw(after, k), raw(doc, k), k);
      }
      // Outside the object, nothing changed: the other members byte for byte.
      for (const a of doc.attributes) {
        if (a.name !== name) assert.equal(after.raw(after.get(a.name)!), doc.raw(a));
      }
    }),
    RUNS,
  );
  // The generator makes objects often enough for the property to say something.
  assert.ok(
    tried > RUNS.numRuns / 4 && changed > RUNS.numRuns / 5,
    `${tried} tried, ${changed} edited`,
  );
});

/** The value with each number -0 read as 0 (strings as they are). */
function unsignedZeros(v: Value): Value {
  if (v instanceof HclNumber) return v.text === "-0" ? new HclNumber("0") : v;
  if (Array.isArray(v)) return v.map(unsignedZeros);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, unsignedZeros(x)]));
  return v;
}

/** The key paths of the objects inside a value, the value's own (`[]`) first. */
function objectPaths(v: Value, keys: string[] = []): string[][] {
  if (!(v instanceof Map)) return [];
  return [keys, ...[...v].flatMap(([k, x]) => objectPaths(x, [...keys, k]))];
}

function valueAt(v: Value, keys: string[]): Value {
  return keys.reduce((x, k) => (x as Map<string, Value>).get(k)!, v);
}

Deno.test({
  name: noTerraform
    ? `parseJson() reads generated values as terraform console does (ignored: ${noTerraform})`
    : "parseJson() reads generated values as terraform console does",
  ignore: noTerraform !== undefined,
  fn: async () => {
    const values = fc.sample(value, { seed: RUNS.seed, numRuns: 60 });
    const text = `{${values.map((v, i) => `"v${i}": ${v}`).join(",\n")}}\n`;
    const dir = await Deno.makeTempDir({ prefix: "tfsync-json-oracle-" });
    try {
      const blocks = values.map((_, i) => `variable "v${i}" { type = any }\n`).join("");
      await Deno.writeTextFile(join(dir, "v.tf"), blocks);
      await Deno.writeTextFile(join(dir, "t.tfvars.json"), text);
      const all = values.map((_, i) => `jsonencode(var.v${i})`).join(", ");
      const out = await terraformConsole(dir, `jsonencode([${all}])`, "t.tfvars.json");
      assert.ok(out.success, out.stderr);
      const theirs = (JSON.parse(JSON.parse(out.stdout)) as string[]).map(fromJson);
      const doc = parseJson(text, "t.tfvars.json");
      values.forEach((v, i) => {
        // A known difference (lib/hcl/json_document_test.ts): terraform reads a JSON -0 as -0.
        assert.equal(canonical(doc.get(`v${i}`)!.value), canonical(unsignedZeros(theirs[i])), v);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: noTerraform
    ? `hclLiteral() writes generated JSON values as HCL terraform reads alike, fmt-clean once written (ignored: ${noTerraform})`
    : "hclLiteral() writes generated JSON values as HCL terraform reads alike, fmt-clean once written",
  ignore: noTerraform !== undefined,
  fn: async () => {
    const values = fc.sample(value, { seed: RUNS.seed + 1, numRuns: 60 })
      .map((v) => parseJson(`{"v": ${v}}`).get("v")!.value);
    const literals = values.flatMap((v) => [hclLiteral(v, false), hclLiteral(v, true)]);
    const theirs = await terraformRead(literals);
    literals.forEach((l, i) => {
      const want = canonical(values[i >> 1]);
      const t = theirs[i];
      assert.ok("value" in t, `${l}: ${JSON.stringify(t)}`);
      assert.equal(canonical(t.value), want, l);
      assert.equal(
        canonical(parse(`v = ${l}\n`, "l.tfvars", { tfvars: true }).get("v")!.value),
        want,
      );
    });
    // Written by an edit, as a sync writes it (its "=" runs aligned): what fmt would write.
    const files = literals.map((l) =>
      applyEdits(parse("v = 0\n", "l.tfvars", { tfvars: true }), [{
        kind: "set",
        name: "v",
        value: l,
      }])
    );
    assert.deepEqual(await terraformFmt(files), files);
  },
});
