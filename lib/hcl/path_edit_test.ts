import assert from "node:assert/strict";
import { parse, print } from "./document.ts";
import { applyEdits, type Edit } from "./edit.ts";
import { parsePath } from "./path.ts";
import { valueNode } from "./path_tree.ts";
import { terraformFmt } from "../../tests/_generate.ts";

interface Case {
  name: string;
  input: string;
  edits: Edit[];
  want: string;
  /** Input and output are as terraform fmt writes them (checked below when it is on PATH). */
  fmt?: boolean;
}

/** An edit of the path (`a.b["c"]`) to the value text; `undefined` removes the key. */
const at = (path: string, value?: string, indent?: string): Edit => {
  const { name, steps } = parsePath(path);
  return { kind: "path", name, keys: steps as string[], value, indent };
};

const SETTINGS = `forms_admin_settings = {
  govuk_app_domain     = "staging.publishing.service.gov.uk" # this environment's own
  enable_opentelemetry = false                               # a feature that should flow
}
`;

const CASES: Case[] = [
  {
    name: "depth 1: only the value changes, comments realigned as fmt would",
    input: SETTINGS,
    edits: [at("forms_admin_settings.enable_opentelemetry", "true")],
    want: `forms_admin_settings = {
  govuk_app_domain     = "staging.publishing.service.gov.uk" # this environment's own
  enable_opentelemetry = true                                # a feature that should flow
}
`,
    fmt: true,
  },
  {
    name: "depth 2: a nested object's key, the outer object untouched",
    input: `node_groups = {
  general = {
    instance = "m5.large"
    ami      = "1.0" # pinned
  }
  gpu = { ami = "1.0", size = 2 }
}
`,
    edits: [at("node_groups.general.ami", '"1.1"'), at("node_groups.gpu.ami", '"1.1"')],
    want: `node_groups = {
  general = {
    instance = "m5.large"
    ami      = "1.1" # pinned
  }
  gpu = { ami = "1.1", size = 2 }
}
`,
    fmt: true,
  },
  {
    name: "depth 3, a quoted key, and a realigned = run when a key is inserted",
    input: `a = {
  b = {
    "c-d" = {
      x = 1
    }
  }
}
`,
    edits: [at('a.b["c-d"].longer_key', "2")],
    want: `a = {
  b = {
    "c-d" = {
      x          = 1
      longer_key = 2
    }
  }
}
`,
    fmt: true,
  },
  {
    name: "insert takes the neighbours' trailing comma and ':' separator",
    input: `m = {
  a : 1,
  b : 2,
}
`,
    edits: [at("m.c", "3")],
    want: `m = {
  a : 1,
  b : 2,
  c : 3,
}
`,
    fmt: true,
  },
  {
    name: "insert a key that is no identifier, quoted",
    input: 'tags = {\n  Team = "x"\n}\n',
    edits: [at('tags["Data Class"]', '"public"')],
    want: 'tags = {\n  Team         = "x"\n  "Data Class" = "public"\n}\n',
    fmt: true,
  },
  {
    name: "one-line objects: set, insert and remove in place",
    input: "a = { x = 1, y = 2 }\nb = { x = 1 }\nc = { x = 1, y = 2, }\nd = {}\n",
    edits: [at("a.y", "3"), at("b.z", "true"), at("c.y"), at("d.k", '"v"')],
    want: 'a = { x = 1, y = 3 }\nb = { x = 1, z = true }\nc = { x = 1, }\nd = { k = "v" }\n',
  },
  {
    name: "one-line objects: remove the first and the only key",
    input: "a = { x = 1, y = 2 }\nb = { x = 1 }\n",
    edits: [at("a.x"), at("b.x")],
    want: "a = { y = 2 }\nb = {}\n",
  },
  {
    name: "remove re-aligns the run it leaves",
    input: "s = {\n  b        = 3 # kept\n  long_key = 2 # gone\n}\n",
    edits: [at("s.long_key")],
    want: "s = {\n  b = 3 # kept\n}\n",
    fmt: true,
  },
  {
    name: "remove takes the key's own comment lines",
    input: "s = {\n  a = 1\n\n  # about c\n  c = 2\n\n  d = 3\n}\n",
    edits: [at("s.c")],
    want: "s = {\n  a = 1\n\n\n  d = 3\n}\n",
  },
  {
    name: "remove keeps a comment that heads the next key too",
    input: "s = {\n  # both\n  a = 1\n  b = 2\n}\n",
    edits: [at("s.a")],
    want: "s = {\n  # both\n  b = 2\n}\n",
    fmt: true,
  },
  {
    name: "comments between keys and after values stay",
    input: "s = {\n  a = 1 // one\n  /* two */\n  b = 2 # two\n}\n",
    edits: [at("s.b", "22")],
    want: "s = {\n  a = 1 // one\n  /* two */\n  b = 22 # two\n}\n",
    fmt: true,
  },
  {
    name: "a heredoc value inside an object: replaced, and set to one",
    input: "s = {\n  doc = <<-EOT\n    hello\n  EOT\n  n   = 1\n}\n",
    edits: [at("s.doc", '"plain"'), at("s.n", "<<EOT\nx\nEOT")],
    want: 's = {\n  doc = "plain"\n  n   = <<EOT\nx\nEOT\n}\n',
    fmt: true,
  },
  {
    // Found by tests/path_property_test.ts: such an edit was refused.
    name:
      "a heredoc set where a comma and a comment followed: the comma goes, the comment moves above",
    input: "s = {\n  a = 1, # one\n  b = 2,\n}\n",
    edits: [at("s.a", "<<EOT\nx\nEOT")],
    want: "s = {\n  # one\n  a = <<EOT\nx\nEOT\n  b = 2,\n}\n",
    fmt: true,
  },
  {
    // Found by tests/path_property_test.ts: such an edit was refused.
    name: "a heredoc inserted among keys with trailing commas takes none",
    input: "s = {\n  a = 1,\n}\n",
    edits: [at("s.b", "<<EOT\nx\nEOT")],
    want: "s = {\n  a = 1,\n  b = <<EOT\nx\nEOT\n}\n",
    fmt: true,
  },
  {
    // Found by a sync into a one-line object (exit 3 before): no line can end after a heredoc.
    name: "a heredoc into a one-line object: the same string, quoted, set or inserted",
    input: "s = { a = 1, b = 2 }\nt = { a = 1 }\n",
    edits: [at("s.a", "<<EOT\nhello\nEOT"), at("t.b", '<<-EOT\n    x "y"\n  EOT')],
    want: 's = { a = "hello\\n", b = 2 }\nt = { a = 1, b = "x \\"y\\"\\n" }\n',
    fmt: true,
  },
  {
    name: "CRLF: a heredoc keeps its own line endings, the lines around it the file's",
    input: "s = {\r\n  a = 1 # one\r\n}\r\n",
    edits: [at("s.a", "<<EOT\nx\nEOT")],
    want: "s = {\r\n  # one\r\n  a = <<EOT\nx\nEOT\r\n}\r\n",
  },
  {
    name: "CRLF: an inserted line takes the file's line ending (fmt aligns no multi-line value)",
    input: "s = {\r\n  a = 1\r\n}\r\n",
    edits: [at("s.bb", "{\n    x = 1\n  }", "  ")],
    want: "s = {\r\n  a = 1\r\n  bb = {\r\n    x = 1\r\n  }\r\n}\r\n",
    fmt: true,
  },
  {
    name: "a multi-line value moves from the source's indentation to the target's",
    input: "a = {\n  b = {\n    c = 1\n  }\n}\n",
    edits: [at("a.b.c", "{\n  x = [\n    1,\n  ]\n}", "")],
    want: "a = {\n  b = {\n    c = {\n      x = [\n        1,\n      ]\n    }\n  }\n}\n",
    fmt: true,
  },
  {
    name: "an empty multi-line object gets an indented key",
    input: "a = {\n}\n",
    edits: [at("a.k", "1")],
    want: "a = {\n  k = 1\n}\n",
  },
];

