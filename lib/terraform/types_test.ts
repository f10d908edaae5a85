import assert from "node:assert/strict";
import {
  checkValue,
  parseType,
  type TfType,
  TypeConstraintError,
  type TypeProblem,
  typeToString,
} from "./types.ts";
import { HclExpression, HclNumber, type Value } from "../hcl/value.ts";

const n = (text: string): HclNumber => HclNumber.parse(text)!;
const obj = (...entries: [string, Value][]): Map<string, Value> => new Map(entries);
const expr = (source: string) => new HclExpression(source);

// [source, canonical text]
const PARSES: [string, string][] = [
  ["string", "string"],
  ["number", "number"],
  ["bool", "bool"],
  ["any", "any"],
  ["list(string)", "list(string)"],
  ["set( number )", "set(number)"],
  ["map(bool)", "map(bool)"],
  ["map(list(any))", "map(list(any))"],
  ["tuple([string, number,])", "tuple([string, number])"],
  ["tuple([])", "tuple([])"],
  ["object({})", "object({})"],
  ["object({ a = string, b = number })", "object({ a = string, b = number })"],
  ["object({ a : string, b-c : bool })", "object({ a = string, b-c = bool })"],
  [
    "object({\n  a = string\n  b = list(number)\n})",
    "object({ a = string, b = list(number) })",
  ],
  ["object({ a = optional(string) })", "object({ a = optional(string) })"],
  [
    'object({ a = optional(string, "x"), })',
    'object({ a = optional(string, "x") })',
  ],
  [
    "object({ a = optional(number, -1.50) })",
    "object({ a = optional(number, -1.5) })",
  ],
  [
    "object({ a = optional(number, 1 + 2) })",
    "object({ a = optional(number, 1 + 2) })",
  ],
  [
    'object({ a = optional(string, "\\u00e9\\"\\t$${x}") })',
    'object({ a = optional(string, "é\\"\\t$${x}") })',
  ],
  [
    'object({ a = optional(string, "x${var.y}") })',
    'object({ a = optional(string, "x${var.y}") })',
  ],
  [
    "object({ a = optional(string, null) })",
    "object({ a = optional(string, null) })",
  ],
  [
    'object({ a = optional(map(list(string)), { x = ["1", 2], "y z" : [] }) })',
    'object({ a = optional(map(list(string)), { x = ["1", 2], "y z" = [] }) })',
  ],
  [
    "object({ a = optional(object({ b = optional(bool, true) }), {}) })",
    "object({ a = optional(object({ b = optional(bool, true) }), {}) })",
  ],
  [
    "map(\n  # the element\n  string // a comment\n  /* and another */\n)",
    "map(string)",
  ],
  ["list", "list(any)"],
  ["map", "map(any)"],
  ['"string"', "string"],
  ['"list"', "list(any)"],
  ['"map"', "map(any)"],
];

for (const [source, want] of PARSES) {
  Deno.test(`parseType() reads ${JSON.stringify(source)} as ${want}`, () => {
    const type = parseType(source);
    assert.equal(typeToString(type), want);
    assert.deepEqual(parseType(typeToString(type)), type);
  });
}

Deno.test("parseType() keeps optional attributes and their literal defaults", () => {
  const type = parseType(`object({
    name = string
    size = optional(number, 3) # in GB
    tags = optional(object({ team = optional(string, "core"), on = bool }), { on = "1" })
  })`);
  const want: TfType = {
    kind: "object",
    attributes: new Map([
      ["name", { type: { kind: "string" }, optional: false }],
      ["size", { type: { kind: "number" }, optional: true, default: n("3") }],
      ["tags", {
        type: {
          kind: "object",
          attributes: new Map([
            ["team", {
              type: { kind: "string" },
              optional: true,
              default: "core",
            }],
            ["on", { type: { kind: "bool" }, optional: false }],
          ]),
        },
        optional: true,
        default: obj(["on", "1"]),
      }],
    ]),
  };
  assert.deepEqual(type, want);
});

