// Running tfsync as its users do: `deno run` of mod.ts in a subprocess, with exactly the
// permission flags the compiled binary ships with, on a temporary copy of a fixture.
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PERMISSION_FLAGS } from "../tools/permissions.ts";

export const REPO: string = dirname(dirname(fileURLToPath(import.meta.url)));
export const EXAMPLE: string = join(REPO, "fixtures", "example");
export const CORPUS: string = join(REPO, "..", "shared", "corpus");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment variables (the child gets only these, HOME, PATH and DENO_DIR). */
  env?: Record<string, string>;
  /** Replaces PERMISSION_FLAGS (a test that needs a narrower write permission). */
  permissions?: readonly string[];
}

const decoder = new TextDecoder();

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["HOME", "PATH", "DENO_DIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * The argv that runs tfsync: deno run --config deno.json <permission flags> mod.ts, or the
 * compiled binary named by TFSYNC_BIN (the compile test runs the suites against it).
 */
export function tfsyncArgv(permissions: readonly string[] = PERMISSION_FLAGS): string[] {
  const binary = Deno.env.get("TFSYNC_BIN");
  if (binary && permissions === PERMISSION_FLAGS) return [binary];
  return [
    Deno.execPath(),
    "run",
    "--quiet",
    "--config",
    join(REPO, "deno.json"),
    ...permissions,
    join(REPO, "mod.ts"),
  ];
}

/** Runs `tfsync ARGS` in `cwd` with stdin closed (no terminal). */
export async function tfsync(
  cwd: string,
  args: string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const [cmd, ...rest] = tfsyncArgv(options.permissions);
  const out = await new Deno.Command(cmd, {
    args: [...rest, ...args],
    cwd,
    clearEnv: true,
    env: { ...baseEnv(), ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A temporary copy of a folder (symlinks copied as symlinks). */
export async function tempCopy(from: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "tfsync-test-" });
  await copyTree(from, dir);
  return dir;
}

export async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isSymlink) await Deno.symlink(await Deno.readLink(src), dst);
    else if (entry.isDirectory) await copyTree(src, dst);
    else await Deno.copyFile(src, dst);
  }
}

/** Every entry under `dir`: relative path → content hash (symlinks: their target), and mtime. */
export interface TreeEntry {
  hash: string;
  mtime: number;
}

export async function snapshotTree(dir: string): Promise<Map<string, TreeEntry>> {
  const out = new Map<string, TreeEntry>();
  const walk = async (d: string) => {
    for await (const entry of Deno.readDir(d)) {
      const path = join(d, entry.name);
      const rel = relative(dir, path);
      const info = await Deno.lstat(path);
      if (entry.isDirectory) {
        out.set(rel + "/", { hash: "dir", mtime: 0 });
        await walk(path);
        continue;
      }
      // A FIFO or device is named, never read (reading a FIFO waits for a writer).
      const data = entry.isSymlink
        ? new TextEncoder().encode("-> " + await Deno.readLink(path))
        : info.isFile
        ? await Deno.readFile(path)
        : new TextEncoder().encode(`special ${info.mode}`);
      const digest = await crypto.subtle.digest("SHA-256", data);
      const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      out.set(rel, { hash, mtime: info.mtime?.getTime() ?? 0 });
    }
  };
  await walk(dir);
  return out;
}

/** The relative paths whose content (or existence) differs between two snapshots, sorted. */
export function changedPaths(a: Map<string, TreeEntry>, b: Map<string, TreeEntry>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p)?.hash !== b.get(p)?.hash).sort();
}

/** The path of a tool on PATH, or undefined. */
export function which(tool: string): string | undefined {
  try {
    const out = new Deno.Command("sh", { args: ["-c", `command -v ${tool}`] }).outputSync();
    return out.success ? decoder.decode(out.stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a program; returns its exit code and output. */
export async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> {
  const child = new Deno.Command(cmd, {
    args,
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
