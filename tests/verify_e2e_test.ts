// Verification is judged by hashicorp/hcl, end to end: an untouched expression that tfsync and hcl
// render differently never blocks a write, and a heredoc copied into a file with other line
// endings keeps its value. Each case checks the exit code and the exact bytes written.
import assert from "node:assert/strict";
import { dirname, join } from "../lib/_path.ts";
import { EXAMPLE, REPO, tempCopy, tfsync, which } from "./_cli.ts";
import { RUN_FLAGS } from "../tools/permissions.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

const PROD = "environments/prod/terraform.tfvars";
const ENGLACIAL = "environments/englacial/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];
const IMAGE = 'singleuser_image_name = "pangeo/pangeo-notebook"';

/** prod's terraform.tfvars after the promote of the example as it is. */
async function promoted(edit?: (root: string) => Promise<void>): Promise<string> {
  const root = await tempCopy(EXAMPLE);
  await edit?.(root);
  const r = await tfsync(root, PROMOTE);
  assert.equal(r.code, 0, r.stderr);
  return await Deno.readTextFile(join(root, PROD));
}

async function replaceIn(root: string, path: string, from: string, to: string): Promise<void> {
  const text = await Deno.readTextFile(join(root, path));
  assert.ok(text.includes(from), `${path} has ${from}`);
  await Deno.writeTextFile(join(root, path), text.replace(from, to));
}

Deno.test("promote writes a target holding untouched `!true` and `-(4)`: exit 0, the bytes intended", async () => {
  const untouched = "debug  = !true\noffset = -(4)\n";
  const expected = untouched + await promoted();
  const root = await tempCopy(EXAMPLE);
  const original = untouched + await Deno.readTextFile(join(root, PROD));
  await Deno.writeTextFile(join(root, PROD), original);
  const r = await tfsync(root, PROMOTE);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(await Deno.readTextFile(join(root, PROD)), expected);
  assert.equal(await Deno.readTextFile(join(root, PROD + ".bak")), original);
});

const HEREDOC_LF = "<<EOT\npangeo/pangeo-notebook\nEOT";

Deno.test("a heredoc promoted from an LF file into a CRLF file keeps its value (its lines stay LF)", async () => {
  const withHeredoc = (root: string) =>
    replaceIn(root, ENGLACIAL, IMAGE, `singleuser_image_name = ${HEREDOC_LF}`);
  // The same promote with an LF target, then every line ending made CRLF but the heredoc's.
  const lf = await promoted(withHeredoc);
  assert.ok(lf.includes(`singleuser_image_name = ${HEREDOC_LF}\n`), lf);
  const expected = lf.replace(/\n/g, "\r\n").replace(
    `singleuser_image_name = ${HEREDOC_LF.replace(/\n/g, "\r\n")}`,
    `singleuser_image_name = ${HEREDOC_LF}`,
  );
  const root = await tempCopy(EXAMPLE);
  await withHeredoc(root);
  const original = (await Deno.readTextFile(join(root, PROD))).replace(/\n/g, "\r\n");
  await Deno.writeTextFile(join(root, PROD), original);
  const r = await tfsync(root, PROMOTE);
  assert.equal(r.code, 0, r.stderr);
  const after = await Deno.readTextFile(join(root, PROD));
  assert.equal(after, expected);
  assert.equal(await Deno.readTextFile(join(root, PROD + ".bak")), original);
  const hcl = await readWithHcl(after, join(root, PROD));
  assert.equal(hcl.singleuser_image_name, "pangeo/pangeo-notebook\n");
});

const TERRAFORM = which("terraform");

Deno.test({
  name: "terraform reads the heredoc promoted into a CRLF file without a carriage return" +
    (TERRAFORM ? "" : " (skipped: terraform is not on PATH)"),
  ignore: !TERRAFORM,
  fn: async () => {
    const root = await tempCopy(EXAMPLE);
    await replaceIn(root, ENGLACIAL, IMAGE, `singleuser_image_name = ${HEREDOC_LF}`);
    const prod = join(root, PROD);
    await Deno.writeTextFile(prod, (await Deno.readTextFile(prod)).replace(/\n/g, "\r\n"));
    assert.equal((await tfsync(root, PROMOTE)).code, 0);
    const dir = await Deno.makeTempDir({ prefix: "tfsync-tf-" });
    await Deno.writeTextFile(join(dir, "main.tf"), 'variable "x" {\n  type = any\n}\n');
    const file = join(dir, "x.tfvars");
    const text = await Deno.readTextFile(prod);
    const line = /^singleuser_image_name = <<EOT\n[^]*?\nEOT/m.exec(text)![0];
    await Deno.writeTextFile(file, line.replace("singleuser_image_name", "x") + "\r\n");
    const out = await new Deno.Command("terraform", {
      args: ["console", `-var-file=${file}`],
      cwd: dir,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const w = out.stdin.getWriter();
    await w.write(new TextEncoder().encode("jsonencode(var.x)\n"));
    await w.close();
    const result = new TextDecoder().decode((await out.output()).stdout).trim();
    assert.equal(JSON.parse(JSON.parse(result)), "pangeo/pangeo-notebook\n");
  },
});

/** tfsync ARGS in `root` with an import map whose hcl2json throws as soon as it is loaded. */
async function withoutWasm(root: string, args: string[]): Promise<{ code: number; err: string }> {
  const config = JSON.parse(await Deno.readTextFile(join(REPO, "deno.json")));
  // A stand-in package: its entry point and Go's wasm_exec.js beside it throw when loaded.
  const boom = join(root, "..", `boom-${crypto.randomUUID()}`);
  for (const file of ["build/index.js", "wasm/wasm_exec.js"]) {
    await Deno.mkdir(join(boom, dirname(file)), { recursive: true });
    await Deno.writeTextFile(join(boom, file), 'throw new Error("hcl2json was loaded");\n');
  }
  config.imports["@cdktn/hcl2json"] = `file://${boom}/build/index.js`;
  delete config.tasks;
  const path = `${boom}.json`;
  await Deno.writeTextFile(path, JSON.stringify(config));
  const argv = [
    "run",
    "--quiet",
    "--no-lock",
    "--config",
    path,
    ...RUN_FLAGS,
    join(REPO, "mod.ts"),
  ];
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...argv, ...args],
    cwd: root,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, err: new TextDecoder().decode(out.stderr) };
}

Deno.test("runs that write nothing never load the hcl2json wasm module", async () => {
  const root = await tempCopy(EXAMPLE);
  // The first promote writes, and so must load it: the import map really is the failing one.
  const first = await withoutWasm(root, PROMOTE);
  assert.equal(first.code, 3);
  assert.match(first.err, /hcl2json was loaded/);
  assert.equal((await tfsync(root, PROMOTE)).code, 0);
  const before = await Deno.readTextFile(join(root, PROD));
  for (
    const args of [
      PROMOTE,
      [...PROMOTE.filter((a) => a !== "--yes"), "--dry-run"],
      ["diff", "--from", "englacial", "--to", "prod"],
      ["explain", "singleuser_image_tag"],
      ["matrix"],
    ]
  ) {
    const r = await withoutWasm(root, args);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.err}`);
  }
  assert.equal(await Deno.readTextFile(join(root, PROD)), before);
});