// [source, message]
const PARSE_ERRORS: [string, string][] = [
  ["foo(", 'unknown type "foo"'],
  ["String", 'unknown type "String"'],
  ["", "expected a type, found end of input"],
  ["list(", "expected a type, found end of input"],
  ["map(string", 'expected ")", found end of input'],
  ["list()", "list() takes one argument, the element type, as in list(string)"],
  [
    "list(string, number)",
    "list() takes one argument, the element type, as in list(string)",
  ],
  ["set", "set() takes one argument, the element type, as in set(string)"],
  ["string()", "string takes no arguments"],
  [
    "tuple",
    "tuple() takes one list of element types, as in tuple([string, number])",
  ],
  [
    "tuple({})",
    "tuple() takes one list of element types, as in tuple([string, number])",
  ],
  [
    "tuple([string number])",
    'expected "," or "]" after a tuple element, found "number"',
  ],
  [
    "object",
    "object() takes one map of attribute types, as in object({ name = string })",
  ],
  [
    "object([])",
    "object() takes one map of attribute types, as in object({ name = string })",
  ],
  ['object({ "a" = string })', 'attribute name "a" must not be quoted'],
  ["object({ a = string, a = number })", 'duplicate attribute "a"'],
  [
    "object({ a = string b = number })",
    'expected "," or a newline after attribute "a", found "b"',
  ],
  [
    "object({ a = string,\n b = number\n , c = bool })",
    'expected an attribute name or "}", found ","',
  ],
  ["object({ a string })", 'expected "=" after attribute "a", found "string"'],
  [
    "optional(string)",
    "optional() is only valid for an attribute of object({…})",
  ],
  [
    "list(optional(string))",
    "optional() is only valid for an attribute of object({…})",
  ],
  [
    "object({ a = optional() })",
    "optional() needs the attribute type, as in optional(string)",
  ],
  [
    'object({ a = optional(string, "x", "y") })',
    "optional() takes at most two arguments: the attribute type and a default",
  ],
  [
    'object({ a = optional(number, "x") })',
    'the default of attribute "a" does not fit: a string "x" is not a number',
  ],
  [
    "object({ a = optional(object({ b = number }), {}) })",
    'the default of attribute "a" does not fit: attribute "b" is required',
  ],
  [
    'object({ a = optional(list(number), [1, "x"]) })',
    'the default of attribute "a" does not fit at [1]: a string "x" is not a number',
  ],
  [
    '"number"',
    'only "string", "list" and "map" may be quoted (legacy syntax); write number',
  ],
  ["list(string) x", 'unexpected "x" after the type'],
  ['map("abc)', "unterminated string"],
  ["map(/* string)", "unterminated comment"],
  [
    'object({ a = optional(string, "\\q") })',
    'invalid escape "\\q" in a string',
  ],
];

for (const [source, detail] of PARSE_ERRORS) {
  Deno.test(`parseType() rejects ${JSON.stringify(source)}: ${detail}`, () => {
    const message = `Invalid type constraint ${
      JSON.stringify(source.trim().replace(/\s+/g, " "))
    }: ${detail}`;
    assert.throws(
      () => parseType(source),
      (e) => e instanceof TypeError && e.message === message,
    );
  });
}

Deno.test("parseType() reports where in the source the problem is", () => {
  const source = "object({\n  a = string\n  b = strin\n})";
  assert.throws(() => parseType(source), (e) => {
    assert.ok(e instanceof TypeConstraintError);
    assert.equal(e.offset, source.indexOf("strin\n"));
    assert.equal(e.detail, 'unknown type "strin"');
    return true;
  });
});

