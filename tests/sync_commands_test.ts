// The sync commands end to end, in-process through main(args, io) (tests/cli_test.ts runs what
// needs a process), on temporary copies of fixtures/example (and of ../shared/corpus when present).
// The file-level golden cases of these commands are folders of tests/testdata/sync/, run by
// golden_cases_test.ts; the tests here check what a golden file cannot (hcl2json's reading, the
// tree left alone, prompts, CRLF).
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  changedPaths,
  CORPUS,
  EXAMPLE,
  needs,
  REPO,
  run,
  snapshotTree,
  testIo,
  tfsync,
  which,
  withCopy,
} from "./_cli.ts";
import { parseExplained } from "../lib/hcl/diagnose.ts";
import { parseConfig } from "../lib/config/config.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { plainEqual } from "../lib/hcl/verify.ts";
import { main } from "../mod.ts";
import { PlacedError } from "../lib/errors.ts";
import { errorText } from "../render/error.ts";

/** A file as a golden case of tests/testdata/sync/ (golden_cases_test.ts) wants it after its run. */
const WANT = (name: string, file: string) =>
  Deno.readTextFile(join(REPO, "tests", "testdata", "sync", name, "want", file));
const DATE = "2026-01-05";
const TERRAFORM = which("terraform");
const SHARED = "environments/shared-features.tfvars";
const PROD = "environments/prod/terraform.tfvars";
const DEV = "environments/dev/terraform.tfvars";
const ENGLACIAL = "environments/englacial/terraform.tfvars";

const read = (root: string, path: string) => Deno.readTextFile(join(root, path));
const write = (root: string, path: string, text: string) =>
  Deno.writeTextFile(join(root, path), text);

async function fmtClean(file: string): Promise<boolean> {
  return (await run(TERRAFORM!, ["fmt", "-check", file])).code === 0;
}

/** Both hcl2json readings, and the variable names a run was to sync. */
async function assertSynced(
  before: string,
  after: string,
  source: string,
  synced: string[],
  file: string,
): Promise<void> {
  const [b, a, s] = await Promise.all([
    readWithHcl(before, file),
    readWithHcl(after, file),
    readWithHcl(source, "source"),
  ]);
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const want = synced.includes(name) && name in s ? s[name] : b[name];
    assert.ok(plainEqual(a[name], want), `${file}: ${name} is ${JSON.stringify(a[name])}`);
  }
}

/** The error `fn` throws, as tfsync prints it (`file:line:col: message`). */
async function errorMessage(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return e instanceof PlacedError ? errorText(e, (f) => f) : (e as Error).message;
  }
  throw new Error("expected an error");
}

// --- The command line ---------------------------------------------------------------------------

Deno.test("each sync command prints its usage for --help, exit 0", async () => {
  for (const name of ["extract", "apply", "diff", "promote", "backport", "sync"]) {
    const r = await tfsync(REPO, [name, "--help"]);
    assert.equal(r.code, 0, name);
    assert.ok(r.stdout.startsWith(`Usage: tfsync ${name} `), r.stdout);
    assert.match(r.stdout, name === "diff" ? /--root DIR/ : /--dry-run/);
    assert.equal(r.stderr, "");
  }
});

// --- diff ---------------------------------------------------------------------------------------

