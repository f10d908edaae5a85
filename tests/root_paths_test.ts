// Paths in messages, reports and diff headers are relative to the repository root wherever tfsync
// runs (a subfolder, the parent with -C or --root): a --dry-run patch applies with `git apply`
// from the root, and an error names its file as the root sees it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { needs, run, tempCopy, tfsync, which, withCopy } from "./_cli.ts";

const GIT = which("git");
const PROD = "environments/prod/terraform.tfvars";
const SHARED = "environments/shared-features.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--date", "2026-01-05"];

/** Where tfsync runs and with what, for a repository at `root` (the copy's parent is tmp). */
const places = (root: string, env = "prod"): Array<[string, string, string[]]> => [
  [`from environments/${env}`, join(root, "environments", env), []],
  ["from the root's parent with -C", join(root, ".."), ["-C", root]],
  ["from the root's parent with --root", join(root, ".."), ["--root", root]],
];

/** Runs `args` with `extra` where it belongs: -C before the command, --root after it. */
const withPlace = (extra: string[], args: string[]) =>
  extra[0] === "-C" ? [...extra, ...args] : [...args, ...extra];

needs(
  { git: GIT },
  "a --dry-run patch applies with git apply from the root, wherever tfsync ran",
  async () => {
    // What a real promote writes, to compare the patched files with.
    const written = await tempCopy(join(import.meta.dirname!, "..", "fixtures", "example"));
    try {
      const r = await tfsync(written, [...PROMOTE, "--yes"]);
      assert.equal(r.code, 0, r.stderr);
      for (const i of places(written).keys()) {
        await withCopy(async (root) => {
          const [where, cwd, extra] = places(root)[i];
          const dry = await tfsync(cwd, withPlace(extra, [...PROMOTE, "--dry-run"]));
          assert.equal(dry.code, 0, `${where}: ${dry.stderr}`);
          assert.match(dry.stdout, new RegExp(`^--- a/${PROD}\n\\+\\+\\+ b/${PROD}$`, "m"), where);
          assert.match(dry.stdout, new RegExp(`^--- a/${SHARED}$`, "m"), where);
          const patch = join(root, "..", `${root.split("/").pop()}.patch`);
          await Deno.writeTextFile(patch, dry.stdout);
          try {
            const git = (...args: string[]) => run(GIT!, args, { cwd: root });
            assert.equal((await git("init", "-q")).code, 0);
            const check = await git("apply", "--check", patch);
            assert.equal(check.code, 0, `${where}: ${check.stderr}`);
            assert.equal((await git("apply", patch)).code, 0, where);
          } finally {
            await Deno.remove(patch);
          }
          for (const file of [PROD, SHARED]) {
            assert.equal(
              await Deno.readTextFile(join(root, file)),
              await Deno.readTextFile(join(written, file)),
              `${where}: ${file} as the patch leaves it is what promote writes`,
            );
          }
        });
      }
    } finally {
      await Deno.remove(written, { recursive: true });
    }
  },
);

Deno.test("an error names its file relative to the root, from a subfolder and from outside", async () => {
  await withCopy(async (root) => {
    await Deno.writeTextFile(join(root, PROD), 'region = "us-west-2"\nvpc_cidr = [1,, 2]\n');
    for (const [where, cwd, extra] of places(root)) {
      const r = await tfsync(cwd, withPlace(extra, [...PROMOTE, "--yes"]));
      assert.equal(r.code, 2, where);
      assert.match(
        r.stderr,
        new RegExp(`^tfsync promote: ${PROD}:2:15: Invalid expression`),
        where,
      );
      const json = await tfsync(cwd, withPlace(extra, [...PROMOTE, "--yes", "--format", "json"]));
      const error = JSON.parse(json.stdout).error;
      assert.deepEqual([error.file, error.line, error.column], [PROD, 2, 15], where);
    }
  });
});

