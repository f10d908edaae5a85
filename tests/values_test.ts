// Values as terraform reads them, end to end on a copy of the example: typed comparison ("true"
// is true for a bool, 20 * 60 is 1200), expressions in a target that promote leaves alone, and
// refusals in terraform's words (a reference, a call, a value that does not fit its type) that
// exit 2 with nothing written.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, EXAMPLE, snapshotTree, tempCopy, tfsync } from "./_cli.ts";
import { parse } from "../lib/hcl/document.ts";

const PROD = "environments/prod/terraform.tfvars";
const ENGLACIAL = "environments/englacial/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];
const LAMBDA = "enable_lambda_invoke     = false # Lambda not yet approved for prod\n";

async function edit(root: string, file: string, from: string, to: string): Promise<void> {
  const path = join(root, file);
  const text = await Deno.readTextFile(path);
  assert.ok(text.includes(from), `${file} has ${JSON.stringify(from)}`);
  await Deno.writeTextFile(path, text.replace(from, to));
}

async function withCopy(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await tempCopy(EXAMPLE);
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** The lines of a file that hold `needle`. */
async function linesWith(root: string, file: string, needle: string): Promise<string[]> {
  return (await Deno.readTextFile(join(root, file))).split("\n").filter((l) => l.includes(needle));
}

Deno.test('"true" and true are the same bool, 20 * 60 and 1200 the same number: diff and promote agree', async () => {
  await withCopy(async (root) => {
    await edit(root, PROD, LAMBDA, 'enable_lambda_invoke     = "true"\n');
    await edit(root, PROD, "kernel_cull_timeout = 1200\n", "kernel_cull_timeout = 20 * 60\n");
    const diff = await tfsync(root, ["diff", "--from", "englacial", "--to", "prod"]);
    assert.equal(diff.code, 0, diff.stderr);
    const syncable = diff.stdout.split("=== SYNCABLE FEATURES ===\n")[1].split("\n\n")[0];
    assert.equal(
      syncable,
      'singleuser_image_tag\n  englacial: "2025.12.18"\n  prod:      "2025.06.02"\n' +
        "dask_worker_memory_max\n  englacial: 3\n  prod:      4\n" +
        "dask_cluster_max_cores\n  englacial: 200\n  prod:      40",
    );
    const promote = await tfsync(root, PROMOTE);
    assert.equal(promote.code, 0, promote.stderr);
    assert.deepEqual(await linesWith(root, PROD, "enable_lambda_invoke"), [
      'enable_lambda_invoke     = "true"',
    ]);
    assert.deepEqual(await linesWith(root, PROD, "kernel_cull_timeout ="), [
      "kernel_cull_timeout = 900  // seconds", // in the extra_user_config heredoc
      "kernel_cull_timeout = 20 * 60",
    ]);
  });
});

Deno.test("promote succeeds around untouched !true, -(4) and a 45-digit number in the target", async () => {
  await withCopy(async (root) => {
    const extra =
      "debug_flag = !true\nneg = -(4)\nbig = 123456789012345678901234567890123456789012345\n";
    const path = join(root, PROD);
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + extra);
    const r = await tfsync(root, PROMOTE);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await Deno.readTextFile(path)).endsWith(extra));
    const explain = await tfsync(root, ["explain", "big"]);
    assert.match(explain.stdout, /prod +123456789012345678901234567890123456789012345 /);
  });
});

const REFUSALS: Array<{ name: string; file: string; from: string; to: string; stderr: string }> = [
  {
    name: "a reference (ture)",
    file: PROD,
    from: LAMBDA,
    to: "enable_lambda_invoke     = ture\n",
    stderr:
      `tfsync promote: ${PROD}:122:28: Variables not allowed: Variables may not be used here\n`,
  },
  {
    name: 'a function call (upper("x"))',
    file: PROD,
    from: LAMBDA,
    to: 'enable_lambda_invoke     = upper("x")\n',
    stderr:
      `tfsync promote: ${PROD}:122:28: Function calls not allowed: Functions may not be called here\n`,
  },
  {
    name: 'a value that is no number ("lots")',
    file: ENGLACIAL,
    from: "dask_worker_cores_max  = 1 ",
    to: 'dask_worker_cores_max  = "lots" ',
    stderr: `tfsync promote: ${ENGLACIAL}:111:26: Cannot copy dask_worker_cores_max into ` +
      "environments/shared-features.tfvars: " +
      'a string "lots" is not a number (type number at variables.tf:269)\n',
  },
];

for (const c of REFUSALS) {
  Deno.test(`promote refuses ${c.name}: exit 2, terraform's words, nothing written`, async () => {
    await withCopy(async (root) => {
      await edit(root, c.file, c.from, c.to);
      const before = await snapshotTree(root);
      const r = await tfsync(root, PROMOTE);
      assert.equal(r.stderr, c.stderr);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, "");
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    });
  });
}

Deno.test("diff refuses a reference, and check reports it as an error finding", async () => {
  await withCopy(async (root) => {
    await edit(root, PROD, LAMBDA, "enable_lambda_invoke     = ture\n");
    const diff = await tfsync(root, ["diff", "--from", "englacial", "--to", "prod"]);
    assert.equal(
      diff.stderr,
      `tfsync diff: ${PROD}:122:28: Variables not allowed: Variables may not be used here\n`,
    );
    assert.equal(diff.code, 2);
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 1);
    assert.equal(
      check.stdout.split("\n")[0],
      `${PROD}:122:28: error: Variables not allowed: Variables may not be used here [syntax]`,
    );
  });
});

Deno.test({
  name: "promote copies an LF heredoc into a CRLF target with its value unchanged",
  fn: () =>
    withCopy(async (root) => {
      await edit(
        root,
        ENGLACIAL,
        'singleuser_image_name = "pangeo/pangeo-notebook"',
        "singleuser_image_name = <<EOT\nmy/image\nEOT",
      );
      const path = join(root, PROD);
      await Deno.writeTextFile(path, (await Deno.readTextFile(path)).replace(/\n/g, "\r\n"));
      const r = await tfsync(root, PROMOTE);
      assert.equal(r.code, 0, r.stderr);
      const doc = parse(await Deno.readTextFile(path), PROD, { tfvars: true });
      assert.equal(doc.get("singleuser_image_name")!.value, "my/image\n");
    }),
});
