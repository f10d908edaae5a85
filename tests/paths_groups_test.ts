// Paths in two groups (issue 11): `sync --group` syncs only the paths its group names; matrix has
// one row a synced path, by group, and none for an environment's own keys; explain of a path, and
// of a variable whose keys are classified apart.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, REPO, snapshotTree, tempCopy, tfsync } from "./_cli.ts";

const FIXTURE = join(REPO, "examples", "nested-values");
const DEV = "environments/dev/terraform.tfvars";
const STAGING = "environments/staging/terraform.tfvars";
const SHARED = "environments/shared-features.tfvars";

/** Replaces text in a file of the copy, each `[from, to]` once (`from` must be there). */
async function edit(root: string, file: string, ...pairs: Array<[string, string]>): Promise<void> {
  let text = await Deno.readTextFile(join(root, file));
  for (const [from, to] of pairs) {
    assert.ok(text.includes(from), `${file}: ${from}`);
    text = text.replaceAll(from, to);
  }
  await Deno.writeTextFile(join(root, file), text);
}

/** The example with a second group syncing the node groups' sizes, in a temporary copy. */
async function withExample(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await tempCopy(FIXTURE);
  try {
    await edit(root, "tfsync.hcl", [
      "environment_specific",
      'group "capacity" {\n  description = "Node group sizes"\n  variables   = ["node_groups.*.min_size"]\n}\n\nenvironment_specific',
    ]);
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function ok(root: string, args: string[]): Promise<string> {
  const r = await tfsync(root, args);
  assert.deepEqual([r.code, r.stderr], [0, ""], args.join(" "));
  return r.stdout;
}

const LEGEND_NO_SHARED =
  "* differs from the value most environments have (there is no shared file); (value): not set, the variables.tf default; -: no value";

Deno.test("matrix has one row a synced path, by group, and none for environment-specific keys", async () => {
  await withExample(async (root) => {
    assert.equal(
      await ok(root, ["matrix"]),
      [
        // Two environments that differ: neither value is the one most environments have.
        "GROUP          VARIABLE                                   dev                 staging",
        "observability  forms_admin_settings.enable_opentelemetry  true*               false*",
        'observability  node_groups.general.ami_version            "1.31.2-20250101"*  "1.30.0-20241201"*',
        'observability  node_groups.gpu.ami_version                "1.31.2-20250101"*  "1.30.0-20241201"*',
        "capacity       node_groups.general.min_size               1*                  3*",
        "",
        LEGEND_NO_SHARED,
        "",
      ].join("\n"),
    );
    assert.equal(
      await ok(root, ["matrix", "--group", "capacity", "--format", "markdown"]),
      [
        "| Group | Variable | dev | staging |",
        "|---|---|---|---|",
        "| capacity | `node_groups.general.min_size` | **1** \\* | **3** \\* |",
        "",
        "\\" + LEGEND_NO_SHARED,
        "",
      ].join("\n"),
    );
    const html = await ok(root, ["matrix", "--group", "capacity", "--format", "html"]);
    assert.equal(
      html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>")),
      [
        "<tbody>",
        '<tr class="summary"><th scope="row">Summary</th><td class="">dev: in line</td><td class="findings">staging: 4 drift</td></tr>',
        '<tr class="group"><th colspan="3">capacity</th></tr>',
        '<tr><th scope="row"><code>node_groups.general.min_size</code></th><td class="v differs" title="1 (environments/dev/terraform.tfvars:10)">1</td><td class="v differs" title="3 (environments/staging/terraform.tfvars:10)">3</td></tr>',
        "",
      ].join("\n"),
    );
    const json = JSON.parse(await ok(root, ["matrix", "--json"]));
    assert.deepEqual(
      json.rows.map((r: { variable: string; path: { string: string }; group: string }) => [
        r.group,
        r.variable,
        r.path.string,
      ]),
      [
        ["observability", "forms_admin_settings", "forms_admin_settings.enable_opentelemetry"],
        ["observability", "node_groups", "node_groups.general.ami_version"],
        ["observability", "node_groups", "node_groups.gpu.ami_version"],
        ["capacity", "node_groups", "node_groups.general.min_size"],
      ],
    );
    assert.deepEqual(json.rows[2].path.steps, ["node_groups", "gpu", "ami_version"]);
    assert.deepEqual(json.rows[2].cells.staging, {
      layer: "environment",
      value: "1.30.0-20241201",
      file: "environments/staging/terraform.tfvars",
      line: 12,
      differs: true,
    });
  });
});

Deno.test("matrix by path compares each path with the shared file's record", async () => {
  await withExample(async (root) => {
    await ok(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    // dev's own domain and a synced key change: only the synced key is marked.
    await edit(root, DEV, ['"dev.publishing', '"dev-2.publishing'], [
      "enable_opentelemetry = true ",
      "enable_opentelemetry = false",
    ]);
    assert.equal(
      await ok(root, ["matrix"]),
      [
        "GROUP          VARIABLE                                   SHARED             dev                staging",
        "observability  forms_admin_settings.enable_opentelemetry  true               false*             true",
        'observability  node_groups.general.ami_version            "1.31.2-20250101"  "1.31.2-20250101"  "1.31.2-20250101"',
        'observability  node_groups.gpu.ami_version                "1.31.2-20250101"  "1.31.2-20250101"  "1.31.2-20250101"',
        "capacity       node_groups.general.min_size               1                  1                  1",
        "",
        "* differs from the shared file (environments/shared-features.tfvars); (value): not set, the variables.tf default; -: no value",
        "",
      ].join("\n"),
    );
  });
});

const DECLARATION = [
  "  variable      variables.tf:11: type map(object({ instance_type = string, ami_version = string, min_size = optional(number, 1) })), default {}",
  "                EKS managed node groups by name: sizes per environment, AMI release promoted",
  "  shared file   none",
  "",
];

Deno.test("explain of a path: its class and group, and its value and line in each environment", async () => {
  await withExample(async (root) => {
    const text = [
      'node_groups.gpu.ami_version: syncable, group "observability" (Features inside objects)',
      "",
      ...DECLARATION,
      "  ENVIRONMENT  VALUE              WINS    FROM",
      '  dev          "1.31.2-20250101"  tfvars  environments/dev/terraform.tfvars:12',
      '  staging      "1.30.0-20241201"  tfvars  environments/staging/terraform.tfvars:12',
      "",
    ].join("\n");
    assert.equal(await ok(root, ["explain", "node_groups.gpu.ami_version"]), text);
    assert.equal(
      await ok(root, ["explain", "node_groups.gpu.ami_version", "--format", "markdown"]),
      "```\n" + text + "```\n",
    );
    assert.equal(
      await ok(root, ["explain", 'node_groups["gpu"].instance_type', "--env", "staging"]),
      [
        "node_groups.gpu.instance_type: environment-specific (never synced)",
        "",
        ...DECLARATION,
        "  ENVIRONMENT  VALUE         WINS    FROM",
        '  staging      "g5.2xlarge"  tfvars  environments/staging/terraform.tfvars:12',
        "",
      ].join("\n"),
    );
    assert.deepEqual(
      JSON.parse(await ok(root, ["explain", "node_groups.general.min_size", "--json"])),
      {
        format_version: 1,
        variable: "node_groups",
        path: {
          steps: ["node_groups", "general", "min_size"],
          string: "node_groups.general.min_size",
        },
        class: "syncable",
        group: "capacity",
        group_description: "Node group sizes",
        sensitive: false,
        declaration: {
          file: "variables.tf",
          line: 11,
          type:
            "map(object({ instance_type = string, ami_version = string, min_size = optional(number, 1) }))",
          required: false,
          default: {},
          description:
            "EKS managed node groups by name: sizes per environment, AMI release promoted",
        },
        shared: null,
        environments: [
          {
            name: "dev",
            layer: "environment",
            value: 1,
            file: "environments/dev/terraform.tfvars",
            line: 10,
          },
          {
            name: "staging",
            layer: "environment",
            value: 3,
            file: "environments/staging/terraform.tfvars",
            line: 10,
          },
        ],
      },
    );
  });
});

Deno.test("explain of a variable whose keys are classified apart lists each path's class", async () => {
  await withExample(async (root) => {
    assert.equal(
      await ok(root, ["explain", "node_groups.general"]),
      [
        "node_groups.general: by path: 2 of the 3 paths inside it sync",
        "",
        ...DECLARATION,
        "  PATH                               CLASS",
        "  node_groups.general.instance_type  environment-specific (never synced)",
        '  node_groups.general.ami_version    syncable, group "observability" (Features inside objects)',
        '  node_groups.general.min_size       syncable, group "capacity" (Node group sizes)',
        "",
        "  ENVIRONMENT  VALUE                                               WINS    FROM",
        '  dev          { instance_type = "m5.large", ami_version = "1.31…  tfvars  environments/dev/terraform.tfvars:7',
        '  staging      { instance_type = "m5.2xlarge", ami_version = "1.…  tfvars  environments/staging/terraform.tfvars:7',
        "",
      ].join("\n"),
    );
    await ok(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    await edit(root, DEV, ['"dev.publishing', '"dev-2.publishing']);
    const json = JSON.parse(await ok(root, ["explain", "forms_admin_settings", "--json"]));
    assert.deepEqual([json.class, json.group, json.path], [
      "environment_specific",
      null,
      undefined,
    ]);
    assert.deepEqual(json.paths, [
      {
        path: {
          steps: ["forms_admin_settings", "enable_opentelemetry"],
          string: "forms_admin_settings.enable_opentelemetry",
        },
        class: "syncable",
        group: "observability",
      },
      {
        path: {
          steps: ["forms_admin_settings", "govuk_app_domain"],
          string: "forms_admin_settings.govuk_app_domain",
        },
        class: "environment_specific",
        group: null,
      },
    ]);
    // dev's own domain differs from staging's, not from the shared file: the synced part agrees.
    assert.deepEqual(
      json.environments.map((e: { differs_from_shared: boolean }) => e.differs_from_shared),
      [false, false],
    );
    assert.deepEqual(json.shared, {
      file: "environments/shared-features.tfvars",
      set: true,
      line: 9,
      value: { enable_opentelemetry: true },
    });
  });
});

Deno.test('explain names one path: a "*" or a bad path is exit 2', async () => {
  await withExample(async (root) => {
    const cases: Array<[string, string]> = [
      [
        "node_groups.*.ami_version",
        'tfsync explain: "node_groups.*.ami_version": explain one path at a time: name a key instead of "*"\n',
      ],
      [
        "node_groups[0]",
        'tfsync explain: "node_groups[0]": lists are addressed whole (no index steps)\n',
      ],
    ];
    for (const [path, stderr] of cases) {
      const r = await tfsync(root, ["explain", path]);
      assert.deepEqual([r.code, r.stdout, r.stderr], [2, "", stderr], path);
    }
  });
});

Deno.test("sync --group syncs only the paths of that group, and a second run writes nothing", async () => {
  await withExample(async (root) => {
    const staging = await Deno.readTextFile(join(root, STAGING));
    const before = await snapshotTree(root);
    const sync = (group: string) =>
      tfsync(root, ["sync", "--from", "dev", "--to", "staging", "--group", group, "-y"]);
    const first = await sync("observability");
    assert.equal(first.code, 0, first.stderr);
    const after = await snapshotTree(root);
    const run = [".tfsync-last-run.json", STAGING, STAGING + ".bak"];
    assert.deepEqual(changedPaths(before, after), run);
    assert.equal(await Deno.readTextFile(join(root, STAGING + ".bak")), staging);
    // Not min_size (group capacity), nor any environment-specific key.
    const observed = staging
      .replace("enable_opentelemetry = false  ", "enable_opentelemetry = true   ")
      .replaceAll('"1.30.0-20241201"', '"1.31.2-20250101"');
    assert.equal(await Deno.readTextFile(join(root, STAGING)), observed);
    const again = await sync("observability");
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change\./);
    assert.deepEqual(await snapshotTree(root), after);

    assert.equal((await sync("capacity")).code, 0);
    assert.equal(
      await Deno.readTextFile(join(root, STAGING)),
      observed.replace("min_size      = 3", "min_size      = 1"),
    );
  });
});

Deno.test("sync --group with a shared file records that group's paths and keeps the others", async () => {
  await withExample(async (root) => {
    await ok(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    const shared = await Deno.readTextFile(join(root, SHARED));
    const staging = await Deno.readTextFile(join(root, STAGING));
    await edit(
      root,
      DEV,
      ["enable_opentelemetry = true ", "enable_opentelemetry = false"],
      ["min_size      = 1", "min_size      = 2"],
      ["1.31.2-20250101", "1.32.0-20250301"],
    );
    const before = await snapshotTree(root);
    await ok(root, ["sync", "--from", "dev", "--to", "staging", "--group", "capacity", "-y"]);
    const after = await snapshotTree(root);
    assert.deepEqual(changedPaths(before, after), [
      ".tfsync-last-run.json",
      ".tfsync-previous-record.json",
      SHARED,
      SHARED + ".bak",
      STAGING,
      STAGING + ".bak",
    ]);
    assert.equal(
      await Deno.readTextFile(join(root, SHARED)),
      shared.replace("min_size    = 1", "min_size    = 2"),
    );
    assert.equal(
      await Deno.readTextFile(join(root, STAGING)),
      staging.replace("min_size      = 1", "min_size      = 2"),
    );
    await ok(root, ["sync", "--from", "dev", "--to", "staging", "--group", "capacity", "-y"]);
    assert.deepEqual(await snapshotTree(root), after);
  });
});

Deno.test("diff speaks of paths: synced paths apart from the environment's own keys, one a line", async () => {
  await withExample(async (root) => {
    assert.equal(
      await ok(root, ["diff", "--from", "dev", "--to", "staging"]),
      [
        "Comparing dev → staging",
        "",
        "=== SYNCABLE FEATURES ===",
        "forms_admin_settings.enable_opentelemetry",
        "  dev:     true",
        "  staging: false",
        "node_groups.general.ami_version",
        '  dev:     "1.31.2-20250101"',
        '  staging: "1.30.0-20241201"',
        "node_groups.general.min_size",
        "  dev:     1",
        "  staging: 3",
        "node_groups.gpu.ami_version",
        '  dev:     "1.31.2-20250101"',
        '  staging: "1.30.0-20241201"',
        "",
        "=== ENVIRONMENT-SPECIFIC (not synced) ===",
        'forms_admin_settings.govuk_app_domain: "dev.publishing.service.gov.uk" → "staging.publishing.service.gov.uk"',
        'node_groups.general.instance_type: "m5.large" → "m5.2xlarge"',
        'node_groups.gpu.instance_type: "g5.xlarge" → "g5.2xlarge"',
        "",
        "=== UNCLASSIFIED ===",
        "(no differences)",
        "",
      ].join("\n"),
    );
    // node_groups synced whole: its keys that differ, one a line.
    await edit(root, "tfsync.hcl", ['variables   = ["node_groups.*.min_size"]', "variables = []"], [
      '"node_groups.*.ami_version"',
      '"node_groups"',
    ], [
      'environment_specific = ["forms_admin_settings", "node_groups"]',
      'environment_specific = ["forms_admin_settings"]',
    ]);
    const diff = await ok(root, ["diff", "--from", "dev", "--to", "staging"]);
    assert.equal(
      diff.slice(diff.indexOf("node_groups\n"), diff.indexOf("\n\n=== ENV")),
      [
        "node_groups",
        '  node_groups.general.instance_type: "m5.large" → "m5.2xlarge"',
        '  node_groups.general.ami_version: "1.31.2-20250101" → "1.30.0-20241201"',
        "  node_groups.general.min_size: 1 → 3",
        '  node_groups.gpu.instance_type: "g5.xlarge" → "g5.2xlarge"',
        '  node_groups.gpu.ami_version: "1.31.2-20250101" → "1.30.0-20241201"',
      ].join("\n"),
    );
  });
});

Deno.test("sync --group keeps the record's other paths when the source has a key the record lacks", async () => {
  await withExample(async (root) => {
    await ok(root, ["promote", "--from", "dev", "--to", "staging", "-y"]);
    const shared = await Deno.readTextFile(join(root, SHARED));
    // dev gains a node group (staging has none of that name) and a new AMI release.
    await edit(root, DEV, [
      "  gpu = {",
      '  arm = { instance_type = "c7g.large", ami_version = "1.31.2-20250101", min_size = 2 }\n  gpu = {',
    ], ["1.31.2-20250101", "1.32.0-20250301"]);
    const r = await tfsync(root, [
      "sync",
      "--from",
      "dev",
      "--to",
      "staging",
      "--group",
      "observability",
      "-y",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /node_groups\.arm\.ami_version: node_groups\.arm is not set in environments\/staging\/terraform\.tfvars/,
    );
    // capacity's min_size stays recorded; arm, which staging cannot take, is not recorded.
    assert.equal(
      await Deno.readTextFile(join(root, SHARED)),
      shared.replaceAll("1.31.2-20250101", "1.32.0-20250301"),
    );
  });
});
