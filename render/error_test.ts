import { deepStrictEqual, strictEqual } from "node:assert";
import { parse } from "../lib/hcl/document.ts";
import { PlacedError, TfvarsSyntaxError } from "../lib/errors.ts";
import { errorFields, errorText } from "./error.ts";

function syntaxError(text: string): TfvarsSyntaxError {
  try {
    parse(text, "/r/v.tfvars", { tfvars: true });
  } catch (e) {
    if (e instanceof TfvarsSyntaxError) return e;
  }
  throw new Error("expected a syntax error");
}

const show = (file: string) => file.replace(/^\/r\//, "");

Deno.test("errorText() is file:line:col: message; with caret, the line and a caret under the column", () => {
  const e = syntaxError("a = 1\nb = [1,, 2]\n");
  const line =
    'v.tfvars:2:8: Invalid expression: expected the start of an expression, but found ","';
  strictEqual(errorText(e, show), line);
  strictEqual(errorText(e, show, true), `${line}\n  b = [1,, 2]\n         ^`);
});

Deno.test("errorText() keeps a message's own paths intact and names related places", () => {
  const e = new PlacedError(
    'x holds "/srv/infra/logs/app.log"',
    { file: "/r/a.tfvars", line: 3 },
    [{ what: "first set at", place: { file: "/r/a.tfvars", line: 1 } }],
  );
  strictEqual(
    errorText(e, show),
    'a.tfvars:3: x holds "/srv/infra/logs/app.log"; first set at a.tfvars:1',
  );
  strictEqual(errorText(new PlacedError("no place"), show, true), "no place");
});

Deno.test("errorFields() gives the message and the place's fields", () => {
  deepStrictEqual(errorFields(syntaxError("a = [\n"), show), {
    message: 'Unterminated tuple: missing "]"',
    file: "v.tfvars",
    line: 1,
    column: 5,
    sourceLine: "a = [",
  });
});
