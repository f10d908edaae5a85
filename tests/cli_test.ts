// The one subprocess suite: tfsync as its users run it — `deno run` of mod.ts with exactly the
// permission flags the compiled binary ships with, or the binary itself when TFSYNC_BIN names it
// (tests/compile_test.ts runs this file so). Only what a process shows is here: exit codes,
// permissions, the terminal prompt on a pty, symlinks, module loading and the Makefile; every
// other behaviour runs in-process (tests/_cli.ts tfsync()).
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import {
  changedPaths,
  EXAMPLE,
  needs,
  REPO,
  run,
  snapshotTree,
  tempCopy,
  testIo,
  tfsyncArgv,
  tfsyncProcess as tfsync,
  which,
  withCopy,
} from "./_cli.ts";
import { PERMISSION_FLAGS } from "../tools/permissions.ts";
import { parse } from "../lib/hcl/document.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { VerificationError } from "../lib/hcl/errors.ts";
import { guard } from "../commands/_options.ts";

const GOLDEN = join(REPO, "tests", "testdata", "sync");
const PROMOTED_PROD = join(
  GOLDEN,
  "promote_englacial_prod/want/environments/prod/terraform.tfvars",
);
const DATE = "2026-01-05";
const MAKE = Deno.build.os === "windows" ? undefined : which("make");
const SCRIPT = Deno.build.os === "linux" ? which("script") : undefined;
const PROD = "environments/prod/terraform.tfvars";
const ENGLACIAL = "environments/englacial/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--date", DATE];

const read = (root: string, path: string) => Deno.readTextFile(join(root, path));
const write = (root: string, path: string, text: string) =>
  Deno.writeTextFile(join(root, path), text);

// --- exit codes -----------------------------------------------------------------------------------

