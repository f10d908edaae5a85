// deno task compile [--target TARGET]… [--out-dir DIR]
// Builds dist/tfsync-<version>-<target> with `deno compile` for the release targets, the
// narrow permissions of tools/permissions.ts baked in, checks that the wasm modules the npm
// dependencies read at run time are embedded, and writes dist/SHA256SUMS.
//
// deno compile joins the program to `denort`, a runtime it downloads once per target (into
// DENO_DIR/dl). DENORT_BIN, a local denort, replaces that download: it is a host binary, so it is
// used for the host target only.
import { Buffer } from "node:buffer";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import denoJson from "../deno.json" with { type: "json" };
import { RUN_FLAGS } from "./permissions.ts";

export const VERSION: string = denoJson.version;
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));

export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;
export type Target = typeof TARGETS[number];

/**
 * Files embedded besides the module graph. None today: deno compile embeds every npm package of
 * the graph whole, so the wasm modules that @cdktn/hcl2json and @cdktf/hcl-tools read next to
 * their code (main.wasm.gz, through node:fs) are in the binary; `assertEmbedded` checks it.
 */
const INCLUDES: readonly string[] = [];

/**
 * The configuration the binary is built from: deno.json's compiler options and the import map
 * without the test-only packages (fast-check, @cdktf/hcl-tools, yaml), with its own lock file, so
 * nothing only a test uses can be embedded (tests/compile_test.ts checks it with `deno info`).
 */
export const COMPILE_CONFIG = "deno.compile.json";

const USAGE = `Usage: deno task compile [--target TARGET]... [--out-dir DIR]

Builds DIR/tfsync-${VERSION}-TARGET (.exe for windows) for each TARGET (default: all) and DIR/SHA256SUMS.
DIR defaults to dist/. DENORT_BIN, a local denort runtime, is used for the host target (${Deno.build.target}).

Targets:
${TARGETS.map((t) => `  ${t}`).join("\n")}
`;

