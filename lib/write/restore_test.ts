import assert from "node:assert/strict";
import { join } from "../_path.ts";
import { restoreBackups } from "./restore.ts";
import { inTempDir } from "./_testdir.ts";
import { ConfigError } from "../errors.ts";

const options = (root: string) => ({ root, holder: "test", command: "restore --env prod" });

Deno.test("restoreBackups() writes what was confirmed, and refuses a file that changed since", async () => {
  await inTempDir(async (root) => {
    const file = join(root, "prod.tfvars");
    await Deno.writeTextFile(file, "a = 2\n");
    await Deno.writeTextFile(file + ".bak", "a = 1\n");
    const [preview] = await restoreBackups([file], { ...options(root), dryRun: true });
    assert.match(preview.diff, /^-a = 2\n\+a = 1\n/m);
    // Another run wrote the file after the preview a person answered: nothing is written.
    await Deno.writeTextFile(file, "a = 3\n");
    await assert.rejects(
      restoreBackups([file], { ...options(root), confirmed: [preview.diff] }),
      (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(
          e.message,
          `"${file}" changed while tfsync was running: nothing was written; run the command again`,
        );
        return true;
      },
    );
    assert.equal(await Deno.readTextFile(file), "a = 3\n");
    assert.equal(await Deno.readTextFile(file + ".bak"), "a = 1\n");
    // What is confirmed is written.
    const [now] = await restoreBackups([file], { ...options(root), dryRun: true });
    const [done] = await restoreBackups([file], { ...options(root), confirmed: [now.diff] });
    assert.equal(done.restored, true);
    assert.equal(await Deno.readTextFile(file), "a = 1\n");
    assert.equal(await Deno.readTextFile(file + ".bak"), "a = 3\n");
  });
});
