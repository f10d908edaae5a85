import assert from "node:assert/strict";
import { documentFingerprint } from "./fingerprint.ts";
import { parseConfig } from "../config/config.ts";
import { parse } from "../hcl/document.ts";
import { ConfigError, VerificationError } from "../errors.ts";
import { emptyModule, type ModuleVars, parseVariables } from "../terraform/module.ts";
import type { TfvarsFile } from "../repo/repo.ts";
import { planShared } from "./shared_file.ts";
import { insertionEdits, type Layout } from "./sync_insert.ts";
import { applyEdits } from "../hcl/edit.ts";
import { type FilePlan, planTarget } from "./sync_plan.ts";
import { verifyPlans } from "../write/transaction.ts";
import { planPromote } from "./sync.ts";
import { loadContext } from "../repo/pair.ts";
import { selectVariables } from "./select.ts";

const CONFIG = parseConfig(
  `group "a" {
  description = "Group A"
  variables   = ["a1", "a2", "a3"]
}
group "b" {
  description = "Group B"
  variables   = ["b1", "b2"]
}
group "c" {
  variables = ["c1"]
}
environment_specific = ["env"]
`,
  "tfsync.hcl",
  "/repo",
);

function moduleWith(tf = ""): ModuleVars {
  const m = emptyModule();
  for (const v of parseVariables(tf, "variables.tf")) m.variables.set(v.name, v);
  return m;
}

const file = (text: string, path = "t.tfvars"): TfvarsFile => ({
  path,
  text,
  doc: parse(text, path, { tfvars: true }),
});

const BANNER =
  "# ====\n# SYNCED FEATURES (from shared.tfvars)\n# Last synced: 2025-01-01 from: x\n# ====\n";
const SECTION: Layout = {
  groups: CONFIG.groups,
  style: "section",
  banner: ["# ====", "# SYNCED FEATURES", "# Last synced: D from: S", "# ===="],
};

Deno.test("insertionEdits() places new variables by their group's neighbours", async (t) => {
  const cases: Array<[string, string, Array<[string, string, string?]>, string]> = [
    [
      "after the closest earlier member, realigned",
      BANNER + "\n# A\na1 = 1\na3 = 3\n",
      [["a2", "22"]],
      BANNER + "\n# A\na1 = 1\na2 = 22\na3 = 3\n",
    ],
    [
      "before the first member, below its heading",
      BANNER + "\n# A\na3   = 3 # three\nenv2 = 0\n",
      [["a1", '"x"', "# one"]],
      BANNER + '\n# A\na1   = "x" # one\na3   = 3   # three\nenv2 = 0\n',
    ],
    [
      "above a member's own comment",
      BANNER + "\n# A\nzz = 0\n# about a3\na3 = 3\n",
      [["a1", "1"]],
      BANNER + "\n# A\nzz = 0\na1 = 1\n# about a3\na3 = 3\n",
    ],
    [
      "a new group block between the groups around it",
      BANNER + "\n# A\na1 = 1\n// a2: default\n\n# C\nc1 = 1\n",
      [["b2", "[\n  1, # one\n]"], ["b1", "true"]],
      BANNER +
      "\n# A\na1 = 1\n// a2: default\n\n# Group B\nb1 = true\nb2 = [\n  1, # one\n]\n\n# C\nc1 = 1\n",
    ],
    [
      "a new group block before the first group",
      BANNER + "\n# B\nb1 = 1\n",
      [["a1", "1"]],
      BANNER + "\n# Group A\na1 = 1\n\n# B\nb1 = 1\n",
    ],
    [
      "only inside the section: a member elsewhere is no neighbour",
      "a1 = 1\n\n" + BANNER + "\n# C\nc1 = 1\n",
      [["a2", "2"]],
      "a1 = 1\n\n" + BANNER + "\n# Group A\na2 = 2\n\n# C\nc1 = 1\n",
    ],
    [
      "a section created at the end, without a final newline before",
      "# the SYNCED FEATURES section is managed by tfsync\nenv = 1",
      [["c1", "1"], ["a1", "1"]],
      "# the SYNCED FEATURES section is managed by tfsync\nenv = 1\n\n# ====\n# SYNCED FEATURES\n# Last synced: D from: S\n# ====\n\n# Group A\na1 = 1\n\n# c\nc1 = 1\n",
    ],
    [
      "CRLF line endings for every new line",
      BANNER.replaceAll("\n", "\r\n") + "\r\n# A\r\na1 = 1\r\n",
      [["a2", "[\n  2,\n]"]],
      BANNER.replaceAll("\n", "\r\n") + "\r\n# A\r\na1 = 1\r\na2 = [\r\n  2,\r\n]\r\n",
    ],
  ];
  for (const [name, text, attrs, want] of cases) {
    await t.step(name, () => {
      const doc = parse(text, "t.tfvars", { tfvars: true });
      const got = applyEdits(
        doc,
        insertionEdits(
          doc,
          attrs.map(([n, value, comment]) => ({ name: n, value, comment })),
          SECTION,
        ),
      );
      assert.equal(got, want);
    });
  }
});