for (const c of CASES) {
  Deno.test(`path edit: ${c.name}`, () => {
    const doc = parse(c.input, "t.tfvars", { tfvars: true });
    assert.equal(print(doc), c.input);
    assert.equal(applyEdits(doc, c.edits), c.want);
  });
}

const fmt = await terraformFmt([]);
Deno.test({
  name: fmt === undefined
    ? "path edit cases are fmt-clean (ignored: terraform is not on PATH)"
    : "path edit cases marked fmt are as terraform fmt writes them, before and after",
  ignore: fmt === undefined,
  fn: async () => {
    const texts = CASES.filter((c) => c.fmt).flatMap((c) => [c.input, c.want]);
    assert.deepEqual(await terraformFmt(texts), texts);
  },
});

// A template heredoc (a `${…}` reference inside) cannot be quoted by its value: tfsync refuses
// rather than rewrite its text, and the file is left alone.
Deno.test("path edit: a template heredoc into a one-line object is refused", () => {
  const doc = parse("s = { a = 1, b = 2 }\n", "t.tfvars", { tfvars: true });
  const template = "<<EOT\n${var.x}\nEOT";
  assert.throws(
    () => applyEdits(doc, [at("s.a", template)]),
    { name: "TypeError", message: 'Cannot set "s.a" to a heredoc: text follows it on its line' },
  );
  assert.throws(
    () => applyEdits(doc, [at("s.c", template)]),
    { name: "TypeError", message: "Cannot put a heredoc into a one-line object" },
  );
});

