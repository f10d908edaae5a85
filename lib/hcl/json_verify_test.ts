import assert from "node:assert/strict";
import { parseJson } from "./json_document.ts";
import { verifyEdit } from "./verify.ts";
import { VerificationError } from "./errors.ts";
import { HclNumber, type Value } from "./value.ts";

const BEFORE = parseJson('{\n  "a": 1,\n  "b": "x"\n}\n', "v.tfvars.json");
const intent = (entries: Array<[string, Value | undefined]>) => new Map(entries);

Deno.test("verifyEdit() of a JSON file accepts an edit that reads as intended", async () => {
  const after = await verifyEdit(
    BEFORE,
    '{\n  "a": 2,\n  "c": [true]\n}\n',
    intent([["a", new HclNumber("2")], ["b", undefined], ["c", [true]]]),
  );
  assert.deepEqual(after.attributes.map((a) => a.name), ["a", "c"]);
});

Deno.test("verifyEdit() of a JSON file refuses what the edit was not meant to change", async () => {
  const cases: Array<[string, Map<string, Value | undefined>, string]> = [
    ['{\n  "a": 1,\n  "b": "y"\n}\n', intent([]), 'Verification failed: "b" is "y", expected "x"'],
    ['{\n  "a": 1\n}\n', intent([]), 'Verification failed: "b" is missing after the edit'],
    [
      '{\n  "a": 3,\n  "b": "x"\n}\n',
      intent([["a", new HclNumber("2")]]),
      'Verification failed: "a" is 3, expected 2',
    ],
    [
      '{\n  "a": 1,\n  "b": "x",\n}\n',
      intent([]),
      'The edited text does not parse: Trailing comma: JSON allows no "," before "}"',
    ],
  ];
  for (const [text, want, message] of cases) {
    await assert.rejects(() => verifyEdit(BEFORE, text, want), (e) => {
      assert.ok(e instanceof VerificationError);
      assert.equal(e.message, message);
      return true;
    });
  }
});