/** `want` with its "Last synced: … from: test" line carrying the fingerprint of its own values. */
function stamped(want: string): string {
  const fp = documentFingerprint(parse(want, "t.tfvars", { tfvars: true }), CONFIG, emptyModule());
  return want.replace(/(Last synced: .* from: test)$/m, `$1 [values ${fp}]`);
}

Deno.test("planTarget() copies values whole and keeps everything else", async (t) => {
  const module = moduleWith('variable "a2" {\n  default = 20\n}\n');
  const plan = (source: string, target: string, prune = false) =>
    planTarget({
      config: CONFIG,
      module,
      names: CONFIG.syncable,
      source: file(source, "shared.tfvars"),
      target: file(target),
      prune,
      date: "2026-01-05",
      from: "test",
    });
  const cases: Array<[string, string, string, string]> = [
    [
      "a multi-line value with inner comments, and |, & and \\",
      'a1 = [\n  "x|y", # first\n  "a & b\\\\c",\n]\n',
      BANNER + 'a1 = ["old"] # kept: the source has none\n',
      stamped(
        BANNER.replace("2025-01-01 from: x", "2026-01-05 from: test") +
          'a1 = [\n  "x|y", # first\n  "a & b\\\\c",\n] # kept: the source has none\n',
      ),
    ],
    [
      "the source's trailing comment replaces the target's",
      "a1 = 2 # new\n",
      "a1 = 1 # old\n\nenv = 1\n",
      "a1 = 2 # new\n\nenv = 1\n",
    ],
    [
      "semantically equal values are not touched",
      'a1 = ["a", "b"]\na3 = 1.0\n',
      'a1 = [ "a",\n  "b", ] # same\na3 = 1\n',
      'a1 = [ "a",\n  "b", ] # same\na3 = 1\n',
    ],
    [
      "a source set to the default is mirrored into a target that leaves it unset",
      "a1 = 1\na2 = 20\n",
      BANNER + "a1 = 1\n",
      stamped(
        BANNER.replace("2025-01-01 from: x", "2026-01-05 from: test") + "a1 = 1\na2 = 20\n",
      ),
    ],
    [
      "a heredoc replacing a value drops the comment it cannot carry",
      "b1 = <<-EOT\n  text\n  EOT\n",
      "b1 = 1 # old\n",
      "b1 = <<-EOT\n  text\n  EOT\n",
    ],
  ];
  for (const [name, source, target, want] of cases) {
    await t.step(name, async () => {
      const { plan: p } = plan(source, target);
      assert.equal(p.after, want);
      await verifyPlans([p]);
    });
  }
  await t.step("target-only variables are listed, and removed with prune", () => {
    const kept = plan("a1 = 1\n", BANNER + "a1 = 1\nb1 = 2 # mine\n");
    assert.deepEqual(kept.targetOnly.map((x) => x.name), ["b1"]);
    assert.equal(kept.plan.after, kept.plan.before);
    const pruned = plan("a1 = 1\n", BANNER + "a1 = 1\nb1 = 2 # mine\n", true);
    assert.equal(
      pruned.plan.after,
      stamped(BANNER.replace("2025-01-01 from: x", "2026-01-05 from: test") + "a1 = 1\n"),
    );
  });
});

