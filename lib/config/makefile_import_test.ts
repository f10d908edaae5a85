import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { DEFAULT_ENVIRONMENT_SPECIFIC, DEFAULT_GROUPS, DEFAULT_SETTINGS } from "./config.ts";
import { importedSettings, parseMakefile } from "./makefile_import.ts";

const DESIGN = fileURLToPath(new URL("../../tests/testdata/check/design.mk", import.meta.url));

Deno.test("parseMakefile() reads the design document's Makefile", async () => {
  const imp = parseMakefile(await Deno.readTextFile(DESIGN), "design.mk");
  assert.deepEqual(imp.syncable, DEFAULT_GROUPS.flatMap((g) => g.variables));
  assert.deepEqual(imp.environmentSpecific, DEFAULT_ENVIRONMENT_SPECIFIC);
  assert.deepEqual(
    imp.groups.map((g) => [g.name, g.description, g.variables]),
    [
      ["images", "Container image settings", ["singleuser_image_name", "singleuser_image_tag"]],
      ["dask", "Dask configuration", [
        "dask_worker_cores_max",
        "dask_worker_memory_max",
        "dask_cluster_max_cores",
      ]],
      ["timeouts", "Timeout settings", ["kernel_cull_timeout", "server_cull_timeout"]],
    ],
  );
  assert.equal(imp.sharedFile, "environments/shared-features.tfvars");
  assert.equal(imp.environmentsDir, "environments");
  assert.equal(imp.tfvarsFile, "terraform.tfvars");
  assert.deepEqual(imp.warnings, []);
});

Deno.test("importedSettings() puts the design's leftover syncable variables in one group", async () => {
  const imp = parseMakefile(await Deno.readTextFile(DESIGN), "design.mk");
  const { settings, warnings } = importedSettings(imp, DEFAULT_SETTINGS);
  assert.deepEqual(settings.groups.map((g) => g.name), ["images", "dask", "timeouts", "features"]);
  assert.deepEqual(settings.groups[3].variables, DEFAULT_GROUPS[3].variables);
  assert.deepEqual(settings.environmentSpecific, DEFAULT_ENVIRONMENT_SPECIFIC);
  assert.deepEqual(warnings, []);
});

// Table: Makefile text → what is imported.
const CASES: Array<[string, string, { syncable?: string[]; env?: string[]; groups?: string[][] }]> =
  [
    [
      "continuations, tabs and comments",
      "SYNCABLE_VARS := a \\\n\t\tb \\\n    c # not d\nENV_SPECIFIC_VARS = x\\\ny\n",
      { syncable: ["a", "b", "c"], env: ["x", "y"] },
    ],
    [
      "CRLF line endings",
      "SYNCABLE_VARS := a \\\r\n  b\r\nENV_SPECIFIC_VARS := e\r\n",
      { syncable: ["a", "b"], env: ["e"] },
    ],
    [
      "+= appends, ?= keeps the first value, references expand",
      "IMG := i1 i2\nSYNCABLE_VARS := $(IMG)\nSYNCABLE_VARS += t\nSYNCABLE_VARS ?= z\n",
      { syncable: ["i1", "i2", "t"], env: [] },
    ],
    [
      "a group from a loop over a variable; whole-list loops and sync-% are not groups",
      [
        "SYNCABLE_VARS := a b c",
        "NET := a",
        "sync-features-to:",
        "\t@for var in $(SYNCABLE_VARS); do echo $$var; done",
        "sync-net: ## Sync only the network flags",
        "\t@for v in $(NET) b; do \\",
        "\t  echo $$v; \\",
        "\tdone",
        "sync-%:",
        "\t@for var in c; do echo; done",
        "",
      ].join("\n"),
      { syncable: ["a", "b", "c"], groups: [["net", "The network flags", "a", "b"]] },
    ],
  ];

for (const [behaviour, text, want] of CASES) {
  Deno.test(`parseMakefile() handles ${behaviour}`, () => {
    const imp = parseMakefile(text);
    if (want.syncable) assert.deepEqual(imp.syncable, want.syncable);
    if (want.env) assert.deepEqual(imp.environmentSpecific, want.env);
    if (want.groups) {
      assert.deepEqual(imp.groups.map((g) => [g.name, g.description, ...g.variables]), want.groups);
    }
  });
}

Deno.test("parseMakefile() rejects a Makefile without SYNCABLE_VARS", () => {
  assert.throws(
    () => parseMakefile("all:\n\techo hi\n", "old.mk"),
    {
      message: "Cannot import it: it has no SYNCABLE_VARS list (SYNCABLE_VARS := name name …)",
      place: { file: "old.mk" },
    },
  );
  assert.throws(
    () => parseMakefile("SYNCABLE_VARS := a $(shell ls)\n", "old.mk"),
    /SYNCABLE_VARS holds something other than names/,
  );
});

Deno.test("importedSettings() resolves conflicts and says so", () => {
  const imp = parseMakefile([
    "SYNCABLE_VARS := a b",
    "ENV_SPECIFIC_VARS := b e",
    "sync-one:",
    "\tfor var in a extra; do :; done",
    "sync-two:",
    "\tfor var in a b; do :; done",
    "",
  ].join("\n"));
  const { settings, warnings } = importedSettings(imp, DEFAULT_SETTINGS);
  assert.deepEqual(settings.groups.map((g) => [g.name, ...g.variables]), [
    ["one", "a", "extra"],
    ["two", "b"],
  ]);
  assert.deepEqual(settings.environmentSpecific, ["e"]);
  assert.deepEqual(warnings, [
    '"extra" is synced by sync-one but is not in SYNCABLE_VARS: kept as syncable',
    '"a" is synced by sync-one and sync-two: kept in group "one"',
    '"b" is in SYNCABLE_VARS and ENV_SPECIFIC_VARS: kept as syncable',
  ]);
});
