// tfsync: the only module that reads Deno.args and calls Deno.exit.
// It imports only the command list: --version and --help load nothing else, and lib (and the
// command that runs) are imported when needed.
import { commands } from "./commands/mod.ts";
import type { Io } from "./commands/_command.ts";
import denoJson from "./deno.json" with { type: "json" };

const lib = () => import("./lib/mod.ts");

export const VERSION: string = denoJson.version;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const rows = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `tfsync ${VERSION}: promote Terraform features between environments, keeping every environment's own settings`,
    "",
    "Usage: tfsync [-C DIR] <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Run 'tfsync help <command>' (or 'tfsync <command> --help') for a command's options.",
    "",
    "Examples:",
    "  tfsync diff --from englacial --to prod",
    "  tfsync promote --from englacial --to prod --dry-run",
    "  tfsync check --format markdown --output check.md",
    "  tfsync help promote",
    "",
  ].join("\n");
}

const encoder = new TextEncoder();

function stdinLines(): () => Promise<string | null> {
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  return async () => {
    while (!buffered.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) {
        const rest = buffered;
        buffered = "";
        return rest === "" ? null : rest;
      }
      buffered += value;
    }
    const i = buffered.indexOf("\n");
    const line = buffered.slice(0, i).replace(/\r$/, "");
    buffered = buffered.slice(i + 1);
    return line;
  };
}

function write(stream: typeof Deno.stdout, text: string): void {
  const data = encoder.encode(text);
  try {
    for (let n = 0; n < data.length;) n += stream.writeSync(data.subarray(n));
  } catch (e) {
    // A reader that went away (`tfsync diff | head`) is not an error of ours.
    if (!(e instanceof Deno.errors.BrokenPipe)) throw e;
  }
}

function systemIo(): Io {
  let readLine: (() => Promise<string | null>) | undefined;
  const env = (name: string) => {
    try {
      return Deno.env.get(name);
    } catch {
      return undefined; // not granted: treat as unset
    }
  };
  return {
    stdout: (text) => write(Deno.stdout, text),
    stderr: (text) => write(Deno.stderr, text),
    interactive: Deno.stdin.isTerminal(),
    stdoutTerminal: Deno.stdout.isTerminal(),
    stderrTerminal: Deno.stderr.isTerminal(),
    readLine: () => (readLine ??= stdinLines())(),
    env,
    cwd: Deno.cwd(),
    // no-color.org: only a NO_COLOR that is set and not empty turns colour off; a dumb terminal
    // shows escape codes as they are.
    color: Deno.stdout.isTerminal() && !env("NO_COLOR") && env("TERM") !== "dumb",
  };
}

/** An error before a command runs (exit 2): on stderr, and a JSON object with --format json. */
async function early(message: string, args: string[], io: Io): Promise<number> {
  const { reportError } = await import("./commands/_options.ts");
  return reportError(null, message, 2, { ...io, jsonErrors: wantsJson(args) });
}

/** A name that is no command: exit 2, with the nearest command's name. */
async function unknownCommand(name: string, args: string[], io: Io): Promise<number> {
  const { didYouMean } = await lib();
  const names = commands.map((c) => c.name);
  return early(
    `Unknown command "${name}"${didYouMean(name, names)}: the commands are ${names.join(", ")}`,
    args,
    io,
  );
}

/** --json or --format json (and no other --format): errors are JSON objects on stdout too. */
function wantsJson(args: string[]): boolean {
  const formats = args.flatMap((a, i) =>
    a.startsWith("--format=") ? [a.slice(9)] : a === "--format" ? [args[i + 1]] : []
  );
  return formats.length > 0 ? formats.every((f) => f === "json") : args.includes("--json");
}

/** The Io a command runs with: JSON errors with --format json; make's words through make. */
async function commandIo(args: string[], io: Io): Promise<Io> {
  const json = wantsJson(args);
  // Through the Makefile, messages name make's targets and variables; a JSON document is for
  // scripts, and keeps tfsync's words. Messages are spelled when made: what is printed is never
  // rewritten (a value, a comment or a diff stays exactly as it is).
  if (io.env("TFSYNC_MAKE") !== "1" || json) return { ...io, jsonErrors: json };
  const { MAKE_WORDS } = await import("./commands/_make_words.ts");
  return { ...io, jsonErrors: json, spelling: MAKE_WORDS };
}

export async function main(args: string[], io: Io): Promise<number> {
  const [name, ...rest] = args;
  // `tfsync -C DIR command`, as `git -C`: run as if started in DIR (relative to the last one).
  if (name === "-C") {
    const [dir, ...after] = rest;
    if (dir === undefined) return early("-C needs a folder: tfsync -C DIR <command>", rest, io);
    const cwd = (await lib()).resolve(io.cwd, dir);
    let folder = false;
    try {
      folder = Deno.statSync(cwd).isDirectory;
    } catch {
      // reported below
    }
    if (!folder) return early(`Cannot change to "${dir}": not a folder`, after, io);
    return main(after, { ...io, cwd });
  }
  // What the completion scripts call at each Tab: candidates on stdout, never an error.
  if (name === "__complete") {
    await (await import("./commands/completion.ts")).complete(rest, io).catch(() => {});
    return 0;
  }
  if (name === "help" && rest.length > 0) {
    const entry = commands.find((c) => c.name === rest[0]);
    if (!entry) return unknownCommand(rest[0], rest, io);
    io.stdout((await entry.load()).usage);
    return 0;
  }
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    io.stdout(help());
    return 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.stdout(`tfsync ${VERSION}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) return unknownCommand(name, rest, io);
  const cio = await commandIo(rest, io);
  try {
    return await (await entry.load()).run(rest, cio);
  } catch (e) {
    // Commands map every expected error to a message; anything else is a bug in tfsync: one
    // line, and the stack trace for whoever debugs it.
    const what = e instanceof Error ? `${e.name}: ${e.message}`.split("\n")[0] : String(e);
    const { reportError } = await import("./commands/_options.ts");
    const message = `Internal error (a bug in tfsync; TFSYNC_DEBUG=1 shows where): ${what}`;
    reportError(name, message, 3, cio);
    if (io.env("TFSYNC_DEBUG") === "1" && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 3;
  }
}

/** On SIGINT, SIGTERM or SIGHUP: leave no temp file and no half-done write, then exit. */
/** The exit a signal handler has started: the command finishing meanwhile waits for it. */
let interrupted: Promise<never> | undefined;

function exitOnSignals(io: Io): void {
  const signals = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const;
  for (const [signal, code] of signals) {
    Deno.addSignalListener(signal, () => {
      interrupted ??= (async () => {
        // A write in progress has loaded these modules already: this is the same state.
        const { interruptWrites, releaseHeldLocks } = await (await lib()).interrupting();
        const state = {
          none: "nothing written",
          discarded: "nothing written",
          completed: "the write in progress was completed",
          written: "the files were written",
        }[await interruptWrites()];
        await releaseHeldLocks();
        io.stderr(`\ntfsync: interrupted (${signal}): ${state}\n`);
        Deno.exit(code);
      })();
    });
  }
}

/** tfsync as a process: Deno.args in, an exit code out. */
export async function cli(args: string[] = Deno.args): Promise<never> {
  const io = systemIo();
  exitOnSignals(io);
  const code = await main(args, io);
  // A signal during the write lets it finish; then its handler, not the command, exits.
  if (interrupted) await interrupted;
  Deno.exit(code);
}

if (import.meta.main) await cli();
