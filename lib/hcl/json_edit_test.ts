import assert from "node:assert/strict";
import { parseJson } from "./json_document.ts";
import { applyJsonEdits, type JsonEdit, jsonLiteral, jsonStyle } from "./json_edit.ts";
import { parse } from "./document.ts";
import { valueText } from "./var_convert.ts";

const set = (name: string, value: string): JsonEdit => ({ kind: "set", name, value });
const insert = (name: string, value: string): JsonEdit => ({ kind: "insert", name, value });
const remove = (name: string): JsonEdit => ({ kind: "remove", name });

const PRETTY = '{\n  "a": 1,\n  "b": "x",\n  "c": [1, 2]\n}\n';

const CASES: Array<{ name: string; input: string; edits: JsonEdit[]; want: string }> = [
  {
    name: "set replaces the value only",
    input: PRETTY,
    edits: [set("b", '"y"')],
    want: '{\n  "a": 1,\n  "b": "y",\n  "c": [1, 2]\n}\n',
  },
  {
    name: "insert goes after the last member, in its indentation",
    input: PRETTY,
    edits: [insert("d", "true")],
    want: '{\n  "a": 1,\n  "b": "x",\n  "c": [1, 2],\n  "d": true\n}\n',
  },
  {
    name: "insert keeps a tab indentation and a file without a final newline",
    input: '{\n\t"a" : 1\n}',
    edits: [insert("b", "2")],
    want: '{\n\t"a" : 1,\n\t"b" : 2\n}',
  },
  {
    name: "insert keeps CRLF line endings",
    input: '{\r\n  "a": 1\r\n}\r\n',
    edits: [insert("b", '{\n    "k": 1\n  }')],
    want: '{\r\n  "a": 1,\r\n  "b": {\r\n    "k": 1\r\n  }\r\n}\r\n',
  },
  {
    name: "insert into a one-line file stays on its line",
    input: '{"a":1,"b":2}\n',
    edits: [insert("c", "3")],
    want: '{"a":1,"b":2,"c":3}\n',
  },
  {
    name: "insert into a one-line file with spaces",
    input: '{ "a": 1 }',
    edits: [insert("c", "3")],
    want: '{ "a": 1, "c": 3 }',
  },
  {
    name: "insert into an empty object writes members on lines",
    input: "{}\n",
    edits: [insert("a", "1"), insert("b", "2")],
    want: '{\n  "a": 1,\n  "b": 2\n}\n',
  },
  {
    name: "insert into an empty object on two lines",
    input: "{\n}\n",
    edits: [insert("a", "1")],
    want: '{\n  "a": 1\n}\n',
  },
  {
    name: "remove a first member",
    input: PRETTY,
    edits: [remove("a")],
    want: '{\n  "b": "x",\n  "c": [1, 2]\n}\n',
  },
  {
    name: "remove the last member takes its comma",
    input: PRETTY,
    edits: [remove("c")],
    want: '{\n  "a": 1,\n  "b": "x"\n}\n',
  },
  {
    name: "remove the last two members",
    input: PRETTY,
    edits: [remove("c"), remove("b")],
    want: '{\n  "a": 1\n}\n',
  },
  {
    name: "remove every member",
    input: PRETTY,
    edits: [remove("a"), remove("b"), remove("c")],
    want: "{\n}\n",
  },
  {
    name: "remove a middle member and insert",
    input: PRETTY,
    edits: [remove("b"), insert("d", "4")],
    want: '{\n  "a": 1,\n  "c": [1, 2],\n  "d": 4\n}\n',
  },
  {
    name: "remove the last member and insert",
    input: PRETTY,
    edits: [remove("c"), set("b", '"z"'), insert("d", "4")],
    want: '{\n  "a": 1,\n  "b": "z",\n  "d": 4\n}\n',
  },
  {
    name: "remove every member and insert",
    input: '{"a": 1}',
    edits: [remove("a"), insert("b", "2")],
    want: '{"b": 2}',
  },
  { name: "no edit leaves the text", input: PRETTY, edits: [], want: PRETTY },
];

