import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../config/config.ts";
import { buildMatrix, matrixJson } from "./matrix.ts";
import { renderMatrixMarkdown, renderMatrixText } from "../../render/matrix.ts";
import { loadSnapshot } from "../repo/snapshot.ts";

const EXAMPLE = fileURLToPath(new URL("../../fixtures/example", import.meta.url));
const NO_SHARED = fileURLToPath(
  new URL("../../tests/testdata/check/no-shared/input", import.meta.url),
);

async function matrixOf(root: string, groups?: string[]) {
  const snapshot = await loadSnapshot(await loadConfig(root));
  return buildMatrix(snapshot, groups);
}

Deno.test("buildMatrix() marks the cells that differ from the shared file", async () => {
  const m = await matrixOf(EXAMPLE);
  assert.deepEqual(m.environments, ["dev", "englacial", "prod"]);
  const marked = m.rows.flatMap((r) =>
    r.cells.flatMap((c, i) => (c.differs ? [`${m.environments[i]}/${r.variable}`] : []))
  );
  assert.deepEqual(marked, [
    "englacial/singleuser_image_tag",
    "prod/singleuser_image_tag",
    "dev/dask_worker_cores_max",
    "dev/dask_worker_memory_max",
    "prod/dask_worker_memory_max",
    "dev/dask_cluster_max_cores",
    "prod/dask_cluster_max_cores",
    "dev/kernel_cull_timeout",
    "dev/server_cull_timeout",
    "dev/enable_profile_selection",
    "dev/enable_lambda_invoke",
    "prod/enable_lambda_invoke",
    "dev/github_enabled",
  ]);
});

Deno.test("renderMatrixText() aligns columns, shows defaults in parentheses and marks with *", async () => {
  const text = renderMatrixText(await matrixOf(EXAMPLE, ["dask", "timeouts"]));
  assert.equal(
    text,
    [
      "GROUP     VARIABLE                SHARED  dev    englacial  prod",
      "dask      dask_worker_cores_max   1       (4)*   1          1",
      "dask      dask_worker_memory_max  3       (16)*  3          4*",
      "dask      dask_cluster_max_cores  200     (20)*  200        40*",
      "timeouts  kernel_cull_timeout     1200    600*   1200       1200",
      "timeouts  server_cull_timeout     (3600)  1800*  (3600)     3600",
      "",
      "* differs from the shared file (environments/shared-features.tfvars); (value): not set, the variables.tf default; -: no value",
      "",
    ].join("\n"),
  );
  const colored = renderMatrixText(await matrixOf(EXAMPLE, ["dask"]), true);
  assert.ok(colored.includes("\x1b[33m(4)* \x1b[0m  1"), colored);
});

Deno.test("buildMatrix() without a shared file compares with the most common value", async () => {
  const m = await matrixOf(NO_SHARED);
  assert.equal(m.sharedFile, undefined);
  const text = renderMatrixText(m);
  assert.ok(text.startsWith("GROUP   VARIABLE  dev    production  staging\n"));
  assert.ok(text.includes('images  tag       "2.0"  "1.0"*      "2.0"\n'));
  assert.ok(text.includes("dask    cores     2*     (4)         (4)\n"));
  assert.match(text, /differs from the value most environments have/);
});

Deno.test("buildMatrix() rejects an unknown group, naming the known ones", async () => {
  await assert.rejects(
    () => matrixOf(EXAMPLE, ["dask", "gpu"]),
    /Unknown group "gpu": the groups are images, dask, timeouts, features/,
  );
});

Deno.test("renderMatrixMarkdown() and matrixJson() carry the same marks", async () => {
  const m = await matrixOf(EXAMPLE, ["images"]);
  const md = renderMatrixMarkdown(m);
  assert.ok(
    md.startsWith(
      "| Group | Variable | Shared | dev | englacial | prod |\n|---|---|---|---|---|---|\n",
    ),
  );
  assert.ok(
    md.includes(
      '| images | `singleuser_image_tag` | "2025.11.30" | "2025.11.30" | **"2025.12.18"** \\* | **"2025.06.02"** \\* |',
    ),
  );
  const json = JSON.parse(matrixJson(m));
  assert.deepEqual(json.rows[1].cells.prod, {
    layer: "environment",
    value: "2025.06.02",
    file: "environments/prod/terraform.tfvars",
    line: 108,
    differs: true,
  });
  assert.equal(json.rows[1].shared.value, "2025.11.30");
});
