// The command line as a new user meets it: did you mean, help per command, flags by kind, stray
// positionals, --color, --format, --output, format_version, errors as JSON. In-process through
// main(args, io), on a temporary copy of the example.
import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../mod.ts";
import type { Io } from "../commands/_command.ts";
import { commands } from "../commands/mod.ts";
import { changedPaths, EXAMPLE, snapshotTree, tempCopy } from "./_cli.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs tfsync in-process in `cwd`, stdin closed, environment `env` only. */
async function cli(cwd: string, args: string[], env: Record<string, string> = {}, color = false) {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    interactive: false,
    stdoutTerminal: color,
    readLine: () => Promise.resolve(null),
    env: (n) => env[n],
    cwd,
    color,
  };
  const code = await main(args, io);
  return { code, ...out } as Run;
}

let example: string | undefined;
/** One shared copy of the example for the read-only runs; each test checks it stays unchanged. */
async function shared(): Promise<string> {
  return example ??= await tempCopy(EXAMPLE);
}

async function readOnly(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = await shared();
  const before = await snapshotTree(dir);
  const r = await cli(dir, args, env);
  assert.deepEqual(changedPaths(before, await snapshotTree(dir)), [], `${args.join(" ")} wrote`);
  return r;
}

const usage = (name: string) => `Run 'tfsync ${name} --help' for usage.\n`;

Deno.test("did you mean: a mistyped command, flag, environment, group or variable", async () => {
  assert.deepEqual(await readOnly(["promtoe"]), {
    code: 2,
    stdout: "",
    stderr:
      'tfsync: Unknown command "promtoe" (did you mean "promote"?): the commands are extract, apply, diff, promote, backport, sync, check, explain, matrix, init, restore, completion\n',
  });
  assert.deepEqual(await readOnly(["diff", "--form", "englacial", "--to", "prod"]), {
    code: 2,
    stdout: "",
    stderr: `tfsync diff: Unknown option "--form" (did you mean "--from"?)\n${usage("diff")}`,
  });
  assert.deepEqual(await readOnly(["diff", "--from", "englacial", "--to", "prdo"]), {
    code: 2,
    stdout: "",
    stderr:
      'tfsync diff: Unknown environment "prdo" (did you mean "prod"?): the environments are dev, englacial, prod\n',
  });
  const group = await readOnly(["matrix", "--group", "imgaes"]);
  assert.equal(group.code, 2);
  assert.match(group.stderr, /^tfsync matrix: Unknown group "imgaes" \(did you mean "images"\?\)/);
  const sync = await readOnly(["sync", "--from", "englacial", "--to", "prod", "--group", "dsak"]);
  assert.equal(sync.code, 2);
  assert.match(sync.stderr, /^tfsync sync: Unknown group "dsak" \(did you mean "dask"\?\)/);
  const v = await readOnly(["sync", "--from", "englacial", "--to", "prod", "--vars", "dask_x"]);
  assert.equal(v.code, 2);
  assert.match(v.stderr, /^tfsync sync: Unknown variable "dask_x": the syncable variables are/);
  const near = await readOnly(["explain", "dask_cluster_max_core"]);
  assert.equal(near.code, 2);
  assert.match(near.stderr, /\(did you mean "dask_cluster_max_cores"\?\)\n$/);
});

Deno.test("tfsync help CMD prints that command's help, ending with Examples", async () => {
  for (const entry of commands) {
    const help = await readOnly(["help", entry.name]);
    const usage = (await entry.load()).usage;
    assert.deepEqual(help, { code: 0, stdout: usage, stderr: "" }, entry.name);
    assert.match(usage, new RegExp(`^Usage: tfsync ${entry.name} `));
    const examples = usage.slice(usage.lastIndexOf("\nExamples:\n"));
    assert.match(examples, new RegExp(`^\\nExamples:\\n(  tfsync ${entry.name}( .*)?\\n)+$`));
    assert.deepEqual(await readOnly([entry.name, "--help"]), help);
  }
  assert.deepEqual(await readOnly(["help", "promtoe"]), {
    code: 2,
    stdout: "",
    stderr:
      'tfsync: Unknown command "promtoe" (did you mean "promote"?): the commands are extract, apply, diff, promote, backport, sync, check, explain, matrix, init, restore, completion\n',
  });
  assert.match((await readOnly(["help"])).stdout, /\nExamples:\n {2}tfsync diff /);
});

const READ_ONLY = ["diff", "check", "explain", "matrix"];
const WRITE_FLAGS = [["--yes"], ["-y"], ["--dry-run"], ["--no-backup"], ["--date", "2026-01-01"]];

