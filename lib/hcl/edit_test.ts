import assert from "node:assert/strict";
import { parse } from "./document.ts";
import { applyEdits, type Edit, edit } from "./edit.ts";
import { HclNumber } from "./value.ts";

interface Case {
  name: string;
  input: string;
  edits: Edit[];
  want: string;
}

const set = (name: string, value: string, comment?: string | null): Edit =>
  comment === undefined ? { kind: "set", name, value } : { kind: "set", name, value, comment };
const insert = (name: string, value: string): Edit => ({ kind: "insert", name, value });
const remove = (name: string): Edit => ({ kind: "remove", name });

const CASES: Case[] = [
  // set
  {
    name: "set keeps the inline comment",
    input: 'region = "eu" # where\nsize   = 2\n',
    edits: [set("region", '"us-east-1"')],
    want: 'region = "us-east-1" # where\nsize   = 2\n',
  },
  {
    name: "set replaces the inline comment",
    input: 'region = "eu" # where\nsize   = 2\n',
    edits: [set("region", '"us"', "# moved")],
    want: 'region = "us" # moved\nsize   = 2\n',
  },
  {
    name: "set drops the inline comment",
    input: 'region = "eu" // where\nsize   = 2\n',
    edits: [set("region", '"us"', null)],
    want: 'region = "us"\nsize   = 2\n',
  },
  {
    name: "set keeps indentation, a comment before the name and the spacing after =",
    input: "  /* note */ count =   1 // c\n",
    edits: [set("count", "2")],
    want: "  /* note */ count =   2 // c\n",
  },
  {
    name: "set replaces a multi-line value whole, and the line joins the run below",
    input: 'zones = [\n  "a", # first\n  "b",\n] # list\nn = 1\n',
    edits: [set("zones", '["c"]')],
    want: 'zones = ["c"] # list\nn     = 1\n',
  },
  {
    name: "set to a multi-line value splits the run and realigns what is left",
    input: "a   = 1\nbbb = 2\nc   = 3\n",
    edits: [set("bbb", "[\n  1,\n]")],
    want: "a = 1\nbbb = [\n  1,\n]\nc = 3\n",
  },
  {
    name: "set writes a multi-line value with the file's CRLF line endings",
    input: "a = 1\r\nlist = [\r\n  1,\r\n]\r\n",
    edits: [set("list", "[\n  2,\r\n  3,\n]")],
    want: "a = 1\r\nlist = [\r\n  2,\r\n  3,\r\n]\r\n",
  },
  {
    name: "set in a file without a final newline leaves it without",
    input: "a = 1\nb = 2",
    edits: [set("b", "3")],
    want: "a = 1\nb = 3",
  },
  {
    name: "set keeps a byte order mark",
    input: "\uFEFFa = 1\n",
    edits: [set("a", "2")],
    want: "\uFEFFa = 2\n",
  },
  {
    name: "set realigns the run it changed the width of",
    input: "a   = 1\nbbb = 2\n",
    edits: [set("a", "10")],
    want: "a   = 10\nbbb = 2\n",
  },
  {
    name: "set realigns the trailing comments of its run",
    input: "aaa = 1   # x\nb   = 22  # y\nc   = 333 # z\n",
    edits: [set("c", "3")],
    want: "aaa = 1  # x\nb   = 22 # y\nc   = 3  # z\n",
  },
  {
    name: "set dropping a comment realigns the comments left in the run",
    input: "aaa = 1   # x\nb   = 22  # y\nc   = 333 # z\n",
    edits: [set("c", "333", null)],
    want: "aaa = 1  # x\nb   = 22 # y\nc   = 333\n",
  },
  {
    name: "set leaves a hand-misaligned run alone",
    input: "a = 1\nbb    = 2\nccc = 3\n",
    edits: [set("a", "5")],
    want: "a = 5\nbb    = 2\nccc = 3\n",
  },
  {
    name: "set closes up a run padded for a line that is gone, as terraform fmt would",
    input: "a    = 1\nbb   = 2\n",
    edits: [set("a", "5")],
    want: "a  = 5\nbb = 2\n",
  },
  {
    name: "set to a multi-line value takes the padding out of its line's =",
    input: "a   = 1\nbbb = 2\n",
    edits: [set("a", "[\n  1,\n]")],
    want: "a = [\n  1,\n]\nbbb = 2\n",
  },
  {
    name: "set joining two aligned runs realigns them as one",
    input: "a = 1 # x\nlist = [\n  1,\n]\nbbbbbb = 2 # y\n",
    edits: [set("list", "3", "# z")],
    want: "a      = 1 # x\nlist   = 3 # z\nbbbbbb = 2 # y\n",
  },
  {
    name: "set to a heredoc at the end of a file without a final newline adds one",
    input: "a = 1\nb = 2 /* c */",
    edits: [set("b", "<<EOT\nhi\nEOT", null)],
    want: "a = 1\nb = <<EOT\nhi\nEOT\n",
  },
  // insert
  {
    name: "insert writes its comment, aligned with the comments of the run it joins",
    input: "a  = 1\nbb = 2 # c\n",
    edits: [{ kind: "insert", name: "long_name", value: "3", comment: "# new" }],
    want: "a         = 1\nbb        = 2 # c\nlong_name = 3 # new\n",
  },
  {
    name: "insert at the end of the file joins the last run",
    input: "alpha = 1\nb     = 2\n",
    edits: [insert("c", "3")],
    want: "alpha = 1\nb     = 2\nc     = 3\n",
  },
  {
    name: "insert at the end of a file without a final newline leaves it without",
    input: "a = 1\nb = 2",
    edits: [insert("c", "3")],
    want: "a = 1\nb = 2\nc = 3",
  },
  {
    name: "insert of a heredoc at the end of a file without a final newline adds one",
    input: "a = 1",
    edits: [insert("b", "<<EOT\nhi\nEOT")],
    want: "a = 1\nb = <<EOT\nhi\nEOT\n",
  },
  {
    name: "insert at the end trims the spaces that ended the file, as fmt would",
    input: "a = 1  ",
    edits: [insert("b", "2")],
    want: "a = 1\nb = 2",
  },
  {
    name: "insert at the end replaces a last line of spaces",
    input: "a = 1\n   ",
    edits: [insert("b", "2")],
    want: "a = 1\nb = 2",
  },
  {
    name: "insert at the end keeps the spaces that end a # comment",
    input: "a = 1 # c  ",
    edits: [insert("b", "2")],
    want: "a = 1 # c  \nb = 2",
  },
  {
    name: "insert at the end gives a block comment that ended the file one space",
    input: "aaa = 10 # x\nb   = 2  /* y */",
    edits: [insert("c", "3")],
    want: "aaa = 10 # x\nb   = 2 /* y */\nc   = 3",
  },
  {
    name: "insert uses CRLF for its line and inside a multi-line value",
    input: "a = 1\r\nb = 2\r\n",
    edits: [insert("c", "{\n  k = 1\n}")],
    want: "a = 1\r\nb = 2\r\nc = {\r\n  k = 1\r\n}\r\n",
  },
  {
    name: "insert keeps a byte order mark",
    input: "\uFEFF# vars\n",
    edits: [insert("a", "1")],
    want: "\uFEFF# vars\na = 1\n",
  },
  // remove
  {
    name: "remove takes the attribute's own comment lines with it",
    input: "a = 1\n\n# about b\n# more\nb = 2\n\nc = 3\n",
    edits: [remove("b")],
    want: "a = 1\n\nc = 3\n",
  },
  {
    name: "remove between blank lines leaves one blank line, not two",
    input: "a = 1\n\nb = 2\n\nc = 3\n",
    edits: [remove("b")],
    want: "a = 1\n\nc = 3\n",
  },
  {
    name: "remove of a run between blank lines leaves one blank line",
    input: "a = 1\n\nb = 2\nc = 3\n\nd = 4\n",
    edits: [remove("b"), remove("c")],
    want: "a = 1\n\nd = 4\n",
  },
  {
    name: "remove of the last attribute after a blank line leaves no blank line at the end",
    input: "a = 1\n\nb = 2\nc = 3\n",
    edits: [remove("c"), remove("b")],
    want: "a = 1\n",
  },
  {
    name: "remove of the first attribute before a blank line takes the blank line",
    input: "b = 2\n\nc = 3\n",
    edits: [remove("b")],
    want: "c = 3\n",
  },
  {
    name: "remove keeps two blank lines above where two were written",
    input: "a = 1\n\n\nb = 2\n\nc = 3\n",
    edits: [remove("b")],
    want: "a = 1\n\n\nc = 3\n",
  },
  {
    name: "inserts into an empty file are aligned among themselves",
    input: "",
    edits: [
      { kind: "insert", name: "a", value: "1", comment: "# one" },
      { kind: "insert", name: "bbb", value: '"x"', comment: "# x" },
    ],
    want: 'a   = 1   # one\nbbb = "x" # x\n',
  },
  {
    name: "remove of two runs parted by a blank line at the end leaves no blank line at the end",
    input: "a = 1\n\nb = 2\n\nc = 3\n",
    edits: [remove("b"), remove("c")],
    want: "a = 1\n",
  },
  {
    name: "remove of three runs at the end, with their own comments, leaves no blank line there",
    input: "a = 1\n\n# b's\nb = 2\nb2 = 2\n\nc = 3\n\n# d's\nd = 4\n",
    edits: [remove("b"), remove("b2"), remove("c"), remove("d")],
    want: "a = 1\n",
  },
  {
    name: "remove of the runs before a kept comment at the end keeps the blank line above it",
    input: "a = 1\n\nb = 2\n\nc = 3\n\n# the end\n",
    edits: [remove("b"), remove("c")],
    want: "a = 1\n\n# the end\n",
  },
  {
    name: "remove of every attribute, runs parted by blank lines, leaves nothing",
    input: "b = 2\n\nc = 3\n\nd = 4\n",
    edits: [remove("b"), remove("c"), remove("d")],
    want: "",
  },
  {
    name: "remove of the first and last runs keeps the one in the middle, without blank lines",
    input: "b = 2\n\nc = 3\n\nd = 4\n",
    edits: [remove("b"), remove("d")],
    want: "c = 3\n",
  },
  {
    name: "remove keeps a heading comment above a run, and realigns the run",
    input: "# heading\nalpha = 1\nbeta  = 2\n",
    edits: [remove("alpha")],
    want: "# heading\nbeta = 2\n",
  },
  {
    name: "remove of a run's last line realigns the lines above",
    input: "a          = 1\nlongername = 2\n\nc = 3\n",
    edits: [remove("longername")],
    want: "a = 1\n\nc = 3\n",
  },
  {
    name: "remove of the file's last line realigns the lines above",
    input: "a          = 1\nlongername = 2\n",
    edits: [remove("longername")],
    want: "a = 1\n",
  },
  // comment
  {
    name: "comment replaces the matching line and keeps its line ending",
    input: "# Last synced: never\r\na = 1\r\n",
    edits: [{ kind: "comment", match: /^# Last synced:/, line: "# Last synced: 2024-05-01" }],
    want: "# Last synced: 2024-05-01\r\na = 1\r\n",
  },
  {
    name: "comment replaces only the first matching line",
    input: "# tag: x\n# tag: y\na = 1\n",
    edits: [{ kind: "comment", match: /^# tag:/, line: "# tag: z" }],
    want: "# tag: z\n# tag: y\na = 1\n",
  },
  // batches
  {
    name: "a batch of edits applies in one pass",
    input: "# Last synced: never\na = 1\nb = 2\nc = 3\n",
    edits: [
      { kind: "comment", match: /Last synced/, line: "# Last synced: now" },
      set("a", '"x"'),
      insert("long", "4"),
      remove("c"),
    ],
    want: '# Last synced: now\na    = "x"\nb    = 2\nlong = 4\n',
  },
  {
    name: "a no-op set returns the text unchanged",
    input: "a  = 1 # c\nbb = 2\n",
    edits: [set("a", "1")],
    want: "a  = 1 # c\nbb = 2\n",
  },
];

for (const c of CASES) {
  Deno.test(`applyEdits() ${c.name}`, () => {
    const doc = parse(c.input, "test.tfvars", { tfvars: true });
    assert.equal(applyEdits(doc, c.edits), c.want);
  });
}

// Removals in one batch: an attribute the batch also removes does not make the comment lines above
// the one before it a heading (they were left behind, heading nothing).
const SWITCH = "# the old switch\nlegacy = true\ndebug = false\n\nkeep = 1\n";
const COMMENTED = "# the old switch\nlegacy = true\n# debug output\ndebug = false\nkeep = 1\n";
const REMOVALS: Array<[name: string, input: string, names: string[], want: string]> = [
  ["both adjacent", SWITCH, ["legacy", "debug"], "keep = 1\n"],
  ["both adjacent, listed last first", SWITCH, ["debug", "legacy"], "keep = 1\n"],
  [
    "the first only: the comment heads the run",
    SWITCH,
    ["legacy"],
    "# the old switch\ndebug = false\n\nkeep = 1\n",
  ],
  ["the second only", SWITCH, ["debug"], "# the old switch\nlegacy = true\n\nkeep = 1\n"],
  ["both adjacent at the end of the file", "# the old switch\nlegacy = true\ndebug = false\n", [
    "legacy",
    "debug",
  ], ""],
  ["both adjacent, CRLF", SWITCH.replaceAll("\n", "\r\n"), ["legacy", "debug"], "keep = 1\r\n"],
  [
    "both with a blank line between",
    "# old\nlegacy = true\n\n# debug output\ndebug = false\n\nkeep = 1\n",
    ["legacy", "debug"],
    "keep = 1\n",
  ],
  ["both, each with its comment: the second's heads the run that stays", COMMENTED, [
    "legacy",
    "debug",
  ], "# debug output\nkeep = 1\n"],
  [
    "the first of two with their comments",
    COMMENTED,
    ["legacy"],
    "# debug output\ndebug = false\nkeep = 1\n",
  ],
  [
    "the second of two with their comments",
    COMMENTED,
    ["debug"],
    "# the old switch\nlegacy = true\n# debug output\nkeep = 1\n",
  ],
  [
    "both, then an attribute that stays: the comment heads it",
    "# the old switch\nlegacy = true\ndebug = false\nkeep = 1\n",
    ["legacy", "debug"],
    "# the old switch\nkeep = 1\n",
  ],
  // A section's heading ends at its rule line: the attribute right under it owns none of it.
  [
    "the first under a section's rule line",
    "# ====\n# SYNCED FEATURES\n# Last synced: 2026-01-05\n# ====\nname = 1\n\ntag = 2\n",
    ["name"],
    "# ====\n# SYNCED FEATURES\n# Last synced: 2026-01-05\n# ====\n\ntag = 2\n",
  ],
  [
    "one with its comment under a rule line, CRLF",
    "// ----\r\n# images\r\nname = 1\r\n\r\ntag = 2\r\n",
    ["name"],
    "// ----\r\n\r\ntag = 2\r\n",
  ],
];

for (const [name, input, names, want] of REMOVALS) {
  Deno.test(`applyEdits() removes ${name}`, () => {
    const doc = parse(input, "test.tfvars", { tfvars: true });
    assert.equal(applyEdits(doc, names.map(remove)), want);
  });
}

Deno.test("applyEdits() with no edits returns the very same text", () => {
  const text = "a    = 1 # hand-aligned\nbb = 2\n";
  assert.equal(applyEdits(parse(text, "t.tfvars", { tfvars: true }), []), text);
});

const ERRORS: Array<{ name: string; input: string; edits: Edit[]; message: string }> = [
  {
    name: "two sets of one attribute",
    input: "a = 1\nb = 2\n",
    edits: [set("a", "3"), set("a", "4")],
    message: 'Cannot apply overlapping edits in "t.tfvars"',
  },
  {
    name: "a set and a remove of one attribute",
    input: "a = 1\nb = 2\n",
    edits: [set("a", "3"), remove("a")],
    message: 'Cannot apply overlapping edits in "t.tfvars"',
  },
  {
    name: "a set of an unknown attribute",
    input: "a = 1\n",
    edits: [set("b", "3")],
    message: 'Cannot edit "b": it is not set in "t.tfvars"',
  },
  {
    name: "an insert of an attribute already set",
    input: "a = 1\n",
    edits: [insert("a", "3")],
    message: 'Cannot insert "a": it is already set',
  },
  {
    name: "a set to a heredoc that would keep a trailing comment",
    input: "a = 1 # c\n",
    edits: [set("a", "<<EOT\nx\nEOT")],
    message:
      'Cannot set "a" to a heredoc with a trailing comment: its closing marker must end the line',
  },
  {
    name: "an insert of a heredoc with a trailing comment",
    input: "a = 1\n",
    edits: [{
      kind: "insert",
      name: "b",
      value: "<<EOT\nx\nEOT",
      comment: "# c",
    }],
    message:
      'Cannot set "b" to a heredoc with a trailing comment: its closing marker must end the line',
  },
  {
    name: "a comment edit that matches no line",
    input: "a = 1 # Last synced\n",
    edits: [{ kind: "comment", match: /Last synced/, line: "# x" }],
    message: 'No comment line matches /Last synced/ in "t.tfvars"',
  },
];

for (const c of ERRORS) {
  Deno.test(`applyEdits() throws TypeError for ${c.name}`, () => {
    const doc = parse(c.input, "t.tfvars", { tfvars: true });
    assert.throws(() => applyEdits(doc, c.edits), { name: "TypeError", message: c.message });
  });
}

Deno.test("edit() returns the edited text read back as a document", () => {
  const doc = edit(parse("a = 1\nb = 2\n", "t.tfvars", { tfvars: true }), [set("b", "2.50")]);
  assert.equal(doc.text, "a = 1\nb = 2.50\n");
  assert.deepEqual(doc.get("b")?.value, new HclNumber("2.5"));
});
