// A CI-sized run of `deno task fuzz` (tools/fuzz.ts) with a fixed seed: generated and mutated
// corpus files read by tfsync, hcl2json and terraform, with no disagreement.
import assert from "node:assert/strict";
import { fuzz } from "../tools/fuzz.ts";
import { noTerraform } from "./_terraform.ts";

Deno.test({
  name: "fuzz: 80 generated and mutated corpus files, tfsync agrees with hcl2json and terraform",
  ignore: noTerraform !== undefined,
  async fn() {
    const report = await fuzz(80, 20_260_105);
    assert.deepEqual(report.disagreements, []);
    assert.equal(report.cases, 80);
    assert.ok(report.values > 200, `only ${report.values} values`);
  },
});