Deno.test("read-only commands refuse the flags of writing commands, and do not list them", async () => {
  for (const name of READ_ONLY) {
    const help = (await readOnly(["help", name])).stdout;
    for (const flag of ["--yes", "--dry-run", "--no-backup", "--date"]) {
      assert.ok(!help.includes(flag), `${name} --help lists ${flag}`);
    }
    for (const [flag, ...value] of WRITE_FLAGS) {
      assert.deepEqual(await readOnly([name, flag, ...value]), {
        code: 2,
        stdout: "",
        stderr: `tfsync ${name}: "${flag}" is for commands that write: ${name} only reads\n${
          usage(name)
        }`,
      });
    }
  }
  // Every flag a help lists is one the command takes.
  for (const entry of commands) {
    const help = (await entry.load()).usage;
    for (const flag of new Set(help.match(/(?<=^ {2}(-\w, )?)--[a-z-]+/gm))) {
      if (flag === "--output" || flag === "--help") continue; // --output writes: tested below
      const dryRun = READ_ONLY.includes(entry.name) ? [] : ["--dry-run"];
      const r = await readOnly([entry.name, flag, "x", ...dryRun]);
      assert.ok(!r.stderr.includes("Unknown option"), `${entry.name} ${flag}: ${r.stderr}`);
    }
  }
});

Deno.test("a repeated single-valued flag is an error; positional misuse says what to type", async () => {
  assert.deepEqual(
    await readOnly(["diff", "--from", "englacial", "--from", "dev", "--to", "prod"]),
    {
      code: 2,
      stdout: "",
      stderr: `tfsync diff: "--from" given twice ("englacial", then "dev"): give it once\n${
        usage("diff")
      }`,
    },
  );
  assert.deepEqual(await readOnly(["diff", "englacial", "prod"]), {
    code: 2,
    stdout: "",
    stderr:
      `tfsync diff: Unexpected arguments "englacial", "prod": type 'tfsync diff --from englacial --to prod'\n${
        usage("diff")
      }`,
  });
  assert.deepEqual(await readOnly(["promote", "englacial"]), {
    code: 2,
    stdout: "",
    stderr:
      `tfsync promote: Unexpected argument "englacial": type 'tfsync promote --from englacial --to ENV'\n${
        usage("promote")
      }`,
  });
  assert.deepEqual(await readOnly(["restore", "prod"]), {
    code: 2,
    stdout: "",
    stderr: `tfsync restore: Unexpected argument "prod": type 'tfsync restore --env prod'\n${
      usage("restore")
    }`,
  });
  // Repeatable flags stay repeatable.
  assert.equal((await readOnly(["check", "--env", "dev", "--env", "prod"])).code, 0);
});

Deno.test("--color auto|always|never; NO_COLOR honoured by auto", async () => {
  const dir = await shared();
  const args = ["diff", "--from", "englacial", "--to", "prod"];
  const esc = (r: Run) => r.stdout.includes("\x1b[");
  assert.ok(esc(await cli(dir, args, {}, true)), "auto on a terminal");
  assert.ok(!esc(await cli(dir, args, { NO_COLOR: "1" }, true)), "auto with NO_COLOR");
  assert.ok(esc(await cli(dir, args, { NO_COLOR: "" }, true)), "an empty NO_COLOR is unset");
  assert.ok(!esc(await cli(dir, [...args, "--color", "never"], {}, true)), "never");
  assert.ok(!esc(await cli(dir, [...args, "--no-color"], {}, true)), "--no-color");
  assert.ok(!esc(await cli(dir, args)), "auto off a terminal");
  assert.ok(esc(await cli(dir, [...args, "--color", "always"])), "always off a terminal");
  assert.deepEqual(await cli(dir, [...args, "--color", "sometimes"]), {
    code: 2,
    stdout: "",
    stderr: `tfsync diff: Unknown --color "sometimes": expected auto, always or never\n${
      usage("diff")
    }`,
  });
});