// What follows a value on its line is seen however many blanks come first (no fixed window): a
// key after 300 blanks makes the heredoc go in quoted, as on a one-line object.
Deno.test("path edit: a key 300 blanks after the value still follows it on its line", () => {
  const blanks = " ".repeat(300);
  const doc = parse(`s = {\n  a = 1${blanks}, b = 2\n}\n`, "t.tfvars", { tfvars: true });
  assert.equal(
    applyEdits(doc, [at("s.a", "<<EOT\nx\nEOT")]),
    `s = {\n  a = "x\\n"${blanks}, b = 2\n}\n`,
  );
});

Deno.test("valueNode() keeps every key's span and decor, recursively", () => {
  const text = 'x = {\n  # lead\n  a = 1, # one\n  "b c": [1, { d = 2 }]\n}\n';
  const doc = parse(text, "t.tfvars", { tfvars: true });
  const node = valueNode(doc, doc.get("x")!.valueStart);
  assert.equal(node.kind, "object");
  const [a, b] = node.entries;
  const raw = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  assert.deepEqual([a.key, raw(a.keySpan), a.separator, raw(a.value), raw(a.comment!)], [
    "a",
    "a",
    "=",
    "1",
    "# one",
  ]);
  assert.equal(text.slice(a.leadingStart, a.end), "  # lead\n  a = 1, # one\n");
  assert.equal(a.commaEnd, text.indexOf(",") + 1);
  assert.deepEqual([b.key, raw(b.keySpan), b.separator, b.commaEnd], ["b c", '"b c"', ":", null]);
  assert.deepEqual(b.value.elements.map(raw), ["1", "{ d = 2 }"]);
  assert.equal(b.value.elements[1].entries[0].key, "d");
});

Deno.test("parsePath() reads keys, quoted keys and *; refuses list indexes", () => {
  assert.deepEqual(parsePath('a.b["c d"].*.e'), { name: "a", steps: ["b", "c d", null, "e"] });
  assert.throws(() => parsePath("a[0]"), /lists are addressed whole/);
  assert.throws(() => parsePath("a."), /expected a key/);
});