Deno.test("diff englacial → prod lists the fixture's differences, layer by layer", async () => {
  const r = await tfsync(EXAMPLE, ["diff", "--from", "englacial", "--to", "prod"]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  const syncable = r.stdout.split("=== ENVIRONMENT-SPECIFIC")[0];
  assert.doesNotMatch(syncable, /server_cull_timeout|dask_worker_cores_max/);
  const json = await tfsync(EXAMPLE, ["diff", "--from", "englacial", "--to", "prod", "--json"]);
  assert.equal(json.code, 0);
  const doc = JSON.parse(json.stdout);
  assert.deepEqual(Object.keys(doc), [
    "format_version",
    "source",
    "target",
    "syncable",
    "environment_specific",
    "unclassified",
  ]);
  assert.deepEqual(doc.syncable.map((r: { name: string }) => r.name), [
    "singleuser_image_tag",
    "dask_worker_memory_max",
    "dask_cluster_max_cores",
    "enable_lambda_invoke",
  ]);
  assert.deepEqual(doc.syncable[2], { name: "dask_cluster_max_cores", source: 200, target: 40 });
  assert.equal(doc.environment_specific.length, 20);
  assert.deepEqual(doc.unclassified.map((r: { name: string }) => r.name), ["hub_banner_message"]);
});

Deno.test("diff marks variables.tf defaults and omits a side without a value", async () => {
  await withCopy(async (root) => {
    const r = await tfsync(root, ["diff", "--from", "englacial", "--to", "dev"]);
    assert.equal(r.code, 0);
    assert.ok(
      r.stdout.includes("dask_worker_cores_max\n  englacial: 1\n  dev:       4 (default)\n"),
    );
    await write(root, PROD, (await read(root, PROD)) + 'maintenance_window = "sat"\n');
    const j = await tfsync(root, ["diff", "--from", "englacial", "--to", "prod", "--json"]);
    const rows = JSON.parse(j.stdout).unclassified;
    assert.deepEqual(rows.at(-1), { name: "maintenance_window", target: "sat" });
  });
});

Deno.test("diff --exit-code exits 1 on differences and 0 without", async () => {
  await withCopy(async (root) => {
    assert.equal(
      (await tfsync(root, ["diff", "--from", "dev", "--to", "prod", "--exit-code"])).code,
      1,
    );
    await Deno.mkdir(join(root, "environments/prod2"));
    await Deno.copyFile(join(root, PROD), join(root, "environments/prod2/terraform.tfvars"));
    const same = await tfsync(root, ["diff", "--from", "prod", "--to", "prod2", "--exit-code"]);
    assert.equal(same.code, 0);
    assert.match(same.stdout, /=== SYNCABLE FEATURES ===\n\(no differences\)\n/);
    // Right after a full promote only environment-specific and unclassified values differ:
    // reported, never gating.
    const p = await tfsync(root, ["promote", "--from", "englacial", "--to", "prod", "-y"]);
    assert.equal(p.code, 0, p.stderr);
    const after = await tfsync(root, [
      "diff",
      "--from",
      "englacial",
      "--to",
      "prod",
      "--exit-code",
    ]);
    assert.equal(after.code, 0);
    assert.match(after.stdout, /=== SYNCABLE FEATURES ===\n\(no differences\)\n/);
    assert.match(after.stdout, /=== ENVIRONMENT-SPECIFIC \(not synced\) ===\nenvironment: /);
    assert.match(after.stdout, /=== UNCLASSIFIED ===\nhub_banner_message: /);
  });
});

// --- promote and backport -----------------------------------------------------------------------

const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--date", DATE];

Deno.test("promote englacial → prod edits exactly the fixture's expected values", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const originals = { shared: await read(root, SHARED), prod: await read(root, PROD) };
    const r = await tfsync(root, [...PROMOTE, "--yes"]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    // The run's record, for a whole-run restore, and the record before it, for conflicts.
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), [
      ".tfsync-last-run.json",
      ".tfsync-previous-record.json",
      PROD,
      PROD + ".bak",
      SHARED,
      SHARED + ".bak",
    ]);
    assert.equal(await read(root, SHARED + ".bak"), originals.shared);
    assert.equal(await read(root, PROD + ".bak"), originals.prod);
    await assertSynced(originals.prod, await read(root, PROD), await read(root, ENGLACIAL), [
      "singleuser_image_tag",
      "dask_worker_memory_max",
      "dask_cluster_max_cores",
      "enable_lambda_invoke",
    ], PROD);
    // The in-place edit keeps its leading comment and takes the shared file's trailing one.
    assert.match(
      await read(root, PROD),
      /# Raised from 3 during INC-2291 [^\n]*\ndask_worker_memory_max = 3 # 3GB per worker\n/,
    );
    assert.match(r.stdout, /left alone \(--prune removes it\): server_cull_timeout = 3600/);
  });
});

Deno.test("a second promote writes nothing: same bytes, same mtimes, no new .bak", async () => {
  await withCopy(async (root) => {
    assert.equal((await tfsync(root, [...PROMOTE, "--yes"])).code, 0);
    const first = await snapshotTree(root);
    const again = await tfsync(root, [...PROMOTE.slice(0, -1), "2026-02-01", "--yes"]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /\nNothing to change\.\n$/);
    assert.deepEqual(await snapshotTree(root), first);
  });
});

needs({ terraform: TERRAFORM }, "promote keeps fmt-clean files terraform fmt clean", async () => {
  await withCopy(async (root) => {
    for (const f of [SHARED, PROD, DEV]) assert.ok(await fmtClean(join(root, f)), f);
    assert.equal((await tfsync(root, [...PROMOTE, "--yes"])).code, 0);
    const toDev = ["promote", "--from", "englacial", "--to", "dev", "--yes", "--date", DATE];
    assert.equal((await tfsync(root, toDev)).code, 0);
    for (const f of [SHARED, PROD, DEV]) assert.ok(await fmtClean(join(root, f)), f);
  });
});

needs(
  { terraform: TERRAFORM },
  "promote into an empty target writes it terraform fmt clean",
  async () => {
    await withCopy(async (root) => {
      await write(root, PROD, "");
      assert.equal((await tfsync(root, [...PROMOTE, "--yes"])).code, 0);
      // Its lines were inserted into a file with no line to align them with: aligned all the same.
      assert.match(await read(root, PROD), /\nsingleuser_image_tag {2}= "2025\.12\.18" # tested/);
      assert.ok(await fmtClean(join(root, PROD)), PROD);
    });
  },
);

Deno.test("promote without a terminal and without --yes refuses: exit 2, nothing written", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, PROMOTE);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      "tfsync promote: Not confirmed: no terminal to ask on; pass --yes to write, or --dry-run to see the changes\n",
    );
    assert.deepEqual(await snapshotTree(root), before);
  });
});

