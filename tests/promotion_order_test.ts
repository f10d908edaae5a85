// promotion_order (#12 req 1), end to end on copies of the bundled example: its names are
// environments, each once (else a config error at tfsync.hcl's line, with a did-you-mean); it
// orders the matrix's columns; backport along it is refused, naming the promote that runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, snapshotTree, tfsync, withCopy } from "./_cli.ts";

async function withOrder(order: string, fn: (root: string, line: number) => Promise<void>) {
  await withCopy(async (root) => {
    const config = await Deno.readTextFile(join(root, "tfsync.hcl"));
    await Deno.writeTextFile(join(root, "tfsync.hcl"), config + order);
    // The line of the order's second name in tfsync.hcl.
    await fn(root, config.split("\n").length + 2);
  });
}

const MULTI_LINE = (second: string) => `promotion_order = [\n  "englacial",\n  "${second}",\n]\n`;

Deno.test("promotion_order naming no environment: exit 2 at its tfsync.hcl line, did you mean, nothing written", async () => {
  await withOrder(MULTI_LINE("prd"), async (root, line) => {
    const before = await snapshotTree(root);
    const message = `tfsync.hcl:${line}: "promotion_order" names "prd", which is no environment ` +
      `(did you mean "prod"?): the environments are dev, englacial, prod`;
    for (const command of ["promote", "backport"]) {
      const r = await tfsync(root, [command, "--from", "englacial", "--to", "prod", "-y"]);
      assert.deepEqual([r.code, r.stdout, r.stderr], [2, "", `tfsync ${command}: ${message}\n`]);
    }
    const matrix = await tfsync(root, ["matrix"]);
    assert.deepEqual([matrix.code, matrix.stderr], [2, `tfsync matrix: ${message}\n`]);
    // check reports it as a finding of the config, at the same place.
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 1);
    assert.equal(
      check.stdout.split("\n")[0],
      `tfsync.hcl:${line}: error: ${message.slice(15)} [config]`,
    );
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

Deno.test("promotion_order naming an environment twice: exit 2 at the second mention, the first named", async () => {
  await withOrder(MULTI_LINE("englacial"), async (root, line) => {
    const r = await tfsync(root, ["matrix"]);
    assert.deepEqual([r.code, r.stderr], [
      2,
      `tfsync matrix: tfsync.hcl:${line}: "promotion_order" names "englacial" twice; ` +
      `first at tfsync.hcl:${line - 1}\n`,
    ]);
    // check's finding names the first place relative to the root too.
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 1);
    assert.equal(
      check.stdout.split("\n")[0],
      `tfsync.hcl:${line}: error: "promotion_order" names "englacial" twice; ` +
        `first at tfsync.hcl:${line - 1} [config]`,
    );
  });
});

Deno.test("promotion_order orders the matrix's columns (text and JSON)", async () => {
  // Found in name order: dev, englacial, prod.
  await withOrder('promotion_order = ["prod", "englacial"]\n', async (root) => {
    const json = await tfsync(root, ["matrix", "--json"]);
    assert.deepEqual(JSON.parse(json.stdout).environments, ["prod", "englacial", "dev"]);
    const text = await tfsync(root, ["matrix"]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout.split("\n")[0], /^GROUP +VARIABLE +SHARED +prod +englacial +dev$/);
  });
});

Deno.test("backport along promotion_order is refused: exit 2, the promote to run named, nothing written", async () => {
  await withOrder('promotion_order = ["englacial", "prod", "dev"]\n', async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, ["backport", "--from", "englacial", "--to", "dev", "-y"]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [
      2,
      "",
      "tfsync backport: backport goes against promotion_order (englacial → prod → dev), but " +
      "englacial comes before dev: this is a promotion; promote --from englacial --to dev runs it\n",
    ]);
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    // Against the order it runs.
    const back = await tfsync(root, ["backport", "--from", "prod", "--to", "englacial", "-y"]);
    assert.equal(back.code, 0, back.stderr);
    assert.match(
      await Deno.readTextFile(join(root, "environments/englacial/terraform.tfvars")),
      /^# Last synced: \d{4}-\d\d-\d\d from: prod /m,
    );
  });
});
