// How commands show lib's errors: `file:line:col: message` with the file as the reader sees it,
// the source line and a caret on a terminal, a JSON object on stdout with --json; messages and
// the values they quote are never rewritten, also when tfsync runs from `/`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { testIo, tfsync, withCopy } from "./_cli.ts";
import { guard } from "../commands/_options.ts";
import { VerificationError, WriteError } from "../lib/errors.ts";
import { main } from "../mod.ts";

const PROD = "environments/prod/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];

/** A broken target: line 2 has an empty element at column 15. */
const breakProd = (root: string) =>
  Deno.writeTextFile(join(root, PROD), 'region = "us-west-2"\nvpc_cidr = [1,, 2]\n');

Deno.test("a value holding an absolute path is quoted intact, from any working directory", async () => {
  const heredoc = '"log_path" is <<EOT\n/srv/infra/logs/app.log\nEOT, expected "x"';
  for (const cwd of ["/", "/srv/infra", "/elsewhere"]) {
    const io = testIo(cwd);
    const code = await guard("promote", "", io, () => {
      throw new VerificationError(`Verification failed: ${heredoc}`, {
        file: "/srv/infra/environments/prod/terraform.tfvars",
      });
    });
    const file = cwd === "/srv/infra"
      ? "environments/prod/terraform.tfvars"
      : "/srv/infra/environments/prod/terraform.tfvars";
    assert.equal(code, 3);
    assert.equal(
      io.err,
      `tfsync promote: ${file}: Verification failed: ${heredoc} (a bug in tfsync: nothing was written)\n`,
    );
  }
});

Deno.test("a write that could not be undone exits 4; one undone exits 2", async () => {
  for (const [partial, code] of [[true, 4], [false, 2]] as const) {
    const io = testIo("/srv/infra");
    const got = await guard("promote", "", io, () => {
      throw new WriteError('Cannot write "b": is a directory; …', partial);
    });
    assert.equal(got, code);
    assert.equal(io.err, 'tfsync promote: Cannot write "b": is a directory; …\n');
  }
});

Deno.test("from /, a syntax error names its file relative to the root", async () => {
  await withCopy(async (root) => {
    await breakProd(root);
    const r = await tfsync("/", [...PROMOTE, "--root", root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^tfsync promote: ${PROD}:2:15: `));
    assert.equal(r.stderr.split("\n").length, 2, "one line");
  });
});

Deno.test("on a terminal, a syntax error shows its source line and a caret under the column", async () => {
  await withCopy(async (root) => {
    await breakProd(root);
    const io = { ...testIo(root), stderrTerminal: true };
    io.stderr = (t) => void (io.err += t);
    assert.equal(await main(PROMOTE, io), 2);
    const [first, source, caret, end] = io.err.split("\n");
    assert.match(first, /^tfsync promote: environments\/prod\/terraform.tfvars:2:15: /);
    assert.deepEqual([source, caret, end], ["  vpc_cidr = [1,, 2]", "                ^", ""]);
  });
});

Deno.test("with --format json, an error with a place is a JSON object with its fields on stdout", async () => {
  await withCopy(async (root) => {
    await breakProd(root);
    const r = await tfsync(root, [...PROMOTE, "--format", "json"]);
    assert.equal(r.code, 2);
    const e = JSON.parse(r.stdout).error;
    assert.deepEqual(
      { file: e.file, line: e.line, column: e.column, sourceLine: e.sourceLine, exit: e.exit_code },
      { file: PROD, line: 2, column: 15, sourceLine: "vpc_cidr = [1,, 2]", exit: 2 },
    );
    assert.equal(r.stderr, `tfsync promote: ${PROD}:2:15: ${e.message}\n`);
  });
});
