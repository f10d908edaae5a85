// What using tfsync on the corpus repositories showed, each as the command a user ran and what it
// should print (the repository copied to a temporary folder, never into the project).
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, tfsync, withCopy } from "./_cli.ts";

const DANDI = join(CORPUS, "dandi__dandi-hub");

Deno.test("promote names the synced variables no variable block declares apart from defaults", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, ["init"])).code, 0);
    const args = ["promote", "--from", "dandi-staging", "--to", "dandi", "--dry-run"];
    // The built-in groups name variables dandi's module never declares: there is no default.
    const undeclared = "singleuser_image_name, dask_worker_cores_max, dask_worker_memory_max, " +
      "dask_cluster_max_cores, kernel_cull_timeout, server_cull_timeout, enable_profile_selection, " +
      "use_three_node_groups, enable_lambda_invoke, github_enabled";
    const text = await tfsync(root, args);
    assert.equal(text.code, 0, text.stderr);
    assert.deepEqual(text.stdout.split("\n").filter((l) => l.startsWith("Not set")), [
      `Not set in dandi-staging and declared in no variable block: ${undeclared}`,
    ]);
    const md = await tfsync(root, [...args, "--format", "markdown"]);
    assert.equal(md.code, 0, md.stderr);
    const code = undeclared.split(", ").map((n) => `\`${n}\``).join(", ");
    assert.deepEqual(md.stdout.split("\n").filter((l) => l.includes("Not set")), [
      `- Not set in \`dandi-staging\` and declared in no variable block: ${code}`,
    ]);
  }, DANDI);
});
