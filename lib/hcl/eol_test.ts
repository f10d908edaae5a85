import assert from "node:assert/strict";
import { withEol } from "./eol.ts";

Deno.test("withEol() converts newlines outside heredocs and keeps a heredoc's own", () => {
  assert.equal(withEol("[\n  1,\n]", "\r\n"), "[\r\n  1,\r\n]");
  assert.equal(withEol("<<EOT\na\nEOT", "\r\n"), "<<EOT\na\nEOT");
  assert.equal(withEol("<<-EOT\r\n  a\r\n  EOT", "\n"), "<<-EOT\r\n  a\r\n  EOT");
  assert.equal(
    withEol("[\n  <<EOT\n  x\nEOT\n  ,\n  2,\n]", "\r\n"),
    "[\r\n  <<EOT\n  x\nEOT\r\n  ,\r\n  2,\r\n]",
  );
  // An unclosed heredoc keeps everything after its header.
  assert.equal(withEol("<<EOT\na\n", "\r\n"), "<<EOT\na\n");
});
