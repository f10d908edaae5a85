// The design's workflow end to end, as a user runs it (#12 "Tests and done when"): init, promote
// test → prod, backport prod → dev, check green; a new image in the test environment: green, one
// more pending promotion; a hand edit in prod: red, naming its file and line; the fix check names,
// then restore (the whole last run, and --env prod) undoing it and undoing itself, check following
// each step. On the bundled example (with its own tfsync.hcl, and with one `tfsync init` writes)
// and on a copy of englacial__tofu-jupyter.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, CORPUS, EXAMPLE, snapshotTree, tempCopy, testIo, tfsync } from "./_cli.ts";
import { main } from "../mod.ts";

const PROD = "environments/prod/terraform.tfvars";
const TEST = "environments/englacial/terraform.tfvars";

interface Case {
  name: string;
  dir: string;
  /** Remove the bundled tfsync.hcl first, so `tfsync init` writes the one used. */
  init: boolean;
  /** A syncable line of prod to edit by hand. */
  edit: RegExp;
}

const EDIT = "dask_cluster_max_cores = 50";
const CASES: Case[] = [
  {
    name: "the bundled example",
    dir: EXAMPLE,
    init: false,
    edit: /^dask_cluster_max_cores = 200/m,
  },
  {
    name: "the bundled example after tfsync init",
    dir: EXAMPLE,
    init: true,
    edit: /^dask_cluster_max_cores = 200/m,
  },
  {
    name: "englacial__tofu-jupyter after tfsync init",
    dir: join(CORPUS, "englacial__tofu-jupyter"),
    init: true,
    edit: /^dask_cluster_max_cores\s*=\s*200/m,
  },
];

/** check --json: every finding carries the command (or the edit) that fixes it. */
async function assertFixes(root: string): Promise<void> {
  const r = await tfsync(root, ["check", "--json"]);
  const findings: Array<{ message: string; fix?: string }> = JSON.parse(r.stdout).findings;
  assert.ok(findings.length > 0);
  assert.deepEqual(findings.filter((f) => !f.fix).map((f) => f.message), []);
}

const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

/** The summary line of check's text report, and its findings of a kind. */
const summary = (out: string) => out.trimEnd().split("\n").at(-1)!;
const kind = (out: string, k: string) => out.split("\n").filter((l) => l.endsWith(`[${k}]`));

for (const c of CASES) {
  const present = await exists(c.dir);
  Deno.test({
    name: `the design's workflow on ${c.name}${present ? "" : ` (skipped: ${c.dir} not found)`}`,
    ignore: !present,
    fn: () => workflow(c),
  });
}

