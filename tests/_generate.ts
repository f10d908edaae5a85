// fast-check arbitraries of valid tfvars text: random names, nested values (lists, maps,
// heredocs, strings with tricky characters), comments of all three kinds wherever HCL allows
// them, random spacing, LF or CRLF, an optional BOM and final newline. Every generated file is
// valid HCL (the property tests assert that hcl2json accepts it).
import fc from "fast-check";

/** A generated tfvars file and the names of its attributes, in file order. */
export interface TfvarsFile {
  text: string;
  names: string[];
}

export interface ValueOptions {
  /** How deep lists and maps nest (default 3). */
  depth?: number;
  /** Allow heredocs (default true). A value may then end with a heredoc's closing marker, which
   * must be followed directly by a newline (no comment, no comma). */
  heredocs?: boolean;
}

/** Rendered value source: `heredoc` when it ends with a heredoc's closing marker. */
interface Rendered {
  text: string;
  heredoc: boolean;
}

const RESERVED = new Set(["for", "in", "if"]);

/** An HCL identifier (`a`, `_x-1`, `Name2`), never a `for`/`if` keyword. */
export function identifier(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,11}$/).filter((s) => !RESERVED.has(s));
}

/** Value source text as it may follow `name = ` (LF line endings). */
export function hclValue(options: ValueOptions = {}): fc.Arbitrary<string> {
  return _value(options.depth ?? 3, options.heredocs ?? true).map((v) => v.text);
}

/** A whole tfvars file; `names` lists its attributes in order. */
export function tfvarsFile(options: ValueOptions = {}): fc.Arbitrary<TfvarsFile> {
  const value = _value(options.depth ?? 3, options.heredocs ?? true);
  const attribute = (name: string) =>
    fc.tuple(
      _pick(["", "", "", "  ", "\t"]), // indentation
      _sometimes(_blockComment(false), 8), // a block comment before the name
      _inlineGap(),
      _inlineGap(),
      value,
      _sometimes(_trailingComment(), 3),
    ).map(([indent, before, gap1, gap2, v, comment]) => {
      const head = `${indent}${before && before + " "}${name}${gap1}=${gap2 || " "}`;
      return { text: `${head}${v.text}${v.heredoc ? "" : comment}\n`, heredoc: v.heredoc };
    });
  return fc.uniqueArray(identifier(), { maxLength: 8 }).chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(attribute)),
      fc.array(fc.array(_triviaLine(), { maxLength: 3 }), {
        minLength: names.length + 1,
        maxLength: names.length + 1,
      }),
      fc.boolean(), // BOM
      fc.boolean(), // CRLF
      fc.boolean(), // final newline
    ).map(([attributes, trivia, bom, crlf, finalNewline]) => {
      let text = trivia[0].join("");
      attributes.forEach((a, i) => text += a.text + trivia[i + 1].join(""));
      const last = trivia[names.length].length === 0 ? attributes[names.length - 1] : undefined;
      if (!finalNewline && text.endsWith("\n") && !last?.heredoc) text = text.slice(0, -1);
      if (crlf) text = text.replace(/\r?\n/g, "\r\n");
      return { text: (bom ? "\uFEFF" : "") + text, names };
    })
  );
}

function _value(depth: number, heredocs: boolean): fc.Arbitrary<Rendered> {
  const scalars: fc.Arbitrary<Rendered>[] = [
    _quoted().map(_plain),
    _number().map(_plain),
    _pick(["true", "false", "null"]).map(_plain),
    _expression().map(_plain),
  ];
  if (heredocs) scalars.push(_heredoc().map((text) => ({ text, heredoc: true })));
  const leaf = fc.oneof(...scalars);
  if (depth <= 0) return leaf;
  const inner = _value(depth - 1, heredocs);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: _list(inner) },
    { weight: 1, arbitrary: _map(inner) },
  );
}

function _plain(text: string): Rendered {
  return { text, heredoc: false };
}