Deno.test("promote --dry-run prints both unified diffs and writes nothing", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, [...PROMOTE, "--dry-run"]);
    assert.equal(r.code, 0);
    // The conflicts once, before the diffs.
    assert.match(r.stdout, /^4 conflicts: [^]*\n\n--- a\/environments\/shared-features.tfvars\n/);
    assert.equal(r.stdout.match(/conflicts:/g)?.length, 1);
    assert.match(r.stdout, /\n--- a\/environments\/prod\/terraform.tfvars\n/);
    assert.deepEqual(await snapshotTree(root), before);
  });
});

Deno.test("promote --fail-on-conflict lists hand edits and exits 1, writing nothing", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, [...PROMOTE, "--yes", "--fail-on-conflict"]);
    assert.equal(r.code, 1);
    assert.ok(
      r.stdout.includes("\n  dask_cluster_max_cores  40             113  200           200\n"),
    );
    // Every line of the table fits 80 columns.
    assert.deepEqual(r.stdout.split("\n").filter((l) => l.length > 80), []);
    assert.deepEqual(await snapshotTree(root), before);
    // After a promote, prod agrees with the record: no conflict, nothing to write.
    assert.equal((await tfsync(root, [...PROMOTE, "--yes"])).code, 0);
    const clean = await tfsync(root, [...PROMOTE, "--yes", "--fail-on-conflict"]);
    assert.equal(clean.code, 0);
  });
});

Deno.test("promote --json reports files, changes and conflicts; --no-backup writes no .bak", async () => {
  await withCopy(async (root) => {
    const r = await tfsync(root, [...PROMOTE, "--yes", "--json", "--no-backup"]);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.command, "promote");
    assert.deepEqual(
      doc.files.map((f: { file: string; written: boolean }) => [f.file, f.written]),
      [
        [SHARED, true],
        [PROD, true],
      ],
    );
    assert.deepEqual(doc.files[1].changes[1], {
      name: "dask_worker_memory_max",
      action: "update",
      from: 4,
      to: 3,
      line: 63,
    });
    assert.equal(doc.conflicts.length, 4);
    assert.deepEqual(doc.target_only.map((t: { name: string }) => t.name), ["server_cull_timeout"]);
    assert.match(doc.files[1].diff, /^--- a\/environments\/prod\/terraform.tfvars\n/);
    for (const f of [SHARED, PROD]) {
      await assert.rejects(Deno.stat(join(root, f + ".bak")), Deno.errors.NotFound);
    }
  });
});

Deno.test("promote englacial → dev inserts the dask group into SYNCED FEATURES; --prune", async () => {
  await withCopy(async (root) => {
    const r = await tfsync(root, [
      ...["promote", "--from", "englacial", "--to", "dev", "--date", DATE],
      ...["--yes", "--prune"],
    ]);
    assert.equal(r.code, 0);
    const dev = await read(root, DEV);
    assert.match(
      dev,
      /singleuser_image_tag {2}= "2025\.12\.18"[^\n]*\n\n# Dask Gateway limits\ndask_worker_cores_max {2}= 1 [^\n]*\ndask_worker_memory_max = 3 [^\n]*\ndask_cluster_max_cores = 200 [^\n]*\n\n# Timeouts\n/,
    );
    assert.doesNotMatch(dev, /^server_cull_timeout/m);
    assert.match(r.stdout, /removed \(--prune\): server_cull_timeout = 1800/);
    // The commented-out block is byte-identical.
    const original = await Deno.readTextFile(join(EXAMPLE, DEV));
    const block = /\/\*\nTried in November[\s\S]*?\*\/\n/.exec(original)![0];
    assert.ok(dev.includes(block));
  });
});

Deno.test("backport prod → dev writes the shared file and dev", async () => {
  await withCopy(async (root) => {
    const r = await tfsync(root, [
      ...["backport", "--from", "prod", "--to", "dev", "--yes", "--date", DATE],
    ]);
    assert.equal(r.code, 0);
    assert.match(await read(root, SHARED), /^# Extracted from: prod\n/m);
    assert.match(
      await read(root, DEV),
      /^# Last synced: 2026-01-05 from: prod \[values [0-9a-f]{8}\]$/m,
    );
    assert.match(await read(root, DEV), /^dask_cluster_max_cores = 40 /m);
  });
});

Deno.test("promote on a terminal asks first: Enter writes, end of input cancels", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const cancel = testIo(root, { terminal: true, answer: null });
    assert.equal(await main(PROMOTE, cancel), 1);
    assert.match(cancel.out, /Press Enter to continue, or Ctrl\+C to cancel: $/);
    assert.match(cancel.out, /4 conflicts: prod differs from the last sync/);
    assert.equal(cancel.err, "tfsync promote: Cancelled: nothing written\n");
    assert.deepEqual(await snapshotTree(root), before);
    const yes = testIo(root, { terminal: true, answer: "" });
    assert.equal(await main(PROMOTE, yes), 0);
    assert.match(yes.out, /\nWrote environments\/prod\/terraform.tfvars \(backup: /);
    assert.equal(
      await read(root, PROD),
      await WANT("promote_englacial_prod", PROD),
    );
  });
});