Deno.test("planShared() edits an existing shared file in place, or writes the design's layout", () => {
  const source = file("env = 1\na1 = 5 # five\nb1 = 3\nb2 = true\n", "env.tfvars");
  const shared = file(
    "# Shared\n# Extracted from: old\n# Date: 2025-01-01\n\n# A\na1 = 1 # one\na2 = 2\n\n# B\nb1 = 3\n",
    "shared.tfvars",
  );
  const edited = planShared({
    config: CONFIG,
    module: emptyModule(),
    env: "new",
    source,
    shared,
    path: "shared.tfvars",
    file: "shared.tfvars",
    date: "2026-01-05",
  });
  assert.equal(
    edited.plan.after,
    "# Shared\n# Extracted from: new\n# Date: 2026-01-05\n\n# A\na1 = 5 # five\n\n# B\nb1 = 3\nb2 = true\n",
  );
  assert.deepEqual(edited.notInSource, ["a2", "a3", "c1"]);
  const created = planShared({
    config: CONFIG,
    module: emptyModule(),
    env: "new",
    source,
    shared: undefined,
    path: "shared.tfvars",
    file: "shared.tfvars",
    date: "2026-01-05",
  });
  const rule = "# " + "=".repeat(77);
  assert.equal(
    created.plan.after,
    `# Shared Features Configuration\n# These settings sync across all environments\n# Extracted from: new\n# Date: 2026-01-05\n\n${rule}\n# Group A\n${rule}\na1 = 5 # five\n\n${rule}\n# Group B\n${rule}\nb1 = 3\nb2 = true\n`,
  );
  const again = planShared({
    config: CONFIG,
    module: emptyModule(),
    env: "other",
    source: file("a1 = 5.0\nb1 = 3\nb2 = true\n"),
    shared: file(edited.plan.after, "shared.tfvars"),
    path: "shared.tfvars",
    file: "shared.tfvars",
    date: "2027-01-01",
  });
  assert.equal(again.plan.after, again.plan.before, "equal values: not even the Date line changes");
});

Deno.test("planShared() judges 'nothing to change' after conversion to the declared type", () => {
  const shared = file(
    '# Shared\n# Extracted from: env\n# Date: 2025-01-01\n\nb2 = "true"\n',
    "s.tfvars",
  );
  const o = {
    config: CONFIG,
    env: "env",
    source: file("b2 = true\n", "env.tfvars"),
    shared,
    path: "s.tfvars",
    file: "s.tfvars",
    date: "2026-01-05",
    names: ["b2"],
  };
  // As a bool, "true" and true are the same value; as `any` (no conversion) they differ.
  const typed = planShared({ ...o, module: moduleWith('variable "b2" { type = bool }') });
  assert.equal(typed.plan.after, typed.plan.before);
  const untyped = planShared({ ...o, module: moduleWith('variable "b2" { type = any }') });
  assert.match(untyped.plan.after, /^b2 = true$/m);
});

Deno.test("selectVariables() names the known groups and variables on a mistake", () => {
  const ctx = {
    config: CONFIG,
    module: moduleWith('variable "free" {}\n'),
    name: (p: string) => p,
  };
  assert.deepEqual(selectVariables(ctx, ["b", "a"], []), {
    names: ["a1", "a2", "a3", "b1", "b2"],
    label: "groups b, a",
    groups: ["b", "a"],
  });
  assert.deepEqual(selectVariables(ctx, [], ["b2", "a1"]), {
    names: ["a1", "b2"],
    label: "vars b2, a1",
  });
  assert.throws(() => selectVariables(ctx, ["x"], []), {
    message: 'Unknown group "x": the groups are a, b, c',
  });
  assert.throws(() => selectVariables(ctx, [], ["env"]), ConfigError);
  assert.throws(() => selectVariables(ctx, [], ["free"]), /is unclassified and never synced/);
  assert.throws(() => selectVariables(ctx, [], ["nope"]), {
    message: 'Unknown variable "nope": the syncable variables are a1, a2, a3, b1, b2, c1',
  });
});

Deno.test("verifyPlans() rejects an edit that does not read back as intended", async () => {
  const before = file("a1 = 1\n");
  const p: FilePlan = {
    path: "t",
    file: "t",
    role: "target",
    exists: true,
    before: before.text,
    after: "a1 = 3\n",
    beforeDoc: before.doc,
    afterDoc: file("a1 = 3\n").doc,
    intent: new Map([["a1", parse("a1 = 2\n").get("a1")!.value]]),
    changes: [],
  };
  await assert.rejects(verifyPlans([p]), VerificationError);
});

Deno.test("planPromote() on the example judges conflicts against the shared file before extract", async () => {
  const root = new URL("../../fixtures/example", import.meta.url).pathname;
  const ctx = await loadContext(root);
  const plan = await planPromote(ctx, "promote", "englacial", "prod", "2026-01-05", false);
  assert.deepEqual(plan.conflicts.map((c) => [c.name, c.record.line]), [
    ["singleuser_image_tag", 12],
    ["dask_worker_memory_max", 18],
    ["dask_cluster_max_cores", 19],
    ["enable_lambda_invoke", 32],
  ]);
  assert.deepEqual(plan.files.map((f) => f.changes.map((c) => c.name)), [
    ["singleuser_image_tag"],
    [
      "singleuser_image_tag",
      "dask_worker_memory_max",
      "dask_cluster_max_cores",
      "enable_lambda_invoke",
    ],
  ]);
  await verifyPlans(plan.files);
});
