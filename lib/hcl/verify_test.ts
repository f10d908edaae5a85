import assert from "node:assert/strict";
import { parse } from "./document.ts";
import { VerificationError } from "../errors.ts";
import type { Value } from "./value.ts";
import { type Intent, verifyEdit } from "./verify.ts";
import { placedAs } from "../../tests/_placed.ts";
import { errorText } from "../../render/error.ts";

const BEFORE = 'name = "a" # keep\ncount = 2\ntags = ["x", "y"]\n';

/** The value of an HCL expression, as the parser reads it. */
function value(source: string): Value {
  return parse(`v = ${source}\n`).get("v")!.value;
}

const before = () => parse(BEFORE, "env.tfvars", { tfvars: true });

const PASSES: Array<{ name: string; after: string; intent: Intent }> = [
  {
    name: "a set to the intended value",
    after: 'name = "b" # keep\ncount = 2\ntags = ["x", "y"]\n',
    intent: new Map([["name", value('"b"')]]),
  },
  {
    name: "a value written differently but equal (1.0 is 1, a trailing comma)",
    after: 'name = "a" # keep\ncount = 2.0\ntags = [\n  "x",\n  "y",\n]\n',
    intent: new Map(),
  },
  {
    name: "an insert and a removal",
    after: 'name = "a" # keep\ncount = 2\nzone = { a = 1 }\n',
    intent: new Map([["tags", undefined], ["zone", value("{ a = 1 }")]]),
  },
];

for (const c of PASSES) {
  Deno.test(`verifyEdit() passes ${c.name}`, async () => {
    const after = await verifyEdit(before(), c.after, c.intent);
    assert.equal(after.text, c.after);
  });
}

const FAILS: Array<{ name: string; after: string; intent: Intent; message: string }> = [
  {
    name: "an attribute that changed unintended",
    after: 'name = "b" # keep\ncount = 3\ntags = ["x", "y"]\n',
    intent: new Map([["name", value('"b"')]]),
    message: 'env.tfvars: Verification failed: "count" is 3, expected 2',
  },
  {
    name: "an intended value that differs",
    after: 'name = "c" # keep\ncount = 2\ntags = ["x", "y"]\n',
    intent: new Map([["name", value('"b"')]]),
    message: 'env.tfvars: Verification failed: "name" is "c", expected "b"',
  },
  {
    name: "an attribute that vanished",
    after: 'name = "b" # keep\ncount = 2\n',
    intent: new Map([["name", value('"b"')]]),
    message: 'env.tfvars: Verification failed: "tags" is missing after the edit',
  },
  {
    name: "an attribute that appeared",
    after: 'name = "a" # keep\ncount = 2\ntags = ["x", "y"]\nextra = 1\n',
    intent: new Map(),
    message: 'env.tfvars: Verification failed: "extra" is present after the edit',
  },
  {
    name: "an intended removal that did not happen, and a second problem",
    after: 'name = "a" # keep\ncount = 5\ntags = ["x", "y"]\n',
    intent: new Map([["tags", undefined]]),
    message: 'env.tfvars: Verification failed: "count" is 5, expected 2; ' +
      '"tags" is present after the edit',
  },
  {
    name: "numbers that differ beyond double precision",
    after: 'name = "a" # keep\ncount = 12345678901234567891\ntags = ["x", "y"]\n',
    intent: new Map([["count", value("12345678901234567890")]]),
    message: "env.tfvars: Verification failed: " +
      '"count" is 12345678901234567891, expected 12345678901234567890',
  },
  {
    name: "text that does not parse",
    after: 'name = "b\ncount = 2\n',
    intent: new Map([["name", value('"b"')]]),
    message: "env.tfvars:1:8: The edited text does not parse: " +
      "Unterminated template string: missing the closing quote",
  },
];