Deno.test("every writing command shows its change and asks; declining exits 1, nothing written", async () => {
  await withCopy(async (root) => {
    await write(root, PROD + ".bak", await read(root, DEV));
    const commands = [
      ["extract", "--from", "englacial"],
      ["apply", "--to", "dev"],
      ["sync", "--from", "englacial", "--to", "prod", "--group", "images"],
      ["backport", "--from", "prod", "--to", "dev"],
      ["restore", "--env", "prod"],
    ];
    const before = await snapshotTree(root);
    for (const args of commands) {
      const no = testIo(root, { terminal: true, answer: "n" });
      assert.equal(await main(args, no), 1, args.join(" "));
      assert.match(
        no.out,
        /(^|\n)--- (a\/)?environments\/[\s\S]*\nWrite environments\/\S+( and \S+)?\? /,
      );
      assert.equal(no.err, `tfsync ${args[0]}: Cancelled: nothing written\n`);
      const none = testIo(root);
      assert.equal(await main(args, none), 2, args.join(" "));
      assert.match(none.err, /Not confirmed: no terminal to ask on; pass --yes/);
    }
    assert.deepEqual(await snapshotTree(root), before);
  });
});

// --- extract, apply, sync -------------------------------------------------------------------------

Deno.test("extract edits the shared file in place: the tag, Date and nothing else", async () => {
  await withCopy(async (root) => {
    const original = await read(root, SHARED);
    const r = await tfsync(root, ["extract", "--from", "englacial", "--date", DATE, "-y"]);
    assert.equal(r.code, 0);
    const want = original
      .replace("# Date: 2025-12-20", `# Date: ${DATE}`)
      .replace(
        '"2025.11.30" # pangeo-docker-images release of 2025-11-30',
        '"2025.12.18" # tested 2025-12-22 | xarray & dask 2025.12, notes in docs\\images.md',
      );
    assert.equal(await read(root, SHARED), want);
    // apply to an environment already in line: not rewritten, no .bak.
    const before = await snapshotTree(root);
    const same = await tfsync(root, ["apply", "--to", "englacial", "--date", DATE, "-y"]);
    assert.equal(same.code, 0);
    assert.match(same.stdout, /\(apply to englacial\): up to date\n[\s\S]*Nothing to change\.\n$/);
    assert.deepEqual(await snapshotTree(root), before);
  });
});

Deno.test("extract creates a missing shared file in the design's layout", async () => {
  await withCopy(async (root) => {
    await Deno.remove(join(root, SHARED));
    const r = await tfsync(root, ["extract", "--from", "englacial", "--date", DATE, "-y"]);
    assert.equal(r.code, 0);
    await assert.rejects(Deno.stat(join(root, SHARED + ".bak")), Deno.errors.NotFound);
    if (TERRAFORM) assert.ok(await fmtClean(join(root, SHARED)));
    const hcl = await readWithHcl(await read(root, SHARED), SHARED);
    const englacial = await readWithHcl(await read(root, ENGLACIAL), ENGLACIAL);
    assert.equal(Object.keys(hcl).length, 10);
    for (const [k, v] of Object.entries(hcl)) assert.ok(plainEqual(v, englacial[k]), k);
  });
});

Deno.test("apply --to dev copies the shared file's values and updates Last synced", async () => {
  await withCopy(async (root) => {
    const original = await read(root, DEV);
    const r = await tfsync(root, ["apply", "--to", "dev", "--date", DATE, "-y"]);
    assert.equal(r.code, 0);
    assert.equal(await read(root, DEV + ".bak"), original);
    const shared = await read(root, SHARED);
    const synced = Object.keys(await readWithHcl(shared, SHARED));
    await assertSynced(original, await read(root, DEV), shared, synced, DEV);
  });
});

Deno.test("sync copies only the named groups or variables, and records them in the shared file", async () => {
  await withCopy(async (root) => {
    const before = await read(root, DEV);
    const shared = await read(root, SHARED);
    const r = await tfsync(root, [
      ...["sync", "--from", "prod", "--to", "dev", "--group", "images", "--date", DATE, "-y"],
    ]);
    assert.equal(r.code, 0);
    const prod = await read(root, PROD);
    await assertSynced(before, await read(root, DEV), prod, ["singleuser_image_tag"], DEV);
    assert.match(
      await read(root, DEV),
      /^# Last synced: 2026-01-05 from: prod \(group images\) \[values [0-9a-f]{8}\]$/m,
    );
    // The record: the synced value (the source's text, the record's own comment) and its Date;
    // "Extracted from:" still names where the other features come from.
    assert.equal(
      await read(root, SHARED),
      shared.replace("# Date: 2025-12-20", `# Date: ${DATE}`)
        .replace('= "2025.11.30" # pangeo', '= "2025.06.02" # pangeo'),
    );
    const vars = await tfsync(root, [
      ...["sync", "--from", "prod", "--to", "dev", "--vars", "enable_lambda_invoke,github_enabled"],
      ...["--date", DATE, "--json", "-y"],
    ]);
    assert.equal(vars.code, 0);
    const doc = JSON.parse(vars.stdout);
    const names = (f: { changes: Array<{ name: string }> }) => f.changes.map((c) => c.name);
    assert.deepEqual(doc.files.map(names), [["enable_lambda_invoke"], ["github_enabled"]]);
    assert.match(
      await read(root, DEV),
      /^# Last synced: 2026-01-05 from: prod \(vars enable_lambda_invoke, github_enabled\) /m,
    );
  });
});

