// tools/compile.ts: the deno compile call, the embedded wasm modules, SHA256SUMS, and — where a
// denort runtime is available — the compiled binary run side by side with `deno run mod.ts`.
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import denoJson from "../deno.json" with { type: "json" };
import { PERMISSION_FLAGS } from "../tools/permissions.ts";
import {
  assertEmbedded,
  binaryName,
  compile,
  COMPILE_CONFIG,
  compileArgs,
  compileEnv,
  denoInfo,
  reachableNpmPackages,
  ROOT,
  type Target,
  TARGETS,
  wasmAssets,
} from "../tools/compile.ts";

const VERSION = denoJson.version;
const HOST = (TARGETS as readonly string[]).includes(Deno.build.target)
  ? Deno.build.target as Target
  : undefined;
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("binaryName() names the release files, .exe for windows only", () => {
  assert.deepEqual(TARGETS.map((t) => binaryName(t, "1.2.3")), [
    "tfsync-1.2.3-x86_64-unknown-linux-gnu",
    "tfsync-1.2.3-aarch64-unknown-linux-gnu",
    "tfsync-1.2.3-x86_64-apple-darwin",
    "tfsync-1.2.3-aarch64-apple-darwin",
    "tfsync-1.2.3-x86_64-pc-windows-msvc.exe",
  ]);
  assert.equal(binaryName("x86_64-apple-darwin"), `tfsync-${VERSION}-x86_64-apple-darwin`);
});

Deno.test("compileArgs() bakes in exactly the permissions of tools/permissions.ts", () => {
  assert.deepEqual(compileArgs("aarch64-apple-darwin", "/out/tfsync"), [
    "compile",
    "--quiet",
    "--config",
    join(ROOT, "deno.compile.json"),
    "--target",
    "aarch64-apple-darwin",
    "--output",
    "/out/tfsync",
    ...PERMISSION_FLAGS,
    "--v8-flags=--liftoff-only",
    join(ROOT, "mod.ts"),
  ]);
  assert.deepEqual(PERMISSION_FLAGS, [
    "--allow-read",
    "--allow-write",
    "--allow-env=NO_COLOR,TERM,SOURCE_DATE_EPOCH,CI,GITHUB_ACTIONS,GITHUB_REPOSITORY,GITHUB_SHA,TFSYNC_DEBUG,TFSYNC_MAKE",
    "--ignore-env",
    "--deny-import",
    "--no-prompt",
  ]);
});

Deno.test("compileEnv() hands DENORT_BIN to the host target only", () => {
  const env = { DENORT_BIN: "/opt/denort", PATH: "/bin" };
  const other = TARGETS.find((t) => t !== Deno.build.target)!;
  assert.deepEqual(compileEnv(other, env), { PATH: "/bin" });
  if (HOST) assert.deepEqual(compileEnv(HOST, env), env);
  assert.deepEqual(compileEnv(other, { PATH: "/bin" }), { PATH: "/bin" });
});

Deno.test("reachableNpmPackages() follows mod.ts's graph, not the config's import map", () => {
  const info = {
    modules: [
      { dependencies: [{}, { npmPackage: "@cdktn/hcl2json@0.24.0" }] },
      { npmPackage: "@cdktn/hcl2json@0.24.0" },
      {},
    ],
    npmPackages: {
      "@cdktn/hcl2json@0.24.0": { dependencies: ["fs-extra@11.3.6"] },
      "fs-extra@11.3.6": { dependencies: ["graceful-fs@4.2.12"] },
      "graceful-fs@4.2.12": {},
      "fast-check@4.10.2": { dependencies: ["pure-rand@8.4.2"] },
      "pure-rand@8.4.2": {},
    },
  };
  assert.deepEqual(reachableNpmPackages(info), [
    "@cdktn/hcl2json@0.24.0",
    "fs-extra@11.3.6",
    "graceful-fs@4.2.12",
  ]);
  assert.deepEqual(reachableNpmPackages({}), []);
});

Deno.test("compile.ts rejects an unknown target and an unknown option with exit 2", async () => {
  for (
    const [args, message] of <[string[], string][]> [
      [
        ["--target", "riscv64-unknown-none"],
        'compile: unknown target "riscv64-unknown-none"; targets: ',
      ],
      [["--bogus"], "compile: Unknown option '--bogus'"],
    ]
  ) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "tools", "compile.ts"), ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 2);
    assert.ok(decode(out.stderr).startsWith(message), decode(out.stderr));
  }
});

