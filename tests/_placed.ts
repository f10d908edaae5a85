// Asserting an error by how it reads: `file:line:col: message` with its related places, the
// files as the error names them.
import assert from "node:assert/strict";
import { PlacedError } from "../lib/errors.ts";
import { errorText } from "../render/error.ts";

/** A validator for assert.throws/rejects: a PlacedError that reads exactly `text`. */
export function placedAs(text: string): (e: unknown) => true {
  return (e) => {
    assert.ok(e instanceof PlacedError, String(e));
    assert.equal(errorText(e, (f) => f), text);
    return true;
  };
}