Deno.test("after sync --group images (make sync-images), check agrees with the banner", async () => {
  await withCopy(async (root) => {
    const sync = ["sync", "--from", "englacial", "--to", "prod", "--group", "images"];
    assert.equal((await tfsync(root, [...sync, "--date", DATE, "-y"])).code, 0);
    assert.match(
      await read(root, PROD),
      /^# Last synced: 2026-01-05 from: englacial \(group images\) /m,
    );
    const check = await tfsync(root, ["check"]);
    assert.equal(check.code, 0, check.stdout);
    // prod's image is recorded; what remains are features never promoted to it.
    assert.match(
      check.stdout,
      /^environments\/prod\/terraform.tfvars:\d+: warning: prod: 3 syncable values differ from the shared file \(dask_worker_memory_max, dask_cluster_max_cores, enable_lambda_invoke\)/m,
    );
    assert.doesNotMatch(check.stdout, /englacial: .*\[pending\]|\[drift\]/);
  });
});

Deno.test("apply and sync judge conflicts against the shared file; --fail-on-conflict exits 1", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const apply = await tfsync(root, ["apply", "--to", "dev", "--fail-on-conflict", "--json"]);
    assert.equal(apply.code, 1);
    const doc = JSON.parse(apply.stdout);
    assert.equal(doc.files[0].written, false);
    // Values dev sets that differ from the record; one dev leaves unset (dask_worker_cores_max,
    // at its default 4) is added, not overwritten: no conflict.
    assert.deepEqual(doc.conflicts.map((c: { name: string }) => c.name), [
      "kernel_cull_timeout",
      "enable_profile_selection",
      "enable_lambda_invoke",
      "github_enabled",
    ]);
    assert.deepEqual(doc.conflicts[0], {
      name: "kernel_cull_timeout",
      target: { value: 600, file: DEV, line: 77, default: false },
      record: { value: 1200, file: SHARED, line: 24, default: false },
      incoming: 1200,
    });
    // prod's image tag differs from the record (2025.11.30): a conflict; dev's does not.
    const sync = ["sync", "--from", "englacial", "--group", "images", "--fail-on-conflict"];
    const toProd = await tfsync(root, [...sync, "--to", "prod"]);
    assert.equal(toProd.code, 1);
    assert.equal(
      toProd.stdout.split("\n\n")[0],
      "1 conflict: prod differs from the last sync\n" +
        "(environments/shared-features.tfvars), edited since then; this value would be\n" +
        "overwritten (lines of environments/prod/terraform.tfvars):\n" +
        "  variable              prod          line  last sync     new\n" +
        '  singleuser_image_tag  "2025.06.02"   108  "2025.11.30"  "2025.12.18"\n' +
        "Nothing written: --fail-on-conflict\n",
    );
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    const toDev = await tfsync(root, [...sync, "--to", "dev", "--date", DATE, "-y"]);
    assert.equal(toDev.code, 0, toDev.stdout);
    assert.match(await read(root, DEV), /^singleuser_image_tag {2}= "2025\.12\.18"/m);
  });
});

Deno.test("extract --json and --dry-run describe the change without writing", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, ["extract", "--from", "englacial", "--dry-run", "--json"]);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual([doc.command, doc.source, doc.dry_run], ["extract", "englacial", true]);
    assert.deepEqual(doc.files[0].changes, [{
      name: "singleuser_image_tag",
      action: "update",
      from: "2025.11.30",
      to: "2025.12.18",
      line: 12,
    }]);
    assert.deepEqual(doc.not_in_source, ["server_cull_timeout"]);
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

// --- bad input: exit 2, one line on stderr, nothing written ---------------------------------------

interface BadCase {
  name: string;
  args: string[];
  setup?: (root: string) => Promise<void>;
  /** The exact stderr; a function of the root when it depends on another module's wording. */
  stderr: string | ((root: string) => Promise<string>);
}

