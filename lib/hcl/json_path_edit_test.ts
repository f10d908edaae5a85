import assert from "node:assert/strict";
import { parseJson } from "./json_document.ts";
import { applyEdits, type Edit } from "./edit.ts";
import { valueNode } from "./path_tree.ts";
import { toPlain } from "./value.ts";

const FILE = [
  "{",
  '  "image_tag": "v1",',
  '  "settings": {',
  '    "a": 0,',
  '    "b": 3,',
  '    "n": {"x": 1, "y": 2}',
  "  },",
  '  "one": {"a":0,"b":3},',
  '  "empty": {}',
  "}",
  "",
].join("\n");

const path = (name: string, keys: string[], value?: string, indent?: string): Edit => ({
  kind: "path",
  name,
  keys,
  ...(value !== undefined && { value }),
  ...(indent !== undefined && { indent }),
});

const cases: Array<{ name: string; edits: Edit[]; want: (string | [string, string])[] }> = [
  {
    name: "a set replaces the key's value only",
    edits: [path("settings", ["a"], '"x-${y}"')],
    want: [['    "a": 0,', '    "a": "x-${y}",']],
  },
  {
    name: "removing the last key takes the comma before it; a new key follows the last kept one",
    edits: [path("settings", ["n"]), path("settings", ["c"], "true")],
    want: [['    "b": 3,', '    "b": 3,\n    "c": true'], ['    "n": {"x": 1, "y": 2}\n', ""]],
  },
  {
    name: "removing the first key takes the comma after it",
    edits: [path("settings", ["a"])],
    want: [['    "a": 0,\n', ""]],
  },
  {
    name: "removing every key leaves an empty object",
    edits: [path("settings", ["a"]), path("settings", ["b"]), path("settings", ["n"])],
    want: [[
      '  "settings": {\n    "a": 0,\n    "b": 3,\n    "n": {"x": 1, "y": 2}\n  },',
      '  "settings": {},',
    ]],
  },
  {
    name: "a one-line object keeps its own spacing (none after the comma here)",
    edits: [path("one", ["a"]), path("one", ["c"], "[1, 2]")],
    want: [['  "one": {"a":0,"b":3},', '  "one": {"b":3,"c":[1, 2]},']],
  },
  {
    name: "a key two levels down, and a multi-line value re-indented to its key's line",
    edits: [path("settings", ["n", "z"], '{\n  "q": 1\n}', "")],
    want: [[
      '    "n": {"x": 1, "y": 2}',
      '    "n": {"x": 1, "y": 2, "z": {\n      "q": 1\n    }}',
    ]],
  },
  {
    name: "a key into an empty one-line object, with the file's colon",
    edits: [path("empty", ["k"], '"v"')],
    want: [['  "empty": {}', '  "empty": {"k": "v"}']],
  },
];

for (const c of cases) {
  Deno.test(`JSON path edits: ${c.name}`, () => {
    const doc = parseJson(FILE, "p.tfvars.json");
    let want = FILE;
    for (const w of c.want) {
      const [from, to] = typeof w === "string" ? [w, w] : w;
      assert.ok(want.includes(from), from);
      want = want.replace(from, to);
    }
    const out = applyEdits(doc, c.edits);
    assert.equal(out, want);
    // Still one JSON object, read the same by tfsync and by JSON.parse.
    const after = parseJson(out, "p.tfvars.json");
    const values = Object.fromEntries(after.attributes.map((a) => [a.name, toPlain(a.value)]));
    assert.deepEqual(JSON.parse(out), values);
  });
}

Deno.test("JSON path edits: a multi-line empty object takes its first key on a line of its own", () => {
  const text = '{\n  "s": {\n  }\n}\n';
  const out = applyEdits(parseJson(text, "p.tfvars.json"), [path("s", ["k"], "1")]);
  assert.equal(out, '{\n  "s": {\n    "k": 1\n  }\n}\n');
});

Deno.test("JSON path edits: a key whose parent is no object is refused", () => {
  const doc = parseJson('{"s": {"a": [1]}}', "p.tfvars.json");
  assert.throws(
    () => applyEdits(doc, [path("s", ["a", "b"], "1")]),
    new TypeError('Cannot edit "s.a.b": its parent is missing or not an object'),
  );
  assert.throws(
    () => applyEdits(doc, [path("s", ["c"])]),
    new TypeError('Cannot remove "s.c": it is not set'),
  );
});

Deno.test("JSON value nodes: keys decoded as cty makes them, spans as written", () => {
  const text = '{"s": {"caf\\u00e9": 1, "b\\/c":\n  [true, null]}}';
  const doc = parseJson(text, "p.tfvars.json");
  const node = valueNode(doc, doc.get("s")!.valueStart);
  assert.equal(node.kind, "object");
  assert.deepEqual(node.entries.map((e) => e.key), ["café", "b/c"]);
  assert.deepEqual(
    node.entries.map((e) => text.slice(e.keySpan.start, e.keySpan.end)),
    ['"caf\\u00e9"', '"b\\/c"'],
  );
  const list = node.entries[1].value;
  assert.equal(list.kind, "tuple");
  assert.deepEqual(list.elements.map((e) => e.value), [true, null]);
  assert.equal(node.entries[1].ownLine, false);
});
