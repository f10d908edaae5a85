import assert from "node:assert/strict";
import { conflictsText, shorten, WIDTH } from "./conflicts.ts";
import { painter } from "./paint.ts";
import { emptyModule } from "../lib/terraform/module.ts";
import type { SyncPlan } from "../lib/sync/sync.ts";

Deno.test("shorten() keeps a value that fits, else the part around where it differs, with …", () => {
  assert.equal(shorten("short", 0, 10), "short");
  assert.equal(shorten("abcdefghijklmnopqrstuvwxyz", 0, 10), "abcdefghi…");
  assert.equal(shorten("abcdefghijklmnopqrstuvwxyz", 25, 10), "…rstuvwxyz");
  assert.equal(shorten("abcdefghijklmnopqrstuvwxyz", 12, 10), "…klmnopqr…");
});

Deno.test("conflictsText() fits 80 columns with a long name and long values on every side", () => {
  const name = "a_variable_name_that_is_really_quite_long_indeed";
  const long = (x: string) => `registry.example.com/org/team/project/image-${x}-with-a-long-tail`;
  const side = (value: string, line: number) =>
    ({ layer: "environment", value, file: "envs/prod.tfvars", line }) as const;
  const plan = {
    target: "prod",
    record: "envs/shared.tfvars",
    conflicts: [{
      name,
      target: side(long("2025.10-hotfix"), 12),
      record: { ...side(long("2025.11"), 3), layer: "shared", file: "envs/shared.tfvars" },
      incoming: long("2025.12"),
    }],
  } as unknown as SyncPlan;
  const out = conflictsText(plan, emptyModule(), painter(false), "would be");
  assert.equal(
    out,
    "1 conflict: prod differs from the last sync (envs/shared.tfvars), edited since\n" +
      "then; this value would be overwritten (lines of envs/prod.tfvars):\n" +
      "  variable                        prod          line  last sync     new\n" +
      "  a_variable_name_that_is_reall…  …5.10-hotfi…    12  …5.11-with-…  …5.12-with-…\n",
  );
  assert.deepEqual(out.split("\n").filter((l) => l.length > WIDTH), []);
});