Deno.test("from a subfolder, tfsync finds tfsync.hcl in a parent and reports root-relative paths", async () => {
  await withCopy(async (root) => {
    const cwd = join(root, "environments", "prod");
    const check = await tfsync(cwd, ["check", "--format", "json"]);
    const findings = JSON.parse(check.stdout).findings as Array<{ file: string }>;
    assert.ok(findings.length > 0);
    assert.deepEqual(
      [...new Set(findings.map((f) => f.file))].sort(),
      [
        "environments/dev/terraform.tfvars",
        "environments/englacial/terraform.tfvars",
        "environments/prod/terraform.tfvars",
      ],
    );
    const text = await tfsync(cwd, ["check"]);
    // The environments and groups of the root's tfsync.hcl: the root was found from below.
    assert.match(text.stdout, /^3 environments, 11 syncable variables: 4 warnings$/m);
    assert.match(text.stdout, /^environments\/prod\/terraform\.tfvars:103: warning: prod: /m);
    assert.match(text.stdout, /: classify it in tfsync\.hcl \[unclassified\]$/m);
    const dry = await tfsync(cwd, [...PROMOTE, "--dry-run"]);
    assert.match(
      dry.stdout,
      /^environments\/prod\/terraform\.tfvars \(apply to prod\):$/m,
    );
    assert.match(
      dry.stdout,
      /^Unclassified, never synced: hub_banner_message \(set in environments\/englacial\/terraform\.tfvars, environments\/prod\/terraform\.tfvars\)/m,
    );
  });
});

Deno.test("a module at the root is named as the root sees it, from inside and outside", async () => {
  await withCopy(async (root) => {
    for (const [where, cwd, extra] of places(root, "bad")) {
      const r = await tfsync(cwd, withPlace(extra, ["check", "--json"]));
      const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
      assert.deepEqual(
        [...new Set(files)],
        [
          "variables.tf",
          "environments/shared-features.tfvars",
          "environments/bad/terraform.tfvars",
        ],
        where,
      );
    }
  }, join(import.meta.dirname!, "testdata", "check", "types", "input"));
});

/** Applies `patch` with git from the root of a copy of `from`; returns the copy (to remove). */
async function gitApplied(from: string, patch: string): Promise<string> {
  const copy = await tempCopy(from);
  const git = (...args: string[]) => run(GIT!, args, { cwd: copy, stdin: patch });
  assert.equal((await git("init", "-q")).code, 0);
  const r = await git("apply", "-");
  assert.equal(r.code, 0, r.stderr);
  return copy;
}

needs(
  { git: GIT },
  "restore --dry-run and init --dry-run patches apply with git apply from the root too",
  async () => {
    const cases: Array<[string, (root: string) => Promise<unknown>, string[], string[]]> = [
      ["restore", (root) => tfsync(root, [...PROMOTE, "--yes"]), ["restore"], [PROD, SHARED]],
      ["restore --env", (root) => tfsync(root, [...PROMOTE, "--yes"]), [
        "restore",
        "--env",
        "prod",
      ], [PROD]],
      ["init", (root) => Deno.remove(join(root, "tfsync.hcl")), ["init"], ["tfsync.hcl"]],
    ];
    for (const [what, setup, args, files] of cases) {
      await withCopy(async (root) => {
        await setup(root);
        // A subfolder finds the root by its tfsync.hcl; init (none yet) is given it by --root.
        const dry = what === "init"
          ? await tfsync(join(root, ".."), [...args, "--root", root, "--dry-run"])
          : await tfsync(join(root, "environments", "prod"), [...args, "--dry-run"]);
        assert.equal(dry.code, 0, `${what}: ${dry.stderr}`);
        const patched = await gitApplied(root, dry.stdout);
        try {
          const done = await tfsync(root, [...args, "--yes"]);
          assert.equal(done.code, 0, `${what}: ${done.stderr}`);
          for (const file of files) {
            assert.equal(
              await Deno.readTextFile(join(patched, file)),
              await Deno.readTextFile(join(root, file)),
              `${what}: ${file} as the patch leaves it is what the command writes`,
            );
          }
        } finally {
          await Deno.remove(patched, { recursive: true });
        }
      });
    }
  },
);
