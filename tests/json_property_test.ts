// Property tests of the JSON var-file document over generated `.tfvars.json` texts (any spacing,
// nesting, escapes, numbers in every JSON form): the round trip is the identity, the members and
// values are JSON.parse's, and a batch of edits changes exactly the members it names.
import assert from "node:assert/strict";
import fc from "fast-check";
import { print } from "../lib/hcl/document.ts";
import { parseJson } from "../lib/hcl/json_document.ts";
import { applyJsonEdits, type JsonEdit, jsonLiteral, jsonStyle } from "../lib/hcl/json_edit.ts";
import { toPlain } from "../lib/hcl/value.ts";
import { identifier } from "./_generate.ts";

const RUNS = { seed: 20_261_202, numRuns: 300 };

const ws = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "  "), { maxLength: 3 }).map((a) =>
  a.join("")
);

/** A JSON string literal: some characters escaped (\u, short escapes), the rest as they are. */
const jsonString = fc.array(
  fc.oneof(
    fc.constantFrom("a", "Z", " ", "é", "😀", "${x}", "%{y}", '\\"', "\\\\", "\\/", "\\n", "\\t"),
    fc.integer({ min: 0x20, max: 0x2fff }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) =>
      `\\u${c.toString(16).padStart(4, "0")}`
    ),
  ),
  { maxLength: 6 },
).map((parts) => `"${parts.join("")}"`);

const jsonNumber = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom("0", "-0", "1E+2", "-0.50e-3", "12345678901234567890123", "1e400"),
);

const { value } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    jsonString,
    jsonNumber,
    fc.constantFrom("true", "false", "null"),
    fc.array(fc.tuple(ws, tie("value"), ws), { maxLength: 3 }).chain((items) =>
      ws.map((w) => `[${w}${items.map(([a, v, b]) => a + v + b).join(",")}]`)
    ),
    fc.uniqueArray(fc.tuple(jsonString, ws, tie("value")), {
      maxLength: 3,
      selector: ([k]) => JSON.parse(k).normalize("NFC"),
    }).chain((entries) =>
      ws.map((w) => `{${w}${entries.map(([k, a, v]) => `${k}${a}:${w}${v}`).join(`,${w}`)}}`)
    ),
  ),
}));

const file = fc.uniqueArray(identifier(), { maxLength: 6 }).chain((names) =>
  fc.tuple(
    fc.tuple(...names.map((n) =>
      fc.tuple(ws, ws, ws, value).map(([a, b, c, v]) => `${a}"${n}"${b}:${c}${v}`)
    )),
    ws,
    ws,
  ).map(([members, before, after]) => ({
    names,
    text: `${before}{${members.join(",")}${members.length ? "\n" : ""}}${after}`,
  }))
);

/** JSON.parse's reading, with terraform's NFC strings and -0 read as 0 (as tfsync's numbers). */
const nfc = (text: string) =>
  JSON.parse(
    text,
    (_, v) => typeof v === "string" ? v.normalize("NFC").toWellFormed() : v === 0 ? 0 : v,
  );

Deno.test("parseJson() round-trips generated JSON var files with JSON.parse's values", () => {
  fc.assert(
    fc.property(file, ({ names, text }) => {
      const doc = parseJson(text, "gen.tfvars.json");
      assert.equal(print(doc), text);
      assert.deepEqual(doc.attributes.map((a) => a.name), names);
      const theirs = nfc(text);
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
      const [was, is] = [nfc(text), nfc(after.text)];
      for (const name of want) {
        const a = after.get(name)!;
        if (set.includes(name)) assert.deepEqual(is[name], nfc(`{"v":${v}}`).v);
        else {
          // Untouched: its text byte for byte, and its value.
          assert.equal(after.raw(a), doc.raw(doc.get(name)!));
          assert.deepEqual(is[name], was[name]);
        }
      }
      for (const name of added) assert.deepEqual(is[name], nfc(`{"v":${v}}`).v);
    }),
    RUNS,
  );
});