for (const c of CASES) {
  Deno.test(`applyJsonEdits(): ${c.name}`, () => {
    const after = applyJsonEdits(parseJson(c.input, "e.tfvars.json"), c.edits);
    assert.equal(after, c.want);
    parseJson(after); // still JSON
  });
}

Deno.test("applyJsonEdits() refuses an edit of a member the file does not set", () => {
  assert.throws(() => applyJsonEdits(parseJson(PRETTY, "e.json"), [set("z", "1")]), {
    message: 'Cannot edit "z": it is not set in "e.json"',
  });
  assert.throws(() => applyJsonEdits(parseJson(PRETTY, "e.json"), [insert("a", "1")]), {
    message: 'Cannot insert "a": it is already set',
  });
});

Deno.test("jsonStyle() reads indentation, colon spacing and the gap after commas", () => {
  assert.deepEqual(jsonStyle(parseJson(PRETTY)), { indent: "  ", colon: ": ", gap: " " });
  assert.deepEqual(jsonStyle(parseJson('{\n    "a" : 1\n}')), {
    indent: "    ",
    colon: " : ",
    gap: " ",
  });
  assert.deepEqual(jsonStyle(parseJson('{"a":1,"b":2}')), { colon: ":", gap: "" });
  // One member on one line: the gap after a comma follows the colon's.
  assert.deepEqual(jsonStyle(parseJson('{"a": 1}')), { colon: ": ", gap: " " });
  assert.deepEqual(jsonStyle(parseJson('{"a":1}')), { colon: ":", gap: "" });
  assert.deepEqual(jsonStyle(parseJson("{}")), { indent: "  ", colon: ": ", gap: " " });
});

Deno.test("valueText() converts between the syntaxes, in the target's style", () => {
  const hcl = parse(
    'tags = { Name = "a", "b-c" = [1, 2.50] }\ns = "$${x} ${"y"}"\nn = 12 * 60\nh = <<EOT\n  hi\nEOT\n',
    "a.tfvars",
    { tfvars: true },
  );
  const pretty = parseJson('{\n    "x": 1\n}\n');
  const compact = parseJson('{"x":1}');
  const text = (name: string, to = pretty) => valueText(hcl, hcl.get(name)!, to);
  assert.equal(
    text("tags"),
    '{\n        "Name": "a",\n        "b-c": [\n            1,\n            2.5\n        ]\n    }',
  );
  assert.equal(text("tags", compact), '{"Name":"a","b-c":[1,2.5]}');
  assert.equal(text("s"), '"${x} y"');
  assert.equal(text("n"), "720");
  assert.equal(text("h"), '"  hi\\n"');
  const json = parseJson('{"t": {"k": "${v}", "for": [true, null]}, "e": "%{x}"}');
  const back = (name: string) => valueText(json, json.get(name)!, hcl);
  assert.equal(back("t"), '{ k = "$${v}", "for" = [true, null] }');
  assert.equal(back("e"), '"%%{x}"');
  // A value written on several lines: its collections on lines, as terraform fmt lays them out.
  const lines = parseJson('{\n  "m": {\n    "k": [1, {"a": null}],\n    "long-key": {}\n  }\n}');
  assert.equal(
    valueText(lines, lines.get("m")!, hcl),
    "{\n  k = [\n    1,\n    {\n      a = null\n    },\n  ]\n  long-key = {}\n}",
  );
  // JSON into JSON: as written when it is one line or the styles agree, else laid out again.
  const other = parseJson('{\n  "m": {\n    "k": 1\n  },\n  "o": [1,2]\n}');
  assert.equal(valueText(other, other.get("o")!, pretty), "[1,2]");
  assert.equal(valueText(other, other.get("m")!, pretty), '{\n        "k": 1\n    }');
  assert.equal(valueText(other, other.get("m")!, other), '{\n    "k": 1\n  }');
});

Deno.test("jsonLiteral() refuses a value with no constant form", async () => {
  const { HclExpression } = await import("./value.ts");
  assert.throws(() => jsonLiteral(new HclExpression("var.x"), { colon: ":", gap: "" }, "\n"), {
    message: 'No JSON form for "var.x"',
  });
});