const BAD: BadCase[] = [
  {
    name: "an unknown environment",
    args: ["promote", "--from", "englacial", "--to", "staging", "--yes"],
    stderr:
      'tfsync promote: Unknown environment "staging": the environments are dev, englacial, prod\n',
  },
  {
    name: "an environment name with /",
    args: ["apply", "--to", "prod/x"],
    stderr:
      'tfsync apply: Invalid environment name "prod/x": it must be a folder name, without / or \\\n',
  },
  {
    name: "an environment name with ..",
    args: ["extract", "--from", ".."],
    stderr: 'tfsync extract: Invalid environment name "..": it must not be "." or contain ".."\n',
  },
  {
    name: "source = target",
    args: ["sync", "--from", "prod", "--to", "prod", "--group", "images"],
    stderr: 'tfsync sync: --from and --to are both "prod": name two different environments\n',
  },
  {
    name: "a missing --from",
    args: ["backport", "--to", "dev", "--yes"],
    stderr: "tfsync backport: Missing --from ENV\nRun 'tfsync backport --help' for usage.\n",
  },
  {
    name: "a malformed --date",
    args: ["extract", "--from", "englacial", "--date", "2026-02-30"],
    stderr:
      "tfsync extract: Invalid --date \"2026-02-30\": expected YYYY-MM-DD\nRun 'tfsync extract --help' for usage.\n",
  },
  {
    name: "an unknown group",
    args: ["sync", "--from", "englacial", "--to", "dev", "--group", "gpu"],
    stderr: 'tfsync sync: Unknown group "gpu": the groups are images, dask, timeouts, features\n',
  },
  {
    name: "an environment-specific variable to sync",
    args: ["sync", "--from", "englacial", "--to", "dev", "--vars", "domain_name"],
    stderr:
      'tfsync sync: Variable "domain_name" is environment-specific and never synced: the syncable variables are singleuser_image_name, singleuser_image_tag, dask_worker_cores_max, dask_worker_memory_max, dask_cluster_max_cores, kernel_cull_timeout, server_cull_timeout, enable_profile_selection, use_three_node_groups, enable_lambda_invoke, github_enabled\n',
  },
  {
    name: "both --group and --vars",
    args: ["sync", "--from", "a", "--to", "b", "--group", "dask", "--vars", "x"],
    stderr:
      "tfsync sync: Name what to sync: --group G[,G…] or --vars a,b… (one of them)\nRun 'tfsync sync --help' for usage.\n",
  },
  {
    name: "a syntax error in the target",
    args: ["promote", "--from", "englacial", "--to", "prod", "--yes"],
    setup: (root) => write(root, PROD, 'region = "us-west-2"\nvpc_cidr = [\n'),
    stderr: async (root) =>
      `tfsync promote: ${await errorMessage(async () =>
        parseExplained(await read(root, PROD), PROD, { tfvars: true })
      )}\n`,
  },
  {
    name: "an invalid config: a variable in two groups",
    args: ["diff", "--from", "englacial", "--to", "prod"],
    setup: (root) =>
      write(
        root,
        "tfsync.hcl",
        'group "a" {\n  variables = ["x"]\n}\ngroup "b" {\n  variables = ["x"]\n}\n',
      ),
    stderr: async (root) =>
      `tfsync diff: ${await errorMessage(async () =>
        parseConfig(await read(root, "tfsync.hcl"), "tfsync.hcl", root)
      )}\n`,
  },
  {
    name: "a shared file holding an environment-specific variable",
    args: ["apply", "--to", "dev"],
    setup: async (root) => write(root, SHARED, (await read(root, SHARED)) + 'region = "x"\n'),
    stderr:
      'tfsync apply: environments/shared-features.tfvars:37: "region" is environment-specific: the shared file may hold only syncable variables\n',
  },
  {
    name: "apply without a shared file",
    args: ["apply", "--to", "dev"],
    setup: (root) => Deno.remove(join(root, SHARED)),
    stderr:
      "tfsync apply: environments/shared-features.tfvars: Cannot read the file: not found; run 'tfsync extract --from ENV' first\n",
  },
  {
    name: "a tfvars symlinked to a file outside the root",
    args: ["promote", "--from", "englacial", "--to", "prod", "--yes"],
    setup: async (root) => {
      const outside = await Deno.makeTempFile({ prefix: "tfsync-e2e-outside-" });
      await Deno.copyFile(join(root, PROD), outside);
      await Deno.remove(join(root, PROD));
      await Deno.symlink(outside, join(root, PROD));
    },
    stderr: async (root) =>
      `tfsync promote: ${PROD}: Cannot read the file: it resolves to ${await Deno.realPath(
        join(root, PROD),
      )}, outside the repository root\n`,
  },
];

for (const c of BAD) {
  Deno.test(`bad input exits 2 and writes nothing: ${c.name}`, async () => {
    await withCopy(async (root) => {
      await c.setup?.(root);
      const before = await snapshotTree(root);
      // diff only reads: it takes no --date.
      const dated = c.args.includes("--date") || c.args[0] === "diff";
      const args = dated ? c.args : [...c.args, "--date", DATE];
      const r = await tfsync(root, args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, typeof c.stderr === "string" ? c.stderr : await c.stderr(root));
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    });
  });
}