// --- Building: with a stand-in runtime, and with a real one when there is one ----------------

/** A denort for the host, or why there is none. */
async function denortRuntime(): Promise<{ reason?: string }> {
  const bin = Deno.env.get("DENORT_BIN");
  if (bin !== undefined) {
    return (await exists(bin)) ? {} : { reason: `DENORT_BIN=${bin} does not exist` };
  }
  if (!HOST) return { reason: `${Deno.build.target} is not a release target` };
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  const denoDir = JSON.parse(decode(info.stdout)).denoDir as string;
  const zip = join(denoDir, "dl", "release", `v${Deno.version.deno}`, `denort-${HOST}.zip`);
  if (await exists(zip)) return {};
  if (
    Deno.env.get("GITHUB_ACTIONS") === "true" || Deno.env.get("TFSYNC_TEST_DENORT_DOWNLOAD") === "1"
  ) {
    return {}; // deno compile downloads it
  }
  return {
    reason: `DENORT_BIN is unset and ${zip} is missing (downloads are tried only on GitHub ` +
      `Actions or with TFSYNC_TEST_DENORT_DOWNLOAD=1)`,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs compile() with DENORT_BIN set to `runtime` (or as it is when undefined). */
async function compileHost(outDir: string, runtime?: string): Promise<string> {
  const saved = Deno.env.get("DENORT_BIN");
  if (runtime !== undefined) Deno.env.set("DENORT_BIN", runtime);
  try {
    const [binary] = await compile({ targets: [HOST!], outDir });
    return binary;
  } finally {
    if (saved === undefined) Deno.env.delete("DENORT_BIN");
    else Deno.env.set("DENORT_BIN", saved);
  }
}

// Any executable of the host's format stands in for denort: deno compile appends the program to
// it, so everything but running the result can be checked without the real runtime.
const STAND_IN = Deno.build.os === "linux" && HOST ? "/usr/bin/true" : undefined;

Deno.test({
  name: STAND_IN
    ? "compile.ts builds the host target, embeds the hcl wasm modules and writes SHA256SUMS"
    : "compile.ts builds the host target (skipped: no stand-in runtime on this OS)",
  ignore: STAND_IN === undefined,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tfsync_compile_" });
    try {
      const binary = await compileHost(dir, STAND_IN);
      assert.equal(binary, join(dir, binaryName(HOST!)));
      // Each wasm module an npm package of the graph reads at run time is in the binary.
      const info = await denoInfo();
      const reached = reachableNpmPackages(info);
      const assets = await wasmAssets(info);
      const imports: Record<string, string | undefined> = denoJson.imports;
      const wasmOf = (name: string) => {
        const id = imports[name]?.slice("npm:".length) ?? "";
        return reached.includes(id) ? [`${id.replace(/@(?=[^@]*$)/, "/")}/main.wasm.gz`] : [];
      };
      assert.deepEqual(
        assets.map((a) => a.split("/").slice(-4).join("/")).filter((a) => a.endsWith(".wasm.gz")),
        [...wasmOf("@cdktn/hcl2json"), ...wasmOf("@cdktf/hcl-tools")].sort(),
      );
      if (assets.length > 0) {
        await assert.rejects(assertEmbedded(STAND_IN!, assets), /does not embed/);
      }
      await assertEmbedded(binary, assets);
      assert.equal(
        await Deno.readTextFile(join(dir, "SHA256SUMS")),
        `${await sha256(binary)}  ${binaryName(HOST!)}\n`,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

const runtime = await denortRuntime();

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string[], cwd: string): Promise<Result> {
  const [program, ...args] = command;
  const out = await new Deno.Command(program, {
    args,
    cwd,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      NO_COLOR: "1",
      SOURCE_DATE_EPOCH: "1767225600",
    },
    stdin: "null",
  }).output();
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

async function tree(dir: string, prefix = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory) Object.assign(files, await tree(dir, path));
    else files[path] = await Deno.readTextFile(join(dir, path));
  }
  return files;
}

/** Calls the example's commands would get; run through both, they must answer alike. */
async function endToEndCalls(example: string): Promise<string[][]> {
  const envs: string[] = [];
  for await (const e of Deno.readDir(join(example, "environments"))) {
    if (e.isDirectory) envs.push(e.name);
  }
  envs.sort();
  const from = envs.includes("englacial") ? "englacial" : envs[0];
  const to = envs.includes("prod") ? "prod" : envs.find((e) => e !== from)!;
  return [
    ["diff", "--from", from, "--to", to],
    ["diff", "--from", from, "--to", to, "--json"],
    ["check", "--format", "json"],
    ["promote", "--from", from, "--to", to, "--yes", "--date", "2026-01-01"],
    ["diff", "--from", "no-such-environment", "--to", to],
  ];
}

Deno.test({
  name: runtime.reason
    ? `compiled tfsync runs like deno run mod.ts (skipped: no denort runtime: ${runtime.reason})`
    : "compiled tfsync runs like deno run mod.ts: --version, --help, the example and the subprocess suite",
  ignore: runtime.reason !== undefined || !HOST,
  sanitizeResources: false,
  async fn(t) {
    const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tfsync_compiled_" }));
    try {
      const binary = await compileHost(join(dir, "dist"));
      const denoRun = [
        Deno.execPath(),
        "run",
        "--config",
        join(ROOT, "deno.json"),
        ...PERMISSION_FLAGS,
        join(ROOT, "mod.ts"),
      ];

      await t.step("--version prints the version from deno.json", async () => {
        assert.deepEqual(await run([binary, "--version"], dir), {
          code: 0,
          stdout: `tfsync ${VERSION}\n`,
          stderr: "",
        });
      });

      await t.step("--help is mod.ts's", async () => {
        const help = await run([binary, "--help"], dir);
        assert.equal(help.code, 0);
        assert.ok(help.stdout.startsWith(`tfsync ${VERSION}: `), help.stdout);
        assert.deepEqual(help, await run([...denoRun, "--help"], dir));
      });

      const example = join(ROOT, "fixtures", "example");
      if (await exists(join(example, "environments"))) {
        const root = join(dir, "root");
        for (const call of await endToEndCalls(example)) {
          await t.step(`tfsync ${call.join(" ")} answers and writes as deno run does`, async () => {
            const results = [];
            for (const command of [denoRun, [binary]]) {
              await Deno.remove(root, { recursive: true }).catch(() => {});
              await cp(example, root, { recursive: true });
              const result = await run([...command, ...call, "--root", root], dir);
              results.push({ ...result, files: await tree(root) });
            }
            assert.deepEqual(results[1], results[0]);
          });
        }
      }

      // The subprocess suite, pointed at the binary: it runs TFSYNC_BIN instead of mod.ts.
      for await (const entry of Deno.readDir(join(ROOT, "tests"))) {
        if (entry.name !== "cli_test.ts") continue;
        await t.step(`${entry.name} passes against the binary`, async () => {
          const out = await new Deno.Command(Deno.execPath(), {
            args: ["test", "-A", join(ROOT, "tests", entry.name)],
            cwd: ROOT,
            env: { TFSYNC_BIN: binary, NO_COLOR: "1" },
          }).output();
          assert.equal(
            out.code,
            0,
            decode(out.stdout).slice(-4000) + decode(out.stderr).slice(-2000),
          );
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("the binary is built from an import map without the test-only packages", async () => {
  const compile = JSON.parse(await Deno.readTextFile(join(ROOT, COMPILE_CONFIG)));
  const testOnly = ["fast-check", "@cdktf/hcl-tools", "yaml"];
  const imports: Record<string, string> = denoJson.imports;
  // The same versions as deno.json's, minus the test-only ones.
  assert.deepEqual(
    compile.imports,
    Object.fromEntries(Object.entries(imports).filter(([k]) => !testOnly.includes(k))),
  );
  assert.deepEqual(compile.compilerOptions, denoJson.compilerOptions);
  // What `deno info` says the compile would include: no test-only package, not even through the
  // config's import map (deno info lists those too).
  const packages = Object.keys((await denoInfo()).npmPackages ?? {}).map((id) =>
    id.replace(/@[^@]*$/, "")
  );
  assert.deepEqual(packages.filter((p) => testOnly.includes(p)), []);
  assert.ok(packages.includes("@cdktn/hcl2json"), packages.join(", "));
  // deno.json's own graph would list them: the check above can fail.
  const withTests = new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", join(ROOT, "deno.json"), join(ROOT, "mod.ts")],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  const all = Object.keys(JSON.parse(new TextDecoder().decode(withTests.stdout)).npmPackages ?? {});
  assert.ok(all.some((id) => id.startsWith("fast-check@")), all.join(", "));
});