// [what, value, type source]
const ACCEPTS: [string, Value, string][] = [
  ['"x" as a string', "x", "string"],
  ["3 as a string", n("3"), "string"],
  ["true as a string", true, "string"],
  ["3 as a number", n("3"), "number"],
  ['"3" as a number', "3", "number"],
  ['"1e2" as a number', "1e2", "number"],
  ['"-.5" as a number', "-.5", "number"],
  ['"+3" as a number', "+3", "number"],
  ['"1." as a number', "1.", "number"],
  ["true as a bool", true, "bool"],
  ['"true" as a bool', "true", "bool"],
  ['"false" as a bool', "false", "bool"],
  ['"1" and "0" as bools', ["1", "0"], "list(bool)"],
  ["anything as any", [n("1"), obj(["a", [true]])], "any"],
  ["null as a string", null, "string"],
  ["null as an object", null, "object({ a = string })"],
  [
    "null elements and attributes",
    obj(["a", null], ["b", [null]]),
    "object({ a = string, b = list(number) })",
  ],
  ["an expression as a number", expr("var.x"), "number"],
  ["an expression inside a list", [n("1"), expr("local.y")], "list(number)"],
  [
    "a list as list(number) when elements convert",
    [n("1"), "2"],
    "list(number)",
  ],
  ["an empty list as list(string)", [], "list(string)"],
  [
    "a list as set(string) when elements convert",
    [n("1"), true, "a", "a"],
    "set(string)",
  ],
  [
    "a list as a tuple of the same length",
    ["a", "1"],
    "tuple([string, number])",
  ],
  [
    "an object as map(number) when values convert",
    obj(["a", n("1")], ["b c", "2"]),
    "map(number)",
  ],
  ["an empty object as map(string)", obj(), "map(string)"],
  [
    "an object with every attribute",
    obj(["a", "x"], ["b", n("1")]),
    "object({ a = string, b = number })",
  ],
  [
    "an object missing an optional attribute",
    obj(["a", "x"]),
    "object({ a = string, b = optional(number) })",
  ],
  [
    "an object with extra attributes (dropped)",
    obj(["a", "x"], ["extra", [n("1")]]),
    "object({ a = string })",
  ],
  [
    "an object missing a nested optional attribute",
    obj(["c", obj(["d", "true"])]),
    'object({ c = optional(object({ d = bool, e = optional(string, "E") })) })',
  ],
  ["mixed elements as list(any) (unification not checked)", [
    n("1"),
    obj(["a", n("1")]),
  ], "list(any)"],
  ["anything in a legacy list", [n("1"), "x"], "list"],
  ["anything in a legacy map", obj(["a", [n("1")]]), '"map"'],
];

for (const [what, value, source] of ACCEPTS) {
  Deno.test(`checkValue() accepts ${what}`, () => {
    assert.deepEqual(checkValue(value, parseType(source)), []);
  });
}

const problem = (path: string, message: string): TypeProblem => ({
  path,
  message,
});

// [what, value, type source, problems]
const REJECTS: [string, Value, string, TypeProblem[]][] = [
  ['"yes" as a bool', "yes", "bool", [
    problem("", 'a string "yes" is not a bool'),
  ]],
  ['"True" as a bool, with a hint', "True", "bool", [
    problem("", 'a string "True" is not a bool: write lowercase "true"'),
  ]],
  ["3 as a bool", n("3"), "bool", [problem("", "the number 3 is not a bool")]],
  ['" 3" as a number', " 3", "number", [
    problem("", 'a string " 3" is not a number'),
  ]],
  ['"0x10" as a number', "0x10", "number", [
    problem("", 'a string "0x10" is not a number'),
  ]],
  ['"Inf" as a number', "Inf", "number", [
    problem("", 'a string "Inf" is not a number'),
  ]],
  ["true as a number", true, "number", [
    problem("", "the bool true is not a number"),
  ]],
  ["a list as a string", ["a", "b"], "string", [
    problem("", "a list of 2 elements is not a string"),
  ]],
  ["an object as a string", obj(), "string", [
    problem("", "an object is not a string"),
  ]],
  ["an object as a list", obj(), "list(number)", [
    problem("", "an object is not a list(number)"),
  ]],
  ["a string as a set", "a", "set(string)", [
    problem("", 'a string "a" is not a set(string)'),
  ]],
  ["every bad element of a list", [n("1"), "x", true], "list(number)", [
    problem("[1]", 'a string "x" is not a number'),
    problem("[2]", "the bool true is not a number"),
  ]],
  ["a nested list in set(string)", [[n("1")]], "set(string)", [
    problem("[0]", "a list of 1 element is not a string"),
  ]],
  ["a tuple of the wrong length", ["a"], "tuple([string, number])", [
    problem(
      "",
      "a list of 1 element is not a tuple([string, number]): it needs 2 elements",
    ),
  ]],
  ["a bad tuple element", ["a", "b"], "tuple([string, number])", [
    problem("[1]", 'a string "b" is not a number'),
  ]],
  ["a list as a map", [n("1")], "map(number)", [
    problem("", "a list of 1 element is not a map(number)"),
  ]],
  ["a bad map value", obj(["a b", "x"]), "map(number)", [
    problem('["a b"]', 'a string "x" is not a number'),
  ]],
  ["a list as an object", [], "object({ a = string })", [
    problem("", "a list of 0 elements is not an object"),
  ]],
  [
    "a missing required attribute",
    obj(),
    "object({ a = string, b = optional(bool) })",
    [
      problem("", 'attribute "a" is required'),
    ],
  ],
  [
    "a missing attribute in a nested optional object",
    obj(["a", "x"], ["c", obj()]),
    "object({ a = string, c = optional(object({ d = bool })) })",
    [problem(".c", 'attribute "d" is required')],
  ],
  [
    "a bad element in a list of objects",
    [obj(["a", "x"]), obj(["a", "x"]), obj(["a", [n("1")]])],
    "list(object({ a = string }))",
    [
      problem("[2].a", "a list of 1 element is not a string"),
    ],
  ],
  ["a list of objects as map(object)", [obj()], "map(object({ a = string }))", [
    problem("", "a list of 1 element is not a map(object({…}))"),
  ]],
];

