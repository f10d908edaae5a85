import assert from "node:assert/strict";
import { isTextAligned, realign } from "./align.ts";
import { formatLines } from "./format_lines.ts";

/** Hand-written texts and whether `terraform fmt -check` passes them (checked with v1.11.4). */
const ALIGNED: Array<{ name: string; text: string; clean: boolean }> = [
  { name: "a run of one-line values", text: "a   = 1\nbbb = [1]\n", clean: true },
  { name: "a run with one = out of line", text: "a  = 1\nbbb = 2\n", clean: false },
  { name: "a lone line with two spaces before =", text: "a  = 1\n", clean: false },
  { name: "a blank line breaking a run", text: "a = 1\n\nbbb = 2\n", clean: true },
  { name: "a comment line breaking a run", text: "a = 1\n# c\nbbb = 2\n", clean: true },
  {
    name: "a multi-line value breaking a run",
    text: "a = 1\nbbb = [\n  1,\n]\nc = 3\n",
    clean: true,
  },
  {
    name: "a multi-line value not breaking a run",
    text: "a   = 1\nbbb = [\n  1,\n]\nc   = 3\n",
    clean: false,
  },
  {
    name: "a heredoc joining a run",
    text: "a   = 1\nbbb = <<EOT\nhello # = x\nEOT\nc   = 3\n",
    clean: true,
  },
  {
    name: "a heredoc not joining a run",
    text: "a = 1\nbbb = <<EOT\nhello\nEOT\nc = 3\n",
    clean: false,
  },
  {
    name: "an indented heredoc with an interpolation joining a run",
    text: "a   = 1\nbbb = <<-EOT\n  ${x} hello\n  EOT\nc   = 3\n",
    clean: true,
  },
  { name: "trailing comments in a chain", text: "a  = 1  # x\nbb = 22 # y\n", clean: true },
  { name: "trailing comments out of line", text: "a  = 1 # x\nbb = 22 # y\n", clean: false },
  {
    name: "a line without a comment breaking a comment chain",
    text: "a  = 1 # x\nbb = 22\nc  = 3 # z\n",
    clean: true,
  },
  {
    name: "a multi-line value's first line in a comment chain",
    text: "a = [ # c\n  2,\n]\nbb = 1 # d\n",
    clean: true,
  },
  {
    name: "a /* */ trailing comment, which is no comment cell",
    text: "a  = 1 /* x */\nbb = 22 # y\n",
    clean: true,
  },
  {
    name: "two /* */ trailing comments, not aligned",
    text: "a  = 1 /* x */\nbb = 22 /* y */\n",
    clean: true,
  },
  {
    name: "a CRLF inside a multi-line block comment counted as one column",
    text: "a = 1\r\n/* x\r\n*/ # c\r\nbb = 2  # d\r\n",
    clean: true,
  },
  {
    name: "a CRLF inside a multi-line block comment counted as two columns",
    text: "a = 1\r\n/* x\r\n*/  # c\r\nbb = 2  # d\r\n",
    clean: false,
  },
  { name: "a non-ASCII name", text: "é  = 1\nbb = 2\n", clean: true },
  {
    name: "a non-ASCII key counted as one column",
    text: 'm = {\n  "é"  = 1\n  "ab" = 2\n}\n',
    clean: true,
  },
  {
    name: "a non-ASCII key counted as two columns",
    text: 'm = {\n  "é" = 1\n  "ab" = 2\n}\n',
    clean: false,
  },
  {
    name: "a decomposed é counted as one column (a grapheme)",
    text: 'm = {\n  "e\u0301"  = 1\n  "ab" = 2\n}\n',
    clean: true,
  },
  {
    name: "an emoji counted as one column",
    text: 'm = {\n  "😀"  = 1\n  "ab" = 2\n}\n',
    clean: true,
  },
  {
    name: "wide characters counted as one column each",
    text: 'm = {\n  "日本"   = 1\n  "abcd" = 2\n}\n',
    clean: true,
  },
  {
    name: "non-ASCII values before comments",
    text: 'a = "é"  # x\nb = "ab" # y\n',
    clean: true,
  },
  // Found by tests/json_property_test.ts (TFSYNC_SEED 12 and 15 at 400 runs): hclwrite counts
  // clusters token by token, so a mark after a quote, or a prepended sign before one, is a column
  // of its own; and by Unicode 15.0, so a conjunct is a column for each consonant.
  {
    name: "a vowel sign after a quote counted as a column of its own",
    text: 'm = {\n  "\u0dd9"  = 1\n  "ab" = 2\n}\n',
    clean: true,
  },
  {
    name: "a vowel sign after a quote not joined to it",
    text: 'm = {\n  "\u0dd9"   = 1\n  "ab" = 2\n}\n',
    clean: false,
  },
  {
    name: "a prepended sign before a quote not joined to it",
    text: 'm = {\n  "a\u0600"   = 1\n  "abcd" = 2\n}\n',
    clean: true,
  },
  {
    name: 'a prepended sign before "$${" not joined to it',
    text: 'm = {\n  "\u0600$${x}"  = 1\n  "abcdefg" = 2\n}\n',
    clean: true,
  },
  {
    name: "a Devanagari conjunct counted as two columns (Unicode 15.0)",
    text: 'm = {\n  "\u0915\u094d\u0937"   = 1\n  "abcd" = 2\n}\n',
    clean: true,
  },
  {
    name: "a Devanagari conjunct not counted as one column (Unicode 15.1)",
    text: 'm = {\n  "\u0915\u094d\u0937"    = 1\n  "abcd" = 2\n}\n',
    clean: false,
  },
  {
    name: "a vowel sign after a quote in a value before a comment",
    text: 'a = "\u0dd9"   # x\nb = "abc" # y\n',
    clean: true,
  },
];