Deno.test("--output FILE writes the report there, atomically; --format per command", async () => {
  const dir = await tempCopy(EXAMPLE);
  const args = ["diff", "--from", "englacial", "--to", "prod", "--format", "json"];
  const before = await snapshotTree(dir);
  const out = await cli(dir, [...args, "--output", "diff.json"]);
  assert.deepEqual(out, { code: 0, stdout: "", stderr: "" });
  // The report and nothing else: no temp file left beside it.
  assert.deepEqual(changedPaths(before, await snapshotTree(dir)), ["diff.json"]);
  const written = await Deno.readTextFile(join(dir, "diff.json"));
  assert.equal(written, (await cli(dir, args)).stdout);
  assert.equal(JSON.parse(written).format_version, 1);
  const missing = await cli(dir, [...args, "--output", "no/such/dir/x.json"]);
  assert.equal(missing.code, 2);
  assert.equal(
    missing.stderr,
    'tfsync diff: Cannot write the report "no/such/dir/x.json": the folder "no/such/dir" does not exist\n',
  );
  assert.equal(JSON.parse(missing.stdout).error.exit_code, 2);
  assert.deepEqual(await cli(dir, ["diff", "--from", "a", "--to", "b", "--format", "html"]), {
    code: 2,
    stdout: "",
    stderr: `tfsync diff: Unknown format "html": expected text, json, markdown\n${usage("diff")}`,
  });
  const disagree = await cli(dir, ["check", "--json", "--format", "text"]);
  assert.equal(disagree.code, 2);
  assert.equal(
    disagree.stderr,
    `tfsync check: "--json" and "--format text" disagree: use one of them\n${usage("check")}`,
  );
  assert.equal((await cli(dir, ["matrix", "--format", "html"])).code, 0);
  assert.equal((await cli(dir, ["check", "--format", "github"])).code, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a new shared file whose folder does not exist: the dry run refuses as the write does, naming it", async () => {
  // README's environment_files layouts, shared_file not set: its default folder, environments/,
  // is not there. The dry run showed the new file and the write then failed with "not found".
  const dir = await Deno.makeTempDir({ prefix: "tfsync-test-" });
  await Deno.mkdir(join(dir, "env"));
  for (const env of ["englacial", "prod"]) {
    await Deno.copyFile(
      join(EXAMPLE, "environments", env, "terraform.tfvars"),
      join(dir, "env", `${env}_config.tfvars`),
    );
  }
  await Deno.copyFile(join(EXAMPLE, "variables.tf"), join(dir, "variables.tf"));
  await Deno.writeTextFile(
    join(dir, "tfsync.hcl"),
    'environment_files = ["env/{env}_config.tfvars"]\n',
  );
  const before = await snapshotTree(dir);
  const args = ["promote", "--from", "englacial", "--to", "prod", "--date", "2026-01-05"];
  const refused = {
    code: 2,
    stdout: "",
    stderr: "tfsync promote: environments/shared-features.tfvars: Cannot write the file: the " +
      'folder "environments" does not exist (create it, or set shared_file in tfsync.hcl)\n',
  };
  assert.deepEqual(await cli(dir, [...args, "--dry-run"]), refused);
  assert.deepEqual(await cli(dir, [...args, "--yes"]), refused);
  assert.deepEqual(changedPaths(before, await snapshotTree(dir)), []);
  // With the folder there, both go ahead.
  await Deno.mkdir(join(dir, "environments"));
  assert.equal((await cli(dir, [...args, "--dry-run"])).code, 0);
  const wrote = await cli(dir, [...args, "--yes"]);
  assert.deepEqual([wrote.code, wrote.stderr], [0, ""]);
  assert.match(wrote.stdout, /^Created environments\/shared-features.tfvars$/m);
});

Deno.test("every JSON output carries format_version; errors are JSON objects with --format json", async () => {
  const runs = [
    ["diff", "--from", "englacial", "--to", "prod", "--json"],
    ["check", "--format", "json"],
    ["explain", "dask_cluster_max_cores", "--json"],
    ["matrix", "--json"],
  ];
  for (const args of runs) {
    const r = await readOnly(args);
    assert.equal(JSON.parse(r.stdout).format_version, 1, args.join(" "));
  }
  const dir = await tempCopy(EXAMPLE);
  for (
    const args of [
      ["promote", "--from", "englacial", "--to", "prod", "--dry-run", "--json"],
      ["restore", "--env", "prod", "--dry-run", "--json"],
      ["init", "--force", "--dry-run", "--json"],
    ]
  ) {
    const r = await cli(dir, args);
    if (args[0] === "restore") {
      assert.equal(r.code, 2, r.stderr); // no .bak yet: an error, as JSON
      assert.equal(JSON.parse(r.stdout).error.command, "restore");
      continue;
    }
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\{\n {2}"format_version": 1,\n/, args.join(" "));
  }
  await Deno.remove(dir, { recursive: true });
  const bad = await readOnly(["diff", "--from", "englacial", "--to", "prdo", "--format", "json"]);
  assert.equal(bad.code, 2);
  assert.deepEqual(JSON.parse(bad.stdout), {
    format_version: 1,
    error: {
      command: "diff",
      message:
        'Unknown environment "prdo" (did you mean "prod"?): the environments are dev, englacial, prod',
      exit_code: 2,
    },
  });
  const usageError = await readOnly(["check", "--json", "--bogus"]);
  assert.equal(JSON.parse(usageError.stdout).error.message, 'Unknown option "--bogus"');
});

// The pull-request body of the writing commands: tests/pr_body_test.ts.
Deno.test("diff --format markdown prints the differences, for a pull request's comment", async () => {
  const diff = await readOnly([
    "diff",
    "--from",
    "englacial",
    "--to",
    "prod",
    "--format",
    "markdown",
  ]);
  assert.equal(diff.code, 0);
  assert.match(
    diff.stdout,
    /^### englacial → prod\n\n\*\*Syncable features\*\*: 4\n\n\| variable \| englacial \| prod \|\n\| --- \| --- \| --- \|\n\| `singleuser_image_tag` \| `"2025.12.18"` \| `"2025.06.02"` \|\n/,
  );
});

Deno.test("run through make (TFSYNC_MAKE=1), messages name make's words", async () => {
  const make = { TFSYNC_MAKE: "1" };
  assert.deepEqual(await readOnly(["promote", "--from", "englacial", "--to", "prod"], make), {
    code: 2,
    stdout: "",
    stderr:
      "tfsync promote: Not confirmed: no terminal to ask on; pass YES=1 to write, or DRY_RUN=1 to see the changes\n",
  });
  assert.deepEqual(await readOnly(["init"], make), {
    code: 2,
    stdout: "",
    stderr: `tfsync init: tfsync.hcl already exists: use FORCE=1 to overwrite it\n${usage("init")}`,
  });
  const check = await readOnly(["check", "--env", "prod"], make);
  assert.equal(check.code, 0);
  assert.ok(
    check.stdout.includes(
      "run 'make sync-promote SYNC_SOURCE=englacial SYNC_TARGET=prod' to promote englacial's values to prod, or 'make sync-features-to SYNC_TARGET=prod' to bring it the shared file's as they are",
    ),
    check.stdout,
  );
  // Without make, tfsync's own words.
  assert.match((await readOnly(["init"])).stderr, /use --force to overwrite it/);
});

Deno.test("make's words: each tfsync command as its make target, what make has no word for as it is", async () => {
  const { MAKE_WORDS } = await import("../commands/_make_words.ts");
  const { words } = await import("../render/words.ts");
  const { option, run } = await import("../lib/words.ts");
  const say = (...text: Array<string | ReturnType<typeof run> | ReturnType<typeof option>>) =>
    words(text, MAKE_WORDS);
  const cases: [string, string][] = [
    [say("run ", run("apply", ["to", "prod"])), "run 'make sync-features-to SYNC_TARGET=prod'"],
    [say(run("extract", ["from", "dev"])), "'make sync-features-from SYNC_SOURCE=dev'"],
    [
      say(run("promote", ["from", "a"], ["to", "b"])),
      "'make sync-promote SYNC_SOURCE=a SYNC_TARGET=b'",
    ],
    [
      say(run("sync", ["from", "a"], ["to", "b"], ["group", "dask"])),
      "'make sync-dask SYNC_SOURCE=a SYNC_TARGET=b'",
    ],
    // No target syncs chosen variables, or two groups: tfsync's words.
    [
      say(run("sync", ["from", "a"], ["to", "b"], ["vars", "x"])),
      "'tfsync sync --from a --to b --vars x'",
    ],
    [say(run("sync", ["group", "a,b"])), "'tfsync sync --group a,b'"],
    [say(run("restore", ["env", "prod"])), "'make sync-restore ENV=prod'"],
    [say(run("restore")), "'make sync-restore'"],
    [say(run("init", ["force"])), "'make sync-init FORCE=1'"],
    // An option make has no variable for goes through TFSYNC_ARGS (it was dropped).
    [
      say(run("apply", ["to", "prod"], ["prune"])),
      "'make sync-features-to SYNC_TARGET=prod TFSYNC_ARGS=--prune'",
    ],
    [
      say(run("promote", ["from", "a"], ["to", "b"], ["vars", "x"], ["prune"])),
      `'make sync-promote SYNC_SOURCE=a SYNC_TARGET=b TFSYNC_ARGS="--vars x --prune"'`,
    ],
    [say(run("init", ["help"])), "'tfsync init --help'"],
    [MAKE_WORDS.command("apply", [["to", "ENV"]]), "make sync-features-to SYNC_TARGET=ENV"],
    [
      say("pass ", option("yes"), " to write, or ", option("dry-run"), "; ", option("prune")),
      "pass YES=1 to write, or DRY_RUN=1; --prune",
    ],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

Deno.test("through make only messages change their words: a diff, a comment, a value print as they are", async () => {
  // Text that reads like tfsync's messages, in the files: the reworded diff showed
  // "# or FORCE=1: see 'make sync-features-to SYNC_TARGET=prod'" where the file says this.
  const comment = "# or --force: see 'tfsync apply --to prod'";
  const note = "# Capped at 40: pass --yes to 'tfsync apply --to prod' after FIN-118.";
  const copy = async () => {
    const dir = await tempCopy(EXAMPLE);
    const edit = async (file: string, from: RegExp, to: string) => {
      const path = join(dir, "environments", file, "terraform.tfvars");
      await Deno.writeTextFile(path, (await Deno.readTextFile(path)).replace(from, to));
    };
    await edit("englacial", /^github_enabled .*$/m, `github_enabled = false ${comment}`);
    await edit("prod", /^# Capped at 40 .*$/m, note);
    return dir;
  };
  const args = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];
  const [viaMake, plain] = [await copy(), await copy()];
  const make = await cli(viaMake, args, { TFSYNC_MAKE: "1" });
  assert.deepEqual([make.code, make.stderr], [0, ""]);
  // No message of this run names a command: make's run prints what tfsync's does, byte for byte.
  assert.equal(make.stdout, (await cli(plain, args)).stdout);
  assert.deepEqual(make.stdout.split("\n").filter((l) => l.includes("tfsync a")), [
    ` ${note}`,
    `+github_enabled           = false ${comment}`,
    "Note: environments/prod/terraform.tfvars:112: the comment above dask_cluster_max_cores " +
    `mentions its old value 40; review it: ${note}`,
  ]);
  const prod = await Deno.readTextFile(join(viaMake, "environments/prod/terraform.tfvars"));
  assert.ok(prod.includes(`\ngithub_enabled           = false ${comment}\n`), prod);
  // A message that names a command is in make's words, whatever the files around it hold.
  const extract = ["extract", "--from", "dev", "--yes", "--date", "2026-01-05"];
  const hint = async (dir: string, env = {}) =>
    (await cli(dir, extract, env)).stdout.split("\n").at(-2);
  assert.equal(
    await hint(viaMake, { TFSYNC_MAKE: "1" }),
    "Review environments/shared-features.tfvars, then run: make sync-features-to SYNC_TARGET=ENV",
  );
  assert.equal(
    await hint(plain),
    "Review environments/shared-features.tfvars, then run: tfsync apply --to ENV",
  );
});

Deno.test("matrix --format html names repository, commit and time, and sums up each environment", async () => {
  const env = {
    GITHUB_REPOSITORY: "acme/infra",
    GITHUB_SHA: "0123456789abcdef0123",
    SOURCE_DATE_EPOCH: "1767225600",
  };
  const page = (await readOnly(["matrix", "--format", "html"], env)).stdout;
  assert.ok(
    page.includes(
      '<p class="made">Repository acme/infra, commit 0123456789ab, made 2026-01-01T00:00:00Z</p>\n',
    ),
  );
  assert.ok(
    page.includes(
      '<tr class="summary"><th scope="row">Summary</th><td></td><td class="findings">dev: 8 pending</td><td class="findings">englacial: 1 pending</td><td class="findings">prod: 4 pending</td></tr>\n',
    ),
    page,
  );
  assert.ok(
    page.includes('tbody th[scope="row"], thead th:first-child { position: sticky; left: 0;'),
  );
  // Outside CI: the folder's name, no commit.
  const local = (await readOnly(["matrix", "--format", "html"], { SOURCE_DATE_EPOCH: "0" })).stdout;
  const folder = (await shared()).split("/").pop();
  assert.ok(local.includes(`<p class="made">Repository ${folder}, made 1970-01-01T00:00:00Z</p>`));
  // A SOURCE_DATE_EPOCH that is no count of seconds is refused, as by the commands that write.
  assert.deepEqual(await readOnly(["matrix", "--format", "html"], { SOURCE_DATE_EPOCH: "soon" }), {
    code: 2,
    stdout: "",
    stderr: 'tfsync matrix: Invalid SOURCE_DATE_EPOCH "soon": expected seconds\n' + usage("matrix"),
  });
});