export function binaryName(target: Target, version = VERSION): string {
  return `tfsync-${version}-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/** The arguments of `deno compile` for one target. */
export function compileArgs(target: Target, output: string): string[] {
  return [
    "compile",
    "--quiet",
    "--config",
    join(ROOT, COMPILE_CONFIG),
    "--target",
    target,
    "--output",
    output,
    ...INCLUDES.flatMap((path) => ["--include", join(ROOT, path)]),
    ...RUN_FLAGS,
    join(ROOT, "mod.ts"),
  ];
}

/** deno compile's environment: DENORT_BIN only where it is a runtime for the target. */
export function compileEnv(target: Target, env: Record<string, string>): Record<string, string> {
  if (target === Deno.build.target || env.DENORT_BIN === undefined) return env;
  const { DENORT_BIN: _, ...rest } = env;
  return rest;
}

async function deno(
  args: string[],
  env: Record<string, string> = Deno.env.toObject(),
): Promise<Deno.CommandOutput> {
  return await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
}

export interface DenoInfo {
  modules?: { npmPackage?: string; dependencies?: { npmPackage?: string }[] }[];
  npmPackages?: Record<string, { localPath?: string; dependencies?: string[] }>;
}

/** The npm packages mod.ts reaches (`deno info` also lists the config's unused ones), by id. */
export function reachableNpmPackages(info: DenoInfo): string[] {
  const packages = info.npmPackages ?? {};
  const seen = new Set<string>();
  const pending = (info.modules ?? []).flatMap((m) => [
    m.npmPackage,
    ...(m.dependencies ?? []).map((d) => d.npmPackage),
  ]);
  while (pending.length > 0) {
    const id = pending.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    pending.push(...(packages[id]?.dependencies ?? []));
  }
  return [...seen].sort();
}

/** `deno info --json mod.ts`. */
export async function denoInfo(): Promise<DenoInfo> {
  const out = await deno(["info", "--json", "--config", COMPILE_CONFIG, join(ROOT, "mod.ts")]);
  if (!out.success) throw new Error(`deno info failed: ${new TextDecoder().decode(out.stderr)}`);
  return JSON.parse(new TextDecoder().decode(out.stdout)) as DenoInfo;
}

/** The wasm files of the npm packages mod.ts reaches, as the npm cache holds them. */
export async function wasmAssets(info?: DenoInfo): Promise<string[]> {
  info ??= await denoInfo();
  const assets: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory && entry.name !== "node_modules") walk(path);
      else if (entry.isFile && /\.wasm(\.gz)?$/.test(entry.name)) assets.push(path);
    }
  };
  for (const id of reachableNpmPackages(info)) {
    const dir = info.npmPackages?.[id]?.localPath;
    if (dir) walk(dir);
  }
  return assets.sort();
}

/** Throws unless each asset's bytes are inside the binary. */
export async function assertEmbedded(binary: string, assets: string[]): Promise<void> {
  const bytes = Buffer.from(await Deno.readFile(binary));
  for (const asset of assets) {
    if (bytes.indexOf(Buffer.from(await Deno.readFile(asset))) < 0) {
      throw new Error(`${binary} does not embed ${asset}`);
    }
  }
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA256SUMS of every release binary of this version in outDir, as sha256sum -c reads it. */
export async function writeSums(outDir: string): Promise<string> {
  const names = TARGETS.map((t) => binaryName(t)).filter((name) => {
    try {
      return Deno.statSync(join(outDir, name)).isFile;
    } catch {
      return false;
    }
  });
  const lines = [];
  for (const name of names) lines.push(`${await sha256(join(outDir, name))}  ${name}\n`);
  const path = join(outDir, "SHA256SUMS");
  await Deno.writeTextFile(path, lines.join(""));
  return path;
}

export interface CompileOptions {
  targets: readonly Target[];
  outDir: string;
  log?: (line: string) => void;
}

/** Builds each target into outDir and rewrites SHA256SUMS; returns the binaries' paths. */
export async function compile(
  { targets, outDir, log = () => {} }: CompileOptions,
): Promise<string[]> {
  await Deno.mkdir(outDir, { recursive: true });
  const assets = await wasmAssets();
  const env = Deno.env.toObject();
  const built = [];
  for (const target of targets) {
    const output = join(outDir, binaryName(target));
    if (env.DENORT_BIN !== undefined && target !== Deno.build.target) {
      log(
        `${target}: DENORT_BIN is a ${Deno.build.target} runtime; deno compile downloads this target's`,
      );
    }
    const out = await deno(compileArgs(target, output), compileEnv(target, env));
    if (!out.success) {
      const stderr = new TextDecoder().decode(out.stderr).trim();
      const hint = stderr.includes("base binary")
        ? `\nNo denort runtime for ${target}: deno compile downloads denort-${target}.zip into ` +
          `DENO_DIR/dl/release/v${Deno.version.deno}/; put it there, or set DENORT_BIN to a local ` +
          `denort (host target only).`
        : "";
      throw new Error(`deno compile --target ${target} failed:\n${stderr}${hint}`);
    }
    await assertEmbedded(output, assets);
    log(`${output} (${assets.length} wasm module${assets.length === 1 ? "" : "s"} embedded)`);
    built.push(output);
  }
  log(await writeSums(outDir));
  return built;
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        target: { type: "string", multiple: true },
        "out-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`compile: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const targets = values.target ?? [...TARGETS];
  const unknown = targets.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    console.error(`compile: unknown target "${unknown[0]}"; targets: ${TARGETS.join(", ")}`);
    return 2;
  }
  try {
    await compile({
      targets: targets as Target[],
      outDir: values["out-dir"] ?? join(ROOT, "dist"),
      log: (line) => console.log(line),
    });
    return 0;
  } catch (e) {
    console.error(`compile: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