// Pieces of quoted strings: HCL syntax characters, escapes, template escapes and interpolations,
// non-ASCII text (a decomposed "é" too). None ends in "$" or "%", so no piece starts a template
// sequence by accident with the next one.
const STRING_PIECES = [
  "a",
  "Z",
  "0",
  " ",
  "#",
  "//",
  "/*",
  "*/",
  "=",
  ":",
  ",",
  "[",
  "]",
  "{",
  "}",
  "'",
  "<<EOT",
  "$${x}",
  "%%{y}",
  "$x",
  "%d",
  "${1 + 1}",
  '${"in"}',
  "${true}",
  "${~ 2 ~}",
  "%{ if true }y%{ endif }",
  "%{ if 1 > 2 }y%{ else }n%{ endif }",
  "%{ for x in [1, 2] }${x},%{ endfor }",
  "\\n",
  "\\r",
  "\\t",
  '\\"',
  "\\\\",
  "\\u00e9",
  "\\U0001F600",
  "é",
  "e\u0301",
  "日本",
  "😀",
  "\t",
  // Where hclwrite's columns differ from Intl.Segmenter's over a line (lib/hcl/columns.ts): a vowel
  // sign that may follow a quote, a conjunct (Unicode 15.1 joins it), a sign prepended to the next.
  "\u0dd9",
  "\u0915\u094d\u0937",
  "\u0600",
];

/** A quoted string, e.g. `"a # b ${x} \u00e9"`. */
function _quoted(pieces = STRING_PIECES): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => `"${p.join("")}"`);
}

/** A number literal within double precision, e.g. `42`, `-0.5`, `1.25e-3`, `7E+2`. */
function _number(): fc.Arbitrary<string> {
  const digits = (max: number) => fc.integer({ min: 0, max }).map(String);
  return fc.tuple(
    fc.constantFrom("", "", "-"),
    fc.oneof(digits(1e15), digits(9), fc.constant("0")),
    fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: "" }),
    fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(20)), {
      nil: undefined,
    }),
  ).map(([sign, int, frac, exp]) =>
    `${sign}${int}${frac ? "." + frac : ""}${exp ? exp.join("") : ""}`
  );
}

const HEREDOC_PIECES = [
  "text",
  " ",
  "\t",
  "#",
  "//",
  "/*",
  "*/",
  '"',
  "\\n",
  "$${x}",
  "%%{y}",
  "${1 + 1}",
  "%{ if false }x%{ else }y%{ endif }",
  "=",
  "{",
  "]",
  "é",
  "e\u0301",
  "EOT_",
];

/** `<<EOT` or `<<-EOT`, indented body lines (blank ones too), an indented closing marker. */
function _heredoc(): fc.Arbitrary<string> {
  const line = fc.tuple(
    _pick(["", "", " ", "  ", "    ", "\t", " \t"]),
    fc.array(fc.constantFrom(...HEREDOC_PIECES), { maxLength: 5 }),
  ).map(([indent, pieces]) => indent + pieces.join(""));
  return fc.tuple(
    fc.boolean(),
    _pick(["EOT", "EOF", "END", "MARKER_1"]),
    fc.array(line, { maxLength: 4 }),
    _pick(["", "", "  ", "\t"]),
    _pick(["", "", " "]),
    _pick(["\n", "\n", "\n", "\r\n"]), // a CRLF heredoc in an LF file, sometimes
  ).map(([flush, marker, lines, indent, trail, eol]) => {
    const body = lines.filter((l) => l.trim() !== marker).map((l) => l + eol).join("");
    return `<<${flush ? "-" : ""}${marker}${eol}${body}${indent}${marker}${trail}`;
  });
}

/** `[ … ]` with random separators, comments and newlines (all insignificant in a tuple). */
function _list(item: fc.Arbitrary<Rendered>): fc.Arbitrary<Rendered> {
  return fc.tuple(
    fc.array(fc.tuple(_gap(), item, _gap()), { maxLength: 4 }),
    fc.boolean(),
    _gap(),
  ).map(([items, trailingComma, end]) => {
    let text = "[";
    items.forEach(([before, v, after], i) => {
      text += before + v.text + (v.heredoc ? "\n" : "") + after;
      if (i < items.length - 1 || trailingComma) text += ",";
    });
    return _plain(text + end + "]");
  });
}

