import { deepStrictEqual, strictEqual } from "node:assert";
import { parse } from "./document.ts";
import { TfvarsSyntaxError } from "../errors.ts";
import { HclExpression, HclNumber, type Value, valuesEqual } from "./value.ts";

const n = (text: string): HclNumber => HclNumber.parse(text)!;
const e = (source: string): HclExpression => new HclExpression(source);
const m = (entries: [string, Value][]): Map<string, Value> => new Map(entries);

/** Parses `v = <source>` and returns the attribute's value, checking its span is the source. */
function valueOf(source: string): Value {
  const doc = parse(`v = ${source}\n`, "x.tfvars", { tfvars: true });
  const v = doc.get("v")!;
  strictEqual(doc.text.slice(v.valueStart, v.valueEnd), source, "the value span");
  return v.value;
}

/** A value with its kinds spelled out, so that a string "${x}" and the expression x differ. */
function shape(v: Value): unknown {
  if (v instanceof HclNumber) return { number: v.text };
  if (v instanceof HclExpression) return { expression: v.source };
  if (Array.isArray(v)) return v.map(shape);
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, shape(x)]) };
  return v;
}

const VALUES: [string, string, Value][] = [
  // tuples
  ["a tuple over lines with a trailing comma", '[ "a",\n "b", ]', ["a", "b"]],
  ["an empty tuple", "[]", []],
  ["a tuple with comments", "[\n  # c\n  1, // d\n  /* e */ 2\n]", [n("1"), n("2")]],
  ["nested tuples and objects", "[[1, [2]], {}, [true, null]]", [[n("1"), [n("2")]], m([]), [
    true,
    null,
  ]]],
  // numbers
  ["1.0", "1.0", n("1")],
  ["trailing fraction zeros", "1.50", n("1.5")],
  ["an exponent", "1e3", n("1000")],
  ["a negative exponent", "-2.5E-2", n("-0.025")],
  ["an exponent that makes an integer", "0.1e1", n("1")],
  ["minus zero", "-0", n("0")],
  ["leading zeros", "007", n("7")],
  ["a spaced minus", "- 5", n("-5")],
  ["a number beyond doubles", "12345678901234567890", n("12345678901234567890")],
  // bools and null
  ["true", "true", true],
  ["false", "false", false],
  ["null", "null", null],
  // strings
  ["a plain string", '"plain"', "plain"],
  ["comment markers in a string", '"# // /* */"', "# // /* */"],
  ["= : and , in a string", '"a = b : c, d"', "a = b : c, d"],
  ["escapes", '"\\"\\\\\\n\\t\\r"', '"\\\n\t\r'],
  ["unicode escapes", '"\\u00e9\\U0001F600"', "é😀"],
  ["a backslash before u", '"\\\\u00e9"', "\\u00e9"],
  ["decomposed text, composed as hcl does (NFC)", '"e\u0301 \\u0065\\u0301"', "é é"],
  ["template escapes, kept as written (as hcl2json)", '"$${x} %%{y}"', "$${x} %%{y}"],
  ["an interpolation, kept as written", '"a${b}c"', "a${b}c"],
  ["an interpolation holding a quote and a brace", '"${ "}" }"', '${ "}" }'],
  ["a directive, kept as written", '"%{ if x }y%{ endif }"', "%{ if x }y%{ endif }"],
  // heredocs
  ["a heredoc keeps its indentation", "<<EOT\n  a\n    b\n  EOT", "  a\n    b\n"],
  [
    "a heredoc with comment markers and no escapes",
    '<<EOT\n# x // y /* z\n\\n "q" ${a} $${b}\nEOT',
    '# x // y /* z\n\\n "q" ${a} $${b}\n',
  ],
  ["a heredoc with a line that only starts like its marker", "<<EOT\nEOTX\nEOT", "EOTX\n"],
  ["an empty heredoc", "<<EOT\nEOT", ""],
  ["a CRLF heredoc", "<<EOT\r\na\r\nEOT", "a\r\n"],
  ["a flush heredoc trims the least indentation", "<<-EOT\n    a\n      b\n    EOT", "a\n  b\n"],
  ["a flush heredoc ignores blank lines", "<<-EOT\n    a\n\n    b\n  EOT", "a\n\nb\n"],
  [
    "a flush heredoc keeps whitespace-only lines whole",
    "<<-EOT\n    a\n  \n    b\nEOT",
    "a\n  \nb\n",
  ],
  ["a flush heredoc counts a tab as one", "<<-EOT\n\t\ta\n  b\nEOT", "a\nb\n"],
  ["a flush heredoc with an unindented line trims nothing", "<<-EOT\n  a\nb\nEOT", "  a\nb\n"],
  ["a flush heredoc does not count the closing marker", "<<-EOT\n   \n  a\n EOT", "   \na\n"],
  [
    "a flush heredoc counts an interpolation as text",
    "<<-EOT\n      ${a}\n    b\n    EOT",
    "  ${a}\nb\n",
  ],
  // objects
  [
    "an object with = and :, quoted keys and trailing commas",
    '{ a = 1, "b" : 2, c = [3,], }',
    m([["a", n("1")], ["b", n("2")], ["c", [n("3")]]]),
  ],
  [
    "an object over lines with comments",
    "{\n  a = 1 # c\n  // d\n  b = 2 /* e */\n}",
    m([["a", n("1")], ["b", n("2")]]),
  ],
  [
    "number, bool and null keys",
    '{ 1 = "x", 1.50 = "y", true = 1, null = 2 }',
    m([["1", "x"], ["1.5", "y"], ["true", n("1")], ["null", n("2")]]),
  ],
  ["an escaped key", '{ "a\\nb" = 1 }', m([["a\nb", n("1")]])],
  ["nested objects", "{ a = { b = [{ c = null }] } }", m([["a", m([["b", [m([["c", null]])]]])]])],
  ["a heredoc inside an object", "{\n  k = <<-EOT\n    x\n  EOT\n}", m([["k", "x\n"]])],
  // non-literals
  ["a reference", "var.x", e("var.x")],
  ["an index", "x.y[0]", e("x.y[0]")],
  ["a splat", "x.*.id", e("x.*.id")],
  ["an operator", "1 + 2", e("1 + 2")],
  ["a comparison", '"a" == "b"', e('"a" == "b"')],
  ["a call", 'upper("a")', e('upper("a")')],
  ["a call over lines", "max(\n  1,\n  2,\n)", e("max(\n  1,\n  2,\n)")],
  ["a tuple for", "[for x in y : x]", e("[for x in y : x]")],
  ["an object for", "{ for k, v in m : k => v }", e("{ for k, v in m : k => v }")],
  ["a negated reference", "-x", e("-x")],
  ["a not", "!true", e("!true")],
  ["a conditional", "a ? b : c", e("a ? b : c")],
  ["parentheses", "(1)", e("(1)")],
  ["a reference inside a tuple", '["a", var.x]', ["a", e("var.x")]],
  ["a reference inside an object", "{ a = var.x }", m([["a", e("var.x")]])],
  ["an object with a computed key", "{ (k) = 1 }", e("{ (k) = 1 }")],
];

