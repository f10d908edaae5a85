// commands/_args.ts against node:util's parseArgs: the same values, positionals and messages.
import assert from "node:assert/strict";
import { parseArgs as nodeParseArgs } from "node:util";
import { type OptionConfig, parseArgs } from "./_args.ts";

const OPTIONS: Record<string, OptionConfig> = {
  root: { type: "string" },
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
  env: { type: "string", multiple: true },
  out: { type: "string", short: "o" },
  all: { type: "boolean", multiple: true },
};

const ARGV: string[][] = [
  [],
  ["--root", "x"],
  ["--root=x"],
  ["--root="],
  ["--root"],
  ["--root", "-x"],
  ["--root", "-"],
  ["--root", "--yes"],
  ["-y"],
  ["-yh"],
  ["-hy", "--dry-run"],
  ["-o", "file"],
  ["-ofile"],
  ["-yofile"],
  ["-yo", "file"],
  ["-o"],
  ["-o", "-y"],
  ["-x"],
  ["-yx"],
  ["--bogus"],
  ["--bogus=1"],
  ["--yes=1"],
  ["-y=1"],
  ["--env", "a", "--env", "b"],
  ["--all", "--all"],
  ["--yes", "--yes"],
  ["--root", "a", "--root", "b"],
  ["stray"],
  ["-"],
  ["--", "--yes", "x"],
  ["a", "--yes", "b"],
  ["--help", "stray"],
  ["--constructor"],
  ["--__proto__", "x"],
];

function outcome(
  parse: () => { values: unknown; positionals: string[]; tokens?: unknown },
): unknown {
  try {
    const { values, positionals, tokens } = parse();
    return { values: { ...(values as object) }, positionals, tokens };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

for (const [allowPositionals, tokens] of [[false, false], [true, false], [true, true]]) {
  Deno.test(`parseArgs() gives node:util's results (${JSON.stringify({ allowPositionals, tokens })})`, () => {
    for (const args of ARGV) {
      const config = { args, options: OPTIONS, strict: true as const, allowPositionals, tokens };
      assert.deepEqual(
        outcome(() => parseArgs(config)),
        outcome(() => nodeParseArgs(config)),
        JSON.stringify(args),
      );
    }
  });
}