for (const [what, value, source, want] of REJECTS) {
  Deno.test(`checkValue() rejects ${what}`, () => {
    assert.deepEqual(checkValue(value, parseType(source)), want);
  });
}

Deno.test("checkValue() prefixes problem paths with the given path", () => {
  const type = parseType(
    "map(object({ min_size = number, on = optional(bool, true) }))",
  );
  const value = obj(["main", obj(["min_size", "two"], ["on", "yes"])], [
    "spare",
    obj(),
  ]);
  assert.deepEqual(checkValue(value, type, "node_groups"), [
    problem('node_groups["main"].min_size', 'a string "two" is not a number'),
    problem('node_groups["main"].on', 'a string "yes" is not a bool'),
    problem('node_groups["spare"]', 'attribute "min_size" is required'),
  ]);
});

// Every `type =` of every variable block in ../shared/corpus, found without the project's HCL parser.

const CORPUS = new URL("../../../shared/corpus/", import.meta.url);

function _corpusFiles(dir: URL): URL[] {
  const files: URL[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) files.push(..._corpusFiles(url));
    else if (entry.name.endsWith(".tf")) files.push(url);
  }
  return files;
}

/** The type expressions of the variable blocks in `text`: statements at the block's top level. */
function _typeExpressions(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^[ \t]*variable\s+"[^"]*"\s*\{/gm)) {
    let depth = 1;
    let start = m.index + m[0].length;
    for (let i = start; depth > 0 && i < text.length; i++) {
      const skipped = _skipText(text, i);
      if (skipped > i) {
        i = skipped - 1;
        continue;
      }
      if ("([{".includes(text[i])) depth++;
      if (")]}".includes(text[i])) depth--;
      if (depth === 0 || (depth === 1 && text[i] === "\n")) {
        const statement = /^\s*type\s*=(?!=)([\s\S]*)$/.exec(
          text.slice(start, i),
        );
        if (statement) found.push(statement[1]);
        start = i + 1;
      }
    }
  }
  return found;
}

/** The end of the string, heredoc or comment at `i` (up to its newline); `i` when none starts there. */
function _skipText(text: string, i: number): number {
  const rest = text.slice(i);
  const token = /^"(?:\\.|[^"\\\n])*"|^#.*|^\/\/.*|^\/\*[\s\S]*?\*\//.exec(rest) ??
    /^<<-?([A-Za-z_]\w*)\n[\s\S]*?\n\s*\1(?=\n)/.exec(rest);
  return i + (token ? token[0].length : 0);
}

let corpusFiles: URL[] = [];
try {
  corpusFiles = _corpusFiles(CORPUS).filter((f) =>
    /^\s*variable\s+"/m.test(Deno.readTextFileSync(f))
  );
} catch {
  // absent, or not readable: the test below says it was skipped
}

Deno.test({
  name: corpusFiles.length
    ? `parseType() parses every type in the corpus's ${corpusFiles.length} variables files`
    : "parseType() parses every corpus type — skipped: ../shared/corpus is absent",
  ignore: corpusFiles.length === 0,
  fn() {
    let count = 0;
    for (const file of corpusFiles) {
      for (const source of _typeExpressions(Deno.readTextFileSync(file))) {
        const where = `${file.pathname}: type = ${source.trim()}`;
        const type = parseType(source);
        assert.deepEqual(parseType(typeToString(type)), type, where);
        count++;
      }
    }
    assert.ok(count > 300, `only ${count} type expressions found`);
  },
});