async function workflow(c: Case): Promise<void> {
  const root = await tempCopy(c.dir);
  try {
    const run = async (args: string[], code = 0) => {
      const r = await tfsync(root, args);
      assert.equal(r.code, code, `${args.join(" ")}:\n${r.stdout}${r.stderr}`);
      return r.stdout;
    };
    const read = (f: string) => Deno.readTextFile(join(root, f));
    if (c.init) {
      await Deno.remove(join(root, "tfsync.hcl")).catch(() => {});
      await run(["init", "-y"]);
      assert.ok(await exists(join(root, "tfsync.hcl")));
    }
    // Every finding says what to run, from day one (differences before any promote included).
    await assertFixes(root);
    await run(["promote", "--from", "englacial", "--to", "prod", "-y"]);
    await run(["backport", "--from", "prod", "--to", "dev", "-y"]);

    // Green: no error; environments outside the flow (the corpus's meseeks) may be pending.
    const green = await run(["check"]);
    const warnings = Number(/: (\d+) warnings?$/.exec(summary(green))?.[1] ?? 0);
    assert.match(
      summary(green),
      /^\d+ environments, \d+ syncable variables: (\d+ warnings?|no findings)$/,
    );
    assert.deepEqual(kind(green, "drift"), []);
    assert.doesNotMatch(green, /^\S+: warning: (englacial|prod|dev): .*\[pending\]$/m);
    const pendingBefore = kind(green, "pending");

    // A new image in the test environment: one more pending promotion, still exit 0.
    const test = await read(TEST);
    const tag = /^(singleuser_image_tag\s*=\s*)"[^"]*"/m;
    await Deno.writeTextFile(
      join(root, TEST),
      tag.test(test)
        ? test.replace(tag, '$1"2099.01.01"')
        : test + 'singleuser_image_tag = "2099.01.01"\n',
    );
    const pending = await run(["check"]);
    const count = (n: number) => `${n} warning${n === 1 ? "" : "s"}`;
    assert.ok(summary(pending).endsWith(`: ${count(warnings + 1)}`), summary(pending));
    const added = kind(pending, "pending").filter((l) => !pendingBefore.includes(l));
    assert.equal(added.length, 1, pending);
    assert.match(
      added[0],
      /^environments\/englacial\/terraform.tfvars(:\d+)?: warning: englacial: 1 syncable value differs from the shared file \(singleuser_image_tag\): englacial is ahead of it, a pending promotion: run 'tfsync promote --from englacial --to ENV' to take it further, or 'tfsync apply --to englacial' to bring englacial in line \[pending\]$/,
    );

    // A hand edit in prod: drift, exit 1, naming prod's file and the edited line.
    const prod = await read(PROD);
    assert.match(prod, c.edit);
    const edited = prod.replace(c.edit, EDIT);
    await Deno.writeTextFile(join(root, PROD), edited);
    const line = edited.split("\n").findIndex((l) => l.startsWith(EDIT)) + 1;
    const red = await run(["check"], 1);
    assert.ok(summary(red).endsWith(`: 1 error, ${count(warnings + 1)}`), summary(red));
    const drift = kind(red, "drift");
    assert.equal(drift.length, 1, red);
    assert.match(
      drift[0],
      new RegExp(
        `^${PROD}:${line}: error: prod: dask_cluster_max_cores = 50, but the shared file has 200 ` +
          `\\(environments/shared-features.tfvars:\\d+\\); prod was edited after its last sync ` +
          `\\(\\d{4}-\\d\\d-\\d\\d, line \\d+\\): run 'tfsync apply --to prod' to put the shared ` +
          `value back, or 'tfsync extract --from prod' to record it \\[drift\\]$`,
      ),
    );

    await assertFixes(root);

    // The command check names puts it back: green.
    await run(["apply", "--to", "prod", "-y"]);
    const fixed = await read(PROD);
    assert.equal(kind(await run(["check"]), "drift").length, 0);
    // restore undoes that whole run (the hand edit is back: red), and undoes itself (green).
    await run(["restore", "-y"]);
    assert.equal(await read(PROD), edited);
    assert.deepEqual(kind(await run(["check"], 1), "drift"), drift);
    await run(["restore", "-y"]);
    assert.equal(await read(PROD), fixed);
    assert.equal(summary(await run(["check"])), summary(pending));
    // restore --env prod does the same for prod's file alone.
    await run(["restore", "--env", "prod", "-y"]);
    assert.deepEqual(kind(await run(["check"], 1), "drift"), drift);
    await run(["restore", "--env", "prod", "-y"]);
    assert.equal(summary(await run(["check"])), summary(pending));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("restore of the whole last run shows what it puts back and asks; declining exits 1", async () => {
  const root = await tempCopy(EXAMPLE);
  try {
    const promote = ["promote", "--from", "englacial", "--to", "prod", "-y"];
    assert.equal((await tfsync(root, promote)).code, 0);
    const before = await snapshotTree(root);
    const no = testIo(root, { terminal: true, answer: "n" });
    assert.equal(await main(["restore"], no), 1);
    // Both files' diffs, then the question naming both.
    assert.match(
      no.out,
      /^--- a\/environments\/shared-features.tfvars\tcurrent\n[^]*\n--- a\/environments\/prod\/terraform.tfvars\tcurrent\n/m,
    );
    assert.ok(
      no.out.endsWith(
        `Write environments/shared-features.tfvars and ${PROD}? ` +
          "Press Enter to continue, or Ctrl+C to cancel: ",
      ),
      no.out,
    );
    assert.equal(no.err, "tfsync restore: Cancelled: nothing written\n");
    const none = await tfsync(root, ["restore"]);
    assert.deepEqual([none.code, none.stdout], [2, ""]);
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    const yes = testIo(root, { terminal: true, answer: "" });
    assert.equal(await main(["restore"], yes), 0);
    assert.match(yes.out, /\nUndid tfsync promote; run 'tfsync restore' again to redo it\n$/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("promote mirrors the source: a value equal to its default is set in a target that leaves it unset", async () => {
  const root = await tempCopy(EXAMPLE);
  try {
    const edit = async (file: string, from: string, to: string) => {
      const text = await Deno.readTextFile(join(root, file));
      assert.ok(text.includes(from), from);
      await Deno.writeTextFile(join(root, file), text.replace(from, to));
    };
    // englacial sets server_cull_timeout to the variables.tf default; prod leaves it unset.
    await edit(
      TEST,
      "// server_cull_timeout is left to the variables.tf default (3600)\n",
      "server_cull_timeout = 3600\n",
    );
    await edit(
      PROD,
      "server_cull_timeout = 3600 # same as the variables.tf default, kept explicit\n",
      "",
    );
    const r = await tfsync(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}\+ server_cull_timeout +3600 \(default\) → 3600$/m);
    const prod = await Deno.readTextFile(join(root, PROD));
    assert.deepEqual(prod.split("\n").filter((l) => l.startsWith("server_cull_timeout")), [
      "server_cull_timeout = 3600",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