for (const c of FAILS) {
  Deno.test(`verifyEdit() throws VerificationError for ${c.name}`, async () => {
    const error = await verifyEdit(before(), c.after, c.intent).then(
      () => assert.fail("verifyEdit() passed"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof VerificationError, String(error));
    assert.equal(error.name, "VerificationError");
    placedAs(c.message)(error);
  });
}

Deno.test("verifyEdit() passes untouched expressions tfsync and hcl render differently", async () => {
  const text = 'debug = !true\noffset = -(4)\nname = "a"\n';
  const doc = parse(text, "env.tfvars", { tfvars: true });
  const after = 'debug = !true\noffset = -(4)\nname = "b"\n';
  assert.equal((await verifyEdit(doc, after, new Map([["name", value('"b"')]]))).text, after);
});

Deno.test("verifyEdit() judges copied text by hcl's reading of its source: a heredoc's line endings count", async () => {
  const doc = parse('a = 1\r\nname = "a"\r\n', "env.tfvars", { tfvars: true });
  const copied = new Map([["name", "name = <<EOT\nb\nEOT"]]);
  const intent: Intent = new Map([["name", value("<<EOT\nb\nEOT\n")]]);
  const kept = "a = 1\r\nname = <<EOT\nb\nEOT\r\n";
  assert.equal((await verifyEdit(doc, kept, intent, copied)).text, kept);
  const crlf = "a = 1\r\nname = <<EOT\r\nb\r\nEOT\r\n";
  const failure = (i: Intent) =>
    verifyEdit(doc, crlf, i, copied).then(
      () => assert.fail("verifyEdit() passed"),
      (e: unknown) => {
        assert.ok(e instanceof VerificationError, String(e));
        return errorText(e, (f) => f);
      },
    );
  assert.equal(
    await failure(intent),
    'env.tfvars: Verification failed: "name" is "b\\r\\n", expected "b\\n"',
  );
  // Our reading agrees with the result here; hcl's reading of the source does not.
  assert.equal(
    await failure(new Map([["name", value("<<EOT\r\nb\r\nEOT\r\n")]])),
    'env.tfvars: Verification failed: hashicorp/hcl reads "name" as "b\\r\\n", expected "b\\n"',
  );
});

Deno.test("verifyEdit() keeps an untouched heredoc whose body looks like attributes as it is", async () => {
  const text = 'keep = <<EOT\nnot = "an attribute"\nEOT\nname = "a"\n';
  const doc = parse(text, "env.tfvars", { tfvars: true });
  const after = 'keep = <<EOT\nnot = "an attribute"\nEOT\nname = "b"\n';
  assert.equal((await verifyEdit(doc, after, new Map([["name", value('"b"')]]))).text, after);
});

Deno.test("verifyEdit() of a path edit: the whole value, exactly the intended key changed", async () => {
  const text = 's = {\n  own  = "prod"\n  flag = false\n}\n';
  const doc = () => parse(text, "env.tfvars", { tfvars: true });
  const intent: Intent = new Map([["s", value('{ own = "prod", flag = true }')]]);
  const edited = text.replace("flag = false", "flag = true ");
  assert.equal((await verifyEdit(doc(), edited, intent)).text, edited);
  // Another key of the value changed too: the edit is refused.
  const error = await verifyEdit(doc(), edited.replace('"prod"', '"dev"'), intent).then(
    () => assert.fail("verifyEdit() passed"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof VerificationError, String(error));
});

Deno.test("verifyEdit() of copies written as their source text still checks everything else", async () => {
  const doc = parse('a = 1\nname = "a" # keep\ncount = 2\n', "env.tfvars", { tfvars: true });
  const copied = new Map([["name", 'name = "b"']]);
  const intent: Intent = new Map([["name", value('"b"')]]);
  const written = 'a = 1\nname = "b" # keep\ncount = 2\n';
  assert.equal((await verifyEdit(doc, written, intent, copied)).text, written);
  const failure = async (after: string, i: Intent) => {
    const e = await verifyEdit(doc, after, i, copied).then(
      () => assert.fail("verifyEdit() passed"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof VerificationError, String(e));
    return errorText(e, (f) => f);
  };
  // Another attribute changed beside the copy.
  assert.equal(
    await failure(written.replace("count = 2", "count = 3"), intent),
    'env.tfvars: Verification failed: "count" is 3, expected 2',
  );
  // The copy's text is what was written, but not what was intended.
  assert.equal(
    await failure(written, new Map([["name", value('"c"')]])),
    'env.tfvars: Verification failed: "name" is "b", expected "c"',
  );
  // Written as something else than the copy: hcl's reading of the copy is the judge.
  assert.equal(
    await failure(written.replace('"b"', '"b${"x"}"'), new Map([["name", value('"bx"')]])),
    'env.tfvars: Verification failed: hashicorp/hcl reads "name" as "bx", expected "b"',
  );
});