for (const c of ALIGNED) {
  Deno.test(`isTextAligned() is ${c.clean} for ${c.name}`, () => {
    assert.equal(isTextAligned(c.text), c.clean);
  });
}

const terraform = await hasTerraform();

Deno.test({
  name: terraform
    ? "isTextAligned() cases agree with terraform fmt -check"
    : "isTextAligned() cases agree with terraform fmt -check (ignored: terraform is not on PATH)",
  ignore: !terraform,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "tfsync-align-" });
    try {
      await Promise.all(ALIGNED.map((c, i) => Deno.writeTextFile(`${dir}/${i}.tfvars`, c.text)));
      const out = await new Deno.Command("terraform", {
        args: ["fmt", "-check", "-list=true", dir],
        env: { CHECKPOINT_DISABLE: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const listed = new Set(
        new TextDecoder().decode(out.stdout).split("\n").filter(Boolean).map((l) =>
          Number(/(\d+)\.tfvars$/.exec(l)![1])
        ),
      );
      const fmt = ALIGNED.map((c, i) => ({ name: c.name, clean: !listed.has(i) }));
      assert.deepEqual(fmt, ALIGNED.map(({ name, clean }) => ({ name, clean })));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("isTextAligned() ignores a byte order mark", () => {
  assert.equal(isTextAligned("\uFEFFab = 1\nc  = 2\n"), true);
  assert.equal(isTextAligned("\uFEFF# note\nab = 1\n"), true);
});

Deno.test("formatLines() keeps a heredoc on its attribute's line", () => {
  const text = "a = <<EOT\nx = 1 # no\nEOT\nb = 2 # yes\n";
  const lines = formatLines(text);
  assert.deepEqual(
    lines.map((l) => [text.slice(l.start, l.end), l.assign !== null, l.comment !== null]),
    [["a = <<EOT\nx = 1 # no\nEOT\n", true, false], ["b = 2 # yes\n", true, true]],
  );
});

/** The range of the first occurrence of `needle`, as the changed range of an edit. */
function at(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `${JSON.stringify(needle)} is in the text`);
  return { start, end: start + needle.length };
}

const REALIGN: Array<{ name: string; text: string; changed: string; want: string }> = [
  {
    name: "aligns a changed line with its run",
    text: "aaa = 1\nb = 2\nc   = 3\n",
    changed: "b = 2",
    want: "aaa = 1\nb   = 2\nc   = 3\n",
  },
  {
    name: "leaves a hand-misaligned run alone",
    text: "a = 1\nbb    = 2\nccc = 3\nd = 4\n",
    changed: "d = 4",
    want: "a = 1\nbb    = 2\nccc = 3\nd = 4\n",
  },
  {
    name: "leaves runs the change does not reach alone",
    text: "a    = 1\n\nbb = 2\nc = 3\n",
    changed: "c = 3",
    want: "a    = 1\n\nbb = 2\nc  = 3\n",
  },
  {
    name: "realigns trailing comments after moving the =",
    text: "a = 1 # x\nlonger = 2 # y\n",
    changed: "longer = 2",
    want: "a      = 1 # x\nlonger = 2 # y\n",
  },
  {
    name: "gives a changed line whose = opens a multi-line value one space",
    text: "a   = [\n  1,\n]\nbb = 2\n",
    changed: "[\n  1,\n]",
    want: "a = [\n  1,\n]\nbb = 2\n",
  },
  {
    name: "gives a block comment that ends a changed line one space, none after [",
    text: "a = [   /* x */\n  1,   /* y */\n]\n",
    changed: "[   /* x */\n  1,   /* y */\n]",
    want: "a = [/* x */\n  1, /* y */\n]\n",
  },
  {
    name: "counts a key as hclwrite does, token by token (the json property test's case)",
    text: 'v = {\n  "$${x}\u2ac8$${x}\u0a38\u0a3c\\t😀" = "%%{y}"\n  "\u0dd9" = "x"\n}\n',
    changed: '"\u0dd9" = "x"',
    want:
      'v = {\n  "$${x}\u2ac8$${x}\u0a38\u0a3c\\t😀" = "%%{y}"\n  "\u0dd9"               = "x"\n}\n',
  },
  {
    name: "realigns a run next to a line that left it",
    text: "a   = 1\nbbb = [\n  1,\n]\n",
    changed: "bbb = [\n  1,\n]",
    want: "a = 1\nbbb = [\n  1,\n]\n",
  },
];

for (const c of REALIGN) {
  Deno.test(`realign() ${c.name}`, () => {
    assert.equal(realign(c.text, [at(c.text, c.changed)]), c.want);
  });
}

async function hasTerraform(): Promise<boolean> {
  try {
    return (await new Deno.Command("terraform", { args: ["version"], stdout: "null" }).output())
      .success;
  } catch {
    return false;
  }
}