Deno.test("tfsync --help lists every command and --version prints the version", async () => {
  const help = await tfsync(REPO, ["--help"]);
  assert.equal(help.code, 0);
  for (const name of ["extract", "apply", "diff", "promote", "backport", "sync"]) {
    assert.match(help.stdout, new RegExp(`^  ${name} `, "m"));
  }
  const version = await tfsync(REPO, ["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^tfsync \d+\.\d+\.\d+\n$/);
});

Deno.test("an unknown command or flag exits 2 with a reason on stderr", async () => {
  const cmd = await tfsync(REPO, ["sync-all"]);
  assert.equal(cmd.code, 2);
  assert.match(
    cmd.stderr,
    /^tfsync: Unknown command "sync-all": the commands are extract, apply, diff,/,
  );
  const flag = await tfsync(REPO, ["promote", "--from", "a", "--to", "b", "--exit-code"]);
  assert.equal(flag.code, 2);
  assert.equal(
    flag.stderr,
    "tfsync promote: Unknown option \"--exit-code\"\nRun 'tfsync promote --help' for usage.\n",
  );
});

Deno.test("bad input exits 2 with one line on stderr, nothing on stdout, writing nothing", async () => {
  await withCopy(async (root) => {
    const before = await snapshotTree(root);
    const r = await tfsync(root, ["promote", "--from", "englacial", "--to", "staging", "--yes"]);
    assert.deepEqual(r, {
      code: 2,
      stdout: "",
      stderr:
        'tfsync promote: Unknown environment "staging": the environments are dev, englacial, prod\n',
    });
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

// An edit hashicorp/hcl reads differently from tfsync is a bug: exit 3, nothing written. It is
// reached through the one input known where tfsync's parser is more lenient than hcl's.
const LENIENT = 'singleuser_image_name = "%{if}"\n';
let lenient = false;
try {
  parse(LENIENT, "t", { tfvars: true });
  lenient = await readWithHcl(LENIENT, "t").then(() => false, () => true);
} catch {
  lenient = false;
}
needs(
  { "a text tfsync reads and hcl rejects": lenient ? "yes" : undefined },
  "a failed verification exits 3 and writes nothing",
  async () => {
    await withCopy(async (root) => {
      const text = await read(root, ENGLACIAL);
      await write(root, ENGLACIAL, text.replace(/^singleuser_image_name = .*$/m, LENIENT.trim()));
      const before = await snapshotTree(root);
      const r = await tfsync(root, [...PROMOTE, "--yes"]);
      assert.equal(r.code, 3);
      assert.match(
        r.stderr,
        /^tfsync promote: environments\/shared-features.tfvars:\d+:\d+: hashicorp\/hcl rejects the edited text: .* \(a bug in tfsync: nothing was written\)\n$/,
      );
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    });
  },
);

// The mapping of a failed verification to exit 3, whatever the text that failed it (the test above
// needs one that tfsync reads and hcl rejects, and there may be none).
Deno.test("a VerificationError from a command is one line with its place and exit 3", async () => {
  const io = testIo(REPO);
  const code = await guard("promote", "", io, () => {
    throw new VerificationError("hashicorp/hcl rejects the edited text: Invalid expression", {
      file: "environments/prod/terraform.tfvars",
      line: 12,
      column: 5,
    });
  });
  assert.equal(code, 3);
  assert.equal(
    io.err,
    "tfsync promote: environments/prod/terraform.tfvars:12:5: hashicorp/hcl rejects the edited text: Invalid expression (a bug in tfsync: nothing was written)\n",
  );
  assert.equal(io.out, "");
});

// --- permissions and symlinks ----------------------------------------------------------------------

Deno.test("a folder tfsync may not write to: exit 2 before any file is written", async () => {
  await withCopy(async (root) => {
    const permissions = PERMISSION_FLAGS.map((f) =>
      f === "--allow-write" ? `--allow-write=${root} --deny-write=${join(root, dirname(PROD))}` : f
    ).flatMap((f) => f.split(" "));
    const before = await snapshotTree(root);
    const r = await tfsync(root, [...PROMOTE, "--yes"], { permissions });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "tfsync promote: environments/prod/terraform.tfvars.bak: Cannot write the file: permission denied; nothing was written\n",
    );
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
  });
});

Deno.test("a symlinked tfvars is edited through the link, which stays a link", async () => {
  await withCopy(async (root) => {
    await Deno.mkdir(join(root, "real"));
    await Deno.rename(join(root, PROD), join(root, "real/prod.tfvars"));
    await Deno.symlink("../../real/prod.tfvars", join(root, PROD));
    const r = await tfsync(root, [...PROMOTE, "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await Deno.lstat(join(root, PROD))).isSymlink);
    assert.equal(
      await read(root, "real/prod.tfvars"),
      await Deno.readTextFile(PROMOTED_PROD),
    );
    assert.equal(
      await read(root, PROD + ".bak"),
      await Deno.readTextFile(join(EXAMPLE, PROD)),
    );
  });
});

Deno.test("restore writes through a symlinked tfvars and says when there is nothing to do", async () => {
  const dir = await tempCopy(EXAMPLE);
  const link = join(dir, "environments/dev/terraform.tfvars");
  const target = join(dir, "dev.tfvars");
  await Deno.rename(link, target);
  await Deno.symlink(target, link);
  await Deno.writeTextFile(link + ".bak", 'region = "old"\n');
  const out = await tfsync(dir, ["restore", "--env", "dev", "-y"]);
  assert.equal(out.code, 0);
  assert.ok((await Deno.lstat(link)).isSymlink);
  assert.equal(await Deno.readTextFile(target), 'region = "old"\n');
  await Deno.writeTextFile(link + ".bak", 'region = "old"\n');
  const same = await tfsync(dir, ["restore", "--env", "dev", "-y"]);
  assert.deepEqual([same.code, same.stdout], [
    0,
    "environments/dev/terraform.tfvars is the same as environments/dev/terraform.tfvars.bak: nothing to restore\n",
  ]);
});

// --- the prompt on a terminal ----------------------------------------------------------------------

needs({ script: SCRIPT }, "promote on a real terminal (a pty) writes after Enter", async () => {
  await withCopy(async (root) => {
    // CI never prompts (CI=true): this test is about a person at a terminal.
    const cmd = ["env", "-u", "CI", ...tfsyncArgv(), ...PROMOTE].map((a) => `'${a}'`).join(" ");
    const r = await run(SCRIPT!, ["-qec", cmd, "/dev/null"], { cwd: root, stdin: "\n" });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /Press Enter to continue/);
    assert.ok(r.stdout.includes("\x1b[32m+dask_cluster_max_cores = 200 "), "the diff is coloured");
    assert.match(await read(root, PROD), /^dask_cluster_max_cores = 200 /m);
  });
});

needs({ script: SCRIPT }, "promote asks on the terminal when only stdout is piped", async () => {
  await withCopy(async (root) => {
    const cmd = ["env", "-u", "CI", ...tfsyncArgv(), ...PROMOTE].map((a) => `'${a}'`).join(" ");
    const before = await snapshotTree(root);
    // stdin is the pty, stdout a pipe: the preview and the question go to the terminal (stderr).
    const no = await run(SCRIPT!, ["-qec", `${cmd} > out.log`, "/dev/null"], {
      cwd: root,
      stdin: "n\n",
    });
    assert.equal(no.code, 1, no.stdout);
    assert.match(no.stdout, /Press Enter to continue/);
    assert.match(no.stdout, /tfsync promote: Cancelled: nothing written/);
    assert.equal(await read(root, "out.log"), "");
    await Deno.remove(join(root, "out.log"));
    assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
    const yes = await run(SCRIPT!, ["-qec", `${cmd} > out.log`, "/dev/null"], {
      cwd: root,
      stdin: "\n",
    });
    assert.equal(yes.code, 0, yes.stdout);
    assert.match(await read(root, "out.log"), /\nWrote environments\/prod\/terraform.tfvars/);
    assert.match(await read(root, PROD), /^dask_cluster_max_cores = 200 /m);
  });
});

needs(
  { script: SCRIPT },
  "on a terminal, only a NO_COLOR that is not empty turns colour off, and TERM=dumb",
  async () => {
    // no-color.org: "when present and not an empty string"; mod.ts reads it, so a real terminal.
    const diff = (noColor: string, term = "xterm") =>
      run(SCRIPT!, [
        "-qec",
        [
          "env",
          `NO_COLOR=${noColor}`,
          `TERM=${term}`,
          ...tfsyncArgv(),
          "diff",
          "--from",
          "englacial",
          "--to",
          "prod",
        ]
          .map((a) => `'${a}'`).join(" "),
        "/dev/null",
      ], { cwd: EXAMPLE });
    const [empty, one, dumb] = [await diff(""), await diff("1"), await diff("", "dumb")];
    assert.deepEqual([empty.code, one.code, dumb.code], [0, 0, 0]);
    assert.ok(empty.stdout.includes("\x1b[1m"), "coloured with NO_COLOR=''");
    assert.ok(!one.stdout.includes("\x1b["), "no colour with NO_COLOR=1");
    // A dumb terminal (Emacs' shell, some CI consoles) would show the escape codes as text.
    assert.ok(!dumb.stdout.includes("\x1b["), "no colour with TERM=dumb");
  },
);

// --- module loading --------------------------------------------------------------------------------

Deno.test("hcl2json is never a static import of mod.ts, so diff does not load it", async () => {
  const out = await run(Deno.execPath(), ["info", "--json", join(REPO, "mod.ts")], { cwd: REPO });
  const info = JSON.parse(out.stdout);
  const staticNpm: string[] = [];
  for (const m of info.modules) {
    for (const d of m.dependencies ?? []) {
      const spec: string | undefined = d.code?.specifier;
      if (spec?.startsWith("npm:") && !d.isDynamic) staticNpm.push(spec);
    }
  }
  assert.deepEqual(staticNpm.filter((s) => /hcl2json/.test(s)), []);
});

Deno.test("check never loads hcl2json, even on a syntax error", async () => {
  const dir = await tempCopy(EXAMPLE);
  await Deno.writeTextFile(join(dir, "environments/dev/terraform.tfvars"), "x = [\n", {
    append: true,
  });
  // A deno.json whose hcl2json import throws when loaded.
  const config = JSON.parse(await Deno.readTextFile(join(REPO, "deno.json")));
  await Deno.writeTextFile(join(dir, "boom.js"), 'throw new Error("hcl2json was loaded");\n');
  config.imports["@cdktn/hcl2json"] = `file://${join(dir, "boom.js")}`;
  delete config.tasks;
  await Deno.writeTextFile(join(dir, "deno-boom.json"), JSON.stringify(config));
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-lock",
      "--config",
      join(dir, "deno-boom.json"),
      ...PERMISSION_FLAGS,
      join(REPO, "mod.ts"),
      "check",
      "--root",
      dir,
    ],
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 1, new TextDecoder().decode(out.stderr));
  assert.match(stdout, /Unterminated tuple: missing "\]" \[syntax\]/);
});

// --- the Makefile ----------------------------------------------------------------------------------

needs(
  { make: MAKE },
  "the Makefile's targets run tfsync on the directory make runs in",
  async () => {
    await withCopy(async (root) => {
      const env = {
        PATH: [...new Set([dirname(Deno.execPath()), dirname(MAKE!), "/usr/bin", "/bin"])].join(
          ":",
        ),
        HOME: Deno.env.get("HOME") ?? root,
        ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      };
      const make = (...args: string[]) =>
        run(MAKE!, ["-s", "-f", join(REPO, "Makefile"), "-C", root, ...args], { env });
      const diff = await make("sync-diff", "SYNC_SOURCE=englacial", "SYNC_TARGET=prod");
      assert.equal(diff.code, 0, diff.stderr);
      assert.equal(
        diff.stdout,
        await Deno.readTextFile(join(GOLDEN, "diff_englacial_prod/stdout")),
      );
      const gate = await make(
        "sync-diff",
        "SYNC_SOURCE=englacial",
        "SYNC_TARGET=prod",
        "EXIT_CODE=1",
      );
      assert.notEqual(gate.code, 0);
      const refuse = await make("sync-promote", "SYNC_SOURCE=englacial", "SYNC_TARGET=prod");
      assert.notEqual(refuse.code, 0);
      assert.match(refuse.stderr, /Not confirmed: no terminal to ask on/);
      const promote = await make(
        ...["sync-promote", "SYNC_SOURCE=englacial", "SYNC_TARGET=prod", "YES=1"],
        `TFSYNC_ARGS=--date ${DATE}`,
      );
      assert.equal(promote.code, 0, promote.stderr);
      assert.equal(
        await read(root, PROD),
        await Deno.readTextFile(PROMOTED_PROD),
      );
      const dask = await make("sync-dask", "SYNC_SOURCE=englacial", "SYNC_TARGET=dev", "DRY_RUN=1");
      assert.equal(dask.code, 0, dask.stderr);
      assert.match(dask.stdout, /^\+dask_cluster_max_cores = 200 /m);
      const unknown = await make("sync-gpu", "SYNC_SOURCE=englacial", "SYNC_TARGET=dev");
      assert.notEqual(unknown.code, 0);
      assert.match(
        unknown.stderr,
        /Unknown group "gpu": the groups are images, dask, timeouts, features/,
      );
    });
  },
);