// --- files as they are found: CRLF, symlinks, failing writes --------------------------------------

Deno.test("CRLF files stay CRLF", async () => {
  await withCopy(async (root) => {
    for (const f of [SHARED, PROD, ENGLACIAL]) {
      await write(root, f, (await read(root, f)).replaceAll("\n", "\r\n"));
    }
    const r = await tfsync(root, [...PROMOTE, "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    for (const f of [SHARED, PROD]) {
      const text = await read(root, f);
      assert.doesNotMatch(text, /[^\r]\n/, `${f} has a bare LF`);
      assert.equal(text.replaceAll("\r\n", "\n"), await WANT("promote_englacial_prod", f));
    }
  });
});

// --- real repositories: ../shared/corpus --------------------------------------------------------

const CORPUS_ENGLACIAL = join(CORPUS, "englacial__tofu-jupyter");
const CORPUS_CDS = join(CORPUS, "cds-snc__notification-terraform");
const exists = (p: string) => Deno.stat(p).then(() => "yes", () => undefined);

/**
 * Promotes `from` → `to` in a copy of a corpus repository and checks every value with hcl2json:
 * the target's syncable values that the source sets equal the source's; every other value of
 * the target is unchanged; the new shared file holds the source's syncable values; a file that
 * was terraform fmt clean stays clean.
 */
async function promoteCorpus(
  root: string,
  from: string,
  to: string,
  paths: { source: string; target: string; shared: string },
  syncable: string[],
): Promise<void> {
  const before = await read(root, paths.target);
  const source = await read(root, paths.source);
  const wasClean = TERRAFORM ? await fmtClean(join(root, paths.target)) : false;
  const r = await tfsync(root, ["promote", "--from", from, "--to", to, "--yes", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal(plan.files[1].written, plan.files[1].changes.length > 0);
  const after = await read(root, paths.target);
  await assertSynced(before, after, source, syncable, paths.target);
  const sourceValues = await readWithHcl(source, paths.source);
  const shared = await readWithHcl(await read(root, paths.shared), paths.shared);
  assert.deepEqual(
    Object.keys(shared).sort(),
    syncable.filter((n) => n in sourceValues).sort(),
  );
  for (const [k, v] of Object.entries(shared)) assert.ok(plainEqual(v, sourceValues[k]), k);
  if (TERRAFORM) {
    assert.ok(await fmtClean(join(root, paths.shared)), "the new shared file is fmt clean");
    if (wasClean) assert.ok(await fmtClean(join(root, paths.target)), `${paths.target} fmt`);
  }
  const again = await tfsync(root, ["promote", "--from", from, "--to", to, "--yes"]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /Nothing to change\.\n$/);
}

const BUILT_IN_SYNCABLE = [
  ..."singleuser_image_name singleuser_image_tag dask_worker_cores_max dask_worker_memory_max"
    .split(" "),
  ..."dask_cluster_max_cores kernel_cull_timeout server_cull_timeout enable_profile_selection"
    .split(" "),
  ..."use_three_node_groups enable_lambda_invoke github_enabled".split(" "),
];

needs(
  { "../shared/corpus/englacial__tofu-jupyter": await exists(CORPUS_ENGLACIAL) },
  "corpus englacial__tofu-jupyter: promote englacial → prod and → dev with built-in defaults",
  async () => {
    for (const to of ["prod", "dev"]) {
      await withCopy(async (root) => {
        await promoteCorpus(root, "englacial", to, {
          source: ENGLACIAL,
          target: `environments/${to}/terraform.tfvars`,
          shared: SHARED,
        }, BUILT_IN_SYNCABLE);
        const target = await read(root, `environments/${to}/terraform.tfvars`);
        if (to === "prod") {
          // prod has no SYNCED FEATURES section and no final newline: the section is appended.
          assert.match(
            target,
            /\n# SYNCED FEATURES \(from shared-features.tfvars\)\n# Last synced: /,
          );
        }
      }, CORPUS_ENGLACIAL);
    }
  },
);

const CDS_CONFIG = `environments_dir = "envs"
tfvars_file      = "config.tfvars"
shared_file      = "envs/shared-features.tfvars"
module_dir       = "env"

group "eks" {
  description = "EKS versions"
  variables = [
    "eks_cluster_version", "eks_addon_coredns_version", "eks_addon_kube_proxy_version",
    "eks_addon_vpc_cni_version", "eks_addon_ebs_driver_version", "eks_node_ami_version",
    "eks_karpenter_ami_id",
  ]
}
group "waf" {
  description = "WAF rate limits"
  variables   = ["non_api_waf_rate_limit", "api_waf_rate_limit", "sign_in_waf_rate_limit"]
}
group "logging" {
  description = "Log retention"
  variables   = ["log_retention_period_days", "sensitive_log_retention_period_days"]
}
group "flags" {
  description = "Feature flags"
  variables = [
    "enable_cloudwatch_fire_drills", "enable_guardduty_malware_s3", "elasticache_use_valkey",
    "enable_signoz",
  ]
}
environment_specific = [
  "env", "region", "billing_tag_value", "domain", "base_domain", "alt_domain", "eks_cluster_name",
]
`;

needs(
  { "../shared/corpus/cds-snc__notification-terraform": await exists(CORPUS_CDS) },
  "corpus cds-snc__notification-terraform: promote dev → staging through symlinked tfvars",
  async () => {
    await withCopy(async (root) => {
      // env/<name>_config.tfvars, reached as envs/<name>/config.tfvars through symlinks.
      for (const env of ["dev", "staging", "production"]) {
        await Deno.mkdir(join(root, "envs", env), { recursive: true });
        await Deno.symlink(
          `../../env/${env}_config.tfvars`,
          join(root, "envs", env, "config.tfvars"),
        );
      }
      await write(root, "tfsync.hcl", CDS_CONFIG);
      const syncable = parseConfig(CDS_CONFIG, "tfsync.hcl", root).syncable as string[];
      await promoteCorpus(root, "dev", "staging", {
        source: "env/dev_config.tfvars",
        target: "env/staging_config.tfvars",
        shared: "envs/shared-features.tfvars",
      }, syncable);
      assert.ok((await Deno.lstat(join(root, "envs/staging/config.tfvars"))).isSymlink);
      assert.match(
        await read(root, "env/staging_config.tfvars"),
        /^log_retention_period_days +=  ?14$/m,
      );
    }, CORPUS_CDS);
  },
);

// --- promotion_order -------------------------------------------------------------------------------

Deno.test("promotion_order orders matrix columns, makes backport go against it, and keeps upstream pending", async () => {
  await withCopy(async (root) => {
    const config = await read(root, "tfsync.hcl");
    await write(root, "tfsync.hcl", config + 'promotion_order = ["englacial", "prod", "dev"]\n');
    const matrix = await tfsync(root, ["matrix", "--json"]);
    assert.deepEqual(JSON.parse(matrix.stdout).environments, ["englacial", "prod", "dev"]);
    const along = await tfsync(root, ["backport", "--from", "prod", "--to", "dev", "-y"]);
    assert.deepEqual([along.code, along.stderr], [
      2,
      "tfsync backport: backport goes against promotion_order (englacial → prod → dev), but prod comes before dev: this is a promotion; promote --from prod --to dev runs it\n",
    ]);
    const against = await tfsync(root, ["backport", "--from", "dev", "--to", "prod", "--dry-run"]);
    assert.equal(against.code, 0, against.stderr);
    // englacial, first in the order, edited after a sync of its own: still ahead, never drift.
    assert.equal((await tfsync(root, [...PROMOTE, "-y"])).code, 0);
    await write(
      root,
      ENGLACIAL,
      (await read(root, ENGLACIAL))
        .replace(/^# Last synced: .*$/m, "# Last synced: 2026-01-05 from: prod [values 00000000]")
        .replace(/^(singleuser_image_tag\s*=\s*)"[^"]*"/m, '$1"2099.01.01"'),
    );
    const pending = await tfsync(root, ["check"]);
    assert.equal(pending.code, 0, pending.stdout);
    assert.match(
      pending.stdout,
      /warning: englacial: 1 syncable value differs from the shared file \(singleuser_image_tag\): englacial is ahead of it, a pending promotion/,
    );
    // Without the order, the same edit is drift.
    await write(root, "tfsync.hcl", config);
    const drift = await tfsync(root, ["check"]);
    assert.equal(drift.code, 1, drift.stdout);
    assert.match(
      drift.stdout,
      /error: englacial: singleuser_image_tag = "2099.01.01", .*\[drift\]/,
    );
  });
});

Deno.test("after promoting to every environment, what remains says it stays until --prune", async () => {
  await withCopy(async (root) => {
    for (const to of ["prod", "dev"]) {
      const r = await tfsync(root, ["promote", "--from", "englacial", "--to", to, "-y"]);
      assert.equal(r.code, 0, r.stderr);
    }
    const before = await tfsync(root, ["check"]);
    assert.equal(before.code, 0, before.stdout);
    // prod sets server_cull_timeout to the default, as the shared file leaves it; dev does not.
    const pending = before.stdout.split("\n").filter((l) => l.includes("[pending]"));
    assert.deepEqual(pending.map((l) => l.replace(/:\d+: /, ": ")), [
      "environments/dev/terraform.tfvars: warning: dev: 1 syncable value differs from the shared file (server_cull_timeout): set in dev, while the shared file leaves it to the variables.tf default; promotions keep it until --prune: run 'tfsync apply --to dev --prune' to remove it, or 'tfsync extract --from dev' to record it [pending]",
    ]);
    assert.equal((await tfsync(root, ["apply", "--to", "dev", "--prune", "-y"])).code, 0);
    const after = await tfsync(root, ["check"]);
    assert.deepEqual([after.code, after.stdout.includes("[pending]")], [0, false]);
  });
});