for (const [name, source, want] of VALUES) {
  Deno.test(`parse() reads the value of ${name}`, () => {
    deepStrictEqual(shape(valueOf(source)), shape(want));
  });
}

Deno.test("parse() reads 1.0 as equal to 1", () => {
  strictEqual(valuesEqual(valueOf("1.0"), valueOf("1")), true);
  strictEqual(valuesEqual(valueOf("1e2"), valueOf("100.000")), true);
});

Deno.test("parse() tells 12345678901234567890 from 12345678901234567891", () => {
  const a = valueOf("12345678901234567890");
  const b = valueOf("12345678901234567891");
  strictEqual(Number((a as HclNumber).text), Number((b as HclNumber).text), "equal as doubles");
  strictEqual(valuesEqual(a, b), false);
  strictEqual(valuesEqual(valueOf("0.30000000000000000001"), valueOf("0.3")), false);
});

Deno.test("parse() reads a multi-line list the same as a one-line list", () => {
  strictEqual(valuesEqual(valueOf('[ "a",\n "b", ]'), valueOf('["a","b"]')), true);
  strictEqual(valuesEqual(valueOf("{\n  b = 2\n  a = 1\n}"), valueOf("{ a = 1, b = 2 }")), true);
});

const ERRORS: [string, string, number, number, string][] = [
  ["an unknown escape", '"\\a"', 1, 6, 'Invalid escape sequence "\\a"'],
  [
    "a surrogate escape",
    '"\\uD800"',
    1,
    6,
    'Invalid escape sequence "\\uD800": cannot encode the character in UTF-8',
  ],
  [
    "an escape beyond Unicode",
    '"\\U00110000"',
    1,
    6,
    'Invalid escape sequence "\\U00110000": cannot encode the character in UTF-8',
  ],
  ["a short unicode escape", '"\\u00e"', 1, 6, 'Invalid escape sequence "\\u"'],
  [
    "a heredoc without a newline after its marker",
    "<<EOT x\nEOT",
    1,
    5,
    "Invalid heredoc: expected <<MARKER or <<-MARKER followed by a newline",
  ],
  [
    "an object entry without a value",
    "{ b }",
    1,
    9,
    'Missing key/value separator: expected "=" or ":" after the key',
  ],
  [
    "an object entry split before its comma",
    "{ b = 1\n, c = 2 }",
    2,
    1,
    'Invalid expression: expected the start of an expression, but found ","',
  ],
  ["an unclosed call", "f(1, 2\n", 1, 6, "Missing close parenthesis in function call"],
  [
    "an unclosed for",
    "[for x in y : x\n",
    1,
    5,
    'Unterminated "for" expression: missing "]" for "["',
  ],
  [
    "an unclosed parenthesis",
    "(1",
    2,
    1,
    'Unbalanced parentheses: expected ")", found the end of the file',
  ],
  ["a dot without a name", "1.", 1, 7, "Invalid attribute name: expected a name"],
  [
    "a leading dot",
    ".5",
    1,
    5,
    'Invalid expression: expected the start of an expression, but found "."',
  ],
];

for (const [name, source, line, column, detail] of ERRORS) {
  Deno.test(`parse() rejects ${name}`, () => {
    let error: unknown;
    try {
      parse(`v = ${source}\n`, "x.tfvars", { tfvars: true });
    } catch (e) {
      error = e;
    }
    strictEqual(error instanceof TfvarsSyntaxError, true, `${error}`);
    const { line: l, column: c, detail: d } = error as TfvarsSyntaxError;
    deepStrictEqual({ line: l, column: c, detail: d }, { line, column, detail });
  });
}
