// Running tfsync on a temporary copy of a fixture: in-process through `main(args, io)` (what a
// behaviour test needs, without the cost of a process), or as its users do — `deno run` of mod.ts
// in a subprocess with exactly the permission flags the compiled binary ships with — for what only
// a process shows: exit codes, permissions, the terminal prompt, the binary (tests/cli_test.ts).
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ENV_VARS, PERMISSION_FLAGS } from "../tools/permissions.ts";
import { main } from "../mod.ts";
import type { Io } from "../commands/_command.ts";

export const REPO: string = dirname(dirname(fileURLToPath(import.meta.url)));
export const EXAMPLE: string = join(REPO, "fixtures", "example");
// TFSYNC_CORPUS: the corpus elsewhere (a worktree beside the repository has no ../shared).
export const CORPUS: string = Deno.env.get("TFSYNC_CORPUS") ?? join(REPO, "..", "shared", "corpus");

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

/** An Io for main() in-process, collecting what it prints. */
export interface TestIo extends Io {
  out: string;
  err: string;
}

/**
 * The Io a subprocess with stdin closed and stdout piped has: no terminal, no colour, only the
 * environment the subprocess would get. `terminal` makes stdin and stdout terminals whose
 * person answers every prompt with `answer` (null: end of input).
 */
export function testIo(
  cwd: string,
  options: { env?: Record<string, string>; terminal?: boolean; answer?: string | null } = {},
): TestIo {
  const env: Record<string, string> = { ...baseEnv(), ...options.env };
  const io: TestIo = {
    out: "",
    err: "",
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    interactive: options.terminal ?? false,
    stdoutTerminal: options.terminal ?? false,
    readLine: () => Promise.resolve(options.answer ?? null),
    // The shipped permissions grant only ENV_VARS: any other variable reads as unset.
    env: (name) => ENV_VARS.includes(name) ? env[name] : undefined,
    cwd,
    color: false,
  };
  return io;
}

/** Runs `tfsync ARGS` in `cwd` in-process, as tfsyncProcess would with stdin closed. */
export async function tfsync(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string> } = {},
): Promise<CliResult> {
  const io = testIo(cwd, options);
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** Runs `tfsync ARGS` in `cwd` as a subprocess with stdin closed (no terminal). */
export async function tfsyncProcess(
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

/** Runs `fn` on a fresh copy of `from` (the example by default); the copy is removed afterwards. */
export async function withCopy(fn: (root: string) => Promise<void>, from = EXAMPLE): Promise<void> {
  const root = await tempCopy(from);
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** A test that needs a tool: skipped visibly, with the reason in its name, when it is missing. */
export function needs(
  tools: Record<string, string | undefined>,
  name: string,
  fn: () => Promise<void>,
): void {
  const missing = Object.entries(tools).filter(([, p]) => !p).map(([t]) => t);
  if (missing.length) {
    Deno.test({ name: `${name} (skipped: ${missing.join(", ")} not found)`, ignore: true, fn });
  } else Deno.test(name, fn);
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
