// --prune of the attribute right under the SYNCED FEATURES banner (no blank line between them):
// the banner is a section's heading, not the attribute's own comment, so it stays, and the run's
// "Last synced" edit no longer overlaps the removal (it was an internal error, exit 3).
import assert from "node:assert/strict";
import { join } from "node:path";
import { tfsync, withCopy } from "./_cli.ts";

const PROD = "environments/prod/terraform.tfvars";
const TEST = "environments/englacial/terraform.tfvars";
const RULE = "# =============================================================================";
const NAME = 'singleuser_image_name = "pangeo/pangeo-notebook"\n';

Deno.test("promote --prune of the attribute right under the banner keeps the banner", async () => {
  await withCopy(async (root) => {
    const read = (p: string) => Deno.readTextFile(join(root, p));
    const prod = (await read(PROD)).replace(
      `${RULE}\n\n# Container Images\n${NAME}`,
      `${RULE}\n${NAME}\n`,
    );
    assert.ok(
      prod.includes(`from: englacial\n${RULE}\n${NAME}`),
      "prod has the attribute under the banner",
    );
    await Deno.writeTextFile(join(root, PROD), prod);
    await Deno.writeTextFile(
      join(root, TEST),
      (await read(TEST)).replace(/^singleuser_image_name = .*\n/m, ""),
    );
    const r = await tfsync(root, [
      "promote",
      "--from",
      "englacial",
      "--to",
      "prod",
      "--prune",
      "-y",
      "--date",
      "2026-01-05",
    ]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    const after = await read(PROD);
    const banner =
      /^# SYNCED FEATURES \(from shared-features.tfvars\)\n# Last synced: 2026-01-05 from: englacial \[values [0-9a-f]{8}\]\n# =+\n\nsingleuser_image_tag = /m;
    assert.match(after, banner);
    assert.ok(!after.includes("singleuser_image_name"));
  });
});