/** `{ … }`: `=` or `:`, identifier or quoted keys, items separated by commas or newlines. */
function _map(value: fc.Arbitrary<Rendered>): fc.Arbitrary<Rendered> {
  const quoted = _quoted(["a", "b", "-", " ", "#", "/", ".", "é", "\\n"]);
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.oneof(identifier(), quoted) },
    { weight: 1, arbitrary: quoted.map((q) => `(${q})`) }, // a computed key
  );
  const entry = fc.tuple(key, _inlineGap(), _pick(["=", "=", ":"]), _inlineGap(), value);
  return fc.tuple(
    fc.uniqueArray(entry, { maxLength: 4, selector: ([k]) => _keyName(k) }),
    fc.array(fc.tuple(fc.boolean(), _inlineGap(), _newlineGap(), _gap()), {
      minLength: 4,
      maxLength: 4,
    }),
    _gap(),
  ).map(([entries, separators, start]) => {
    let text = "{" + start;
    entries.forEach(([k, gap1, eq, gap2, v], i) => {
      const [comma, inline, newline, gap] = separators[i];
      text += `${k}${gap1}${eq}${gap2 || " "}${v.text}`;
      const last = i === entries.length - 1;
      if (v.heredoc) text += "\n" + gap;
      else if (comma) text += inline + "," + gap;
      else if (last) text += gap;
      else text += inline + newline;
    });
    return _plain(text + "}");
  });
}

function _keyName(key: string): string {
  const k = key.replace(/^\((.*)\)$/, "$1");
  return k.startsWith('"') ? JSON.parse(k) : k;
}

/** A long number literal: 41 to 200 digits, beyond any fixed window and beyond 512 bits. */
function _longNumber(): fc.Arbitrary<string> {
  return fc.tuple(
    fc.stringMatching(/^[1-9][0-9]{40,199}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,60}$/), { nil: "" }),
  ).map(([int, frac]) => int + (frac && "." + frac));
}

/**
 * Constant expressions terraform evaluates: unary `-` and `!`, parentheses, arithmetic,
 * comparisons, logic and conditionals, over numbers (long ones too), bools and strings.
 */
function _expression(): fc.Arbitrary<string> {
  const unsigned = _number().map((n) => n.replace(/^-/, ""));
  const atom = fc.oneof(
    { weight: 4, arbitrary: unsigned },
    { weight: 1, arbitrary: _longNumber() },
    { weight: 1, arbitrary: unsigned.map((n) => `(${n})`) },
    { weight: 1, arbitrary: unsigned.map((n) => `-(${n})`) },
  );
  const divisor = fc.stringMatching(/^[1-9][0-9]{0,3}(\.[0-9]{1,3})?$/);
  const arithmetic = fc.oneof(
    fc.tuple(atom, _pick([" + ", " - ", " * ", "+", "*"]), atom).map((p) => p.join("")),
    fc.tuple(atom, _pick([" / ", " % ", "/"]), divisor).map((p) => p.join("")),
    fc.tuple(atom, _pick([" + ", " * "]), atom, _pick([" - ", " / "]), divisor).map((p) =>
      p.join("")
    ),
  );
  const bool = fc.oneof(
    _pick(["!true", "!false", "!!true", "true && false", "false || true", "!(1 > 2)"]),
    fc.tuple(atom, _pick([" < ", " >= ", " == ", " != "]), atom).map((p) => p.join("")),
  );
  const string = _quoted().map((q) => `"k${q.slice(1)}`); // "${true}" alone would be a bool
  const conditional = fc.tuple(bool, fc.oneof(arithmetic, string), fc.oneof(arithmetic, string))
    .map(([c, a, b]) => `${c} ? ${a} : ${b}`);
  return fc.oneof(arithmetic, bool, conditional, atom, arithmetic.map((a) => `(${a})`));
}

const COMMENT_TEXT = fc.array(
  fc.constantFrom(
    "note",
    " ",
    "#",
    "//",
    "/*",
    "*",
    "/",
    '"',
    "'",
    "=",
    "{",
    "]",
    "${x}",
    "é",
    "\u0915\u094d\u0937", // a conjunct: two columns to hclwrite, one to Intl.Segmenter
    "\t",
  ),
  { maxLength: 6 },
).map((p) => p.join(""));

function _lineComment(): fc.Arbitrary<string> {
  return fc.tuple(_pick(["#", "//"]), COMMENT_TEXT).map(([mark, text]) => mark + text);
}

/** A block comment, on one line or (with `multiline`) over several. */
function _blockComment(multiline: boolean): fc.Arbitrary<string> {
  const text = COMMENT_TEXT.map((t) => t.replaceAll("*/", "* /").replace(/\*$/, "* "));
  return fc.array(text, { minLength: 1, maxLength: multiline ? 3 : 1 }).map((lines) =>
    `/*${lines.join("\n")}*/`
  );
}

/** The end of an attribute line: a `#` or `//` comment, a block comment, or a block then a line comment. */
function _trailingComment(): fc.Arbitrary<string> {
  return fc.tuple(
    _pick([" ", "  ", "\t"]),
    fc.oneof(_lineComment(), _blockComment(false)),
    _sometimes(_lineComment(), 4),
  ).map(([space, comment, more]) =>
    `${space}${comment}${more && comment.startsWith("/*") ? " " + more : ""}`
  );
}

/** Spaces and one-line block comments: what may stand between tokens on one line. */
function _inlineGap(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 6, arbitrary: _pick([" ", "  ", "\t"]) },
    { weight: 1, arbitrary: _blockComment(false) },
  );
  return fc.array(piece, { maxLength: 2 }).map((p) => p.join(""));
}

/** A line break, perhaps after a comment, perhaps with blank and comment lines after it. */
function _newlineGap(): fc.Arbitrary<string> {
  return fc.tuple(
    _sometimes(fc.tuple(_inlineGap(), _lineComment()).map(([g, c]) => g + c), 3),
    _gap(),
  ).map(([comment, gap]) => comment + "\n" + gap);
}

/** Whitespace, newlines and comments of all kinds: what may stand where newlines don't matter. */
function _gap(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 10, arbitrary: _pick([" ", "  ", "\t", "\n", "\n  ", "\n\t"]) },
    { weight: 1, arbitrary: _lineComment().map((c) => c + "\n") },
    { weight: 1, arbitrary: _blockComment(true) },
  );
  return fc.array(piece, { maxLength: 3 }).map((p) => p.join(""));
}

/** A line between attributes: blank (maybe with spaces), or a comment of any kind. */
function _triviaLine(): fc.Arbitrary<string> {
  return fc.oneof(
    _pick(["\n", "\n", "  \n", "\t\n"]),
    fc.tuple(_pick(["", "", "  "]), _lineComment()).map(([i, c]) => `${i}${c}\n`),
    fc.tuple(_blockComment(true), _pick(["", " "]), fc.option(_lineComment(), { nil: "" })).map((
      [c, s, more],
    ) => `${c}${more ? s + more : s}\n`),
  );
}

/** `arb` one time in `n`, "" otherwise. */
function _sometimes(arb: fc.Arbitrary<string>, n: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant("") }, { weight: 1, arbitrary: arb });
}

function _pick(items: string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...items);
}

/**
 * Runs `terraform fmt` over the texts (as .tfvars files in a temporary folder) and returns the
 * formatted texts, or undefined when terraform is not on PATH.
 */
export async function terraformFmt(texts: string[]): Promise<string[] | undefined> {
  const dir = await Deno.makeTempDir({ prefix: "tfsync-fmt-" });
  try {
    const paths = texts.map((_, i) => `${dir}/${String(i).padStart(4, "0")}.tfvars`);
    await Promise.all(texts.map((t, i) => Deno.writeTextFile(paths[i], t)));
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command("terraform", {
        args: ["fmt", "-list=false", dir],
        env: { TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    }
    if (!out.success) {
      throw new Error(`terraform fmt failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
    return await Promise.all(paths.map((p) => Deno.readTextFile(p)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
