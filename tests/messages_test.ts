// Errors in one style, and as JSON for scripts: for a set of representative bad inputs, each run
// with --format json prints one line on stderr (`tfsync CMD: [file:line: ]message`, then the
// usage hint for bad usage) and exactly one JSON object on stdout with format_version and that
// message; the message is in sentence case (a capital, or a quoted value, flag or file first),
// ends without a period, and names files relative to the root.
import assert from "node:assert/strict";
import { join } from "node:path";
import { tfsync, withCopy } from "./_cli.ts";

const PROD = "environments/prod/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod"];

interface Case {
  name: string;
  args: string[];
  /** Breaks the copy first. */
  setup?: (root: string) => Promise<void>;
  exit: number;
  /** The JSON error's command (null: none was recognised) and message. */
  command: string | null;
  message: string;
  /** The error's file, when it has one. */
  file?: string;
  /** The other place it speaks of. */
  related?: { what: string; file: string; line: number };
}

const CASES: Case[] = [
  {
    name: "an unknown command",
    args: ["promtoe", "--json"],
    exit: 2,
    command: null,
    message:
      'Unknown command "promtoe" (did you mean "promote"?): the commands are extract, apply, diff, promote, backport, sync, check, explain, matrix, init, restore, completion',
  },
  {
    name: "-C with no folder",
    args: ["-C", "nope", "check", "--json"],
    exit: 2,
    command: null,
    message: 'Cannot change to "nope": not a folder',
  },
  {
    name: "a mistyped flag",
    args: ["diff", "--form", "englacial", "--to", "prod", "--json"],
    exit: 2,
    command: "diff",
    message: 'Unknown option "--form" (did you mean "--from"?)',
  },
  {
    name: "a flag given twice",
    args: [...PROMOTE, "--to", "dev", "--format", "json"],
    exit: 2,
    command: "promote",
    message: '"--to" given twice ("prod", then "dev"): give it once',
  },
  {
    name: "a positional for a flag",
    args: ["diff", "englacial", "prod", "--json"],
    exit: 2,
    command: "diff",
    message:
      'Unexpected arguments "englacial", "prod": type \'tfsync diff --from englacial --to prod\'',
  },
  {
    name: "a missing --to",
    args: ["promote", "--from", "englacial", "--format", "json"],
    exit: 2,
    command: "promote",
    message: "Missing --to ENV",
  },
  {
    name: "a bad --date",
    args: [...PROMOTE, "--date", "2026-02-30", "--format", "json"],
    exit: 2,
    command: "promote",
    message: 'Invalid --date "2026-02-30": expected YYYY-MM-DD',
  },
  {
    name: "a writing flag on a read-only command",
    args: ["check", "--yes", "--json"],
    exit: 2,
    command: "check",
    message: '"--yes" is for commands that write: check only reads',
  },
  {
    name: "an unknown environment",
    args: ["diff", "--from", "englacial", "--to", "prdo", "--json"],
    exit: 2,
    command: "diff",
    message:
      'Unknown environment "prdo" (did you mean "prod"?): the environments are dev, englacial, prod',
  },
  {
    name: "a missing --root",
    args: ["check", "--root", "nope", "--json"],
    exit: 2,
    command: "check",
    message: 'Cannot use root "nope": not found',
  },
  {
    name: "a syntax error",
    args: [...PROMOTE, "--yes", "--format", "json"],
    setup: (root) => Deno.writeTextFile(join(root, PROD), "vpc_cidr = [1,, 2]\n"),
    exit: 2,
    command: "promote",
    message:
      "Invalid expression: Expected the start of an expression, but found an invalid expression token",
    file: PROD,
  },
  {
    name: "an unreadable var file",
    args: [...PROMOTE, "--yes", "--format", "json"],
    setup: async (root) => {
      await Deno.remove(join(root, PROD + ".bak")).catch(() => {});
      await Deno.mkdir(join(root, PROD + ".bak"));
    },
    exit: 2,
    command: "promote",
    message: "Cannot read the file: a directory, not a regular file",
    file: PROD + ".bak",
  },
  {
    name: "an invalid tfsync.hcl",
    args: ["diff", "--from", "dev", "--to", "prod", "--json"],
    setup: (root) => Deno.writeTextFile(join(root, "tfsync.hcl"), 'group "x" {\n}\n'),
    exit: 2,
    command: "diff",
    message: 'Group "x" has no "variables" list',
    file: "tfsync.hcl",
  },
  {
    name: "a variable declared twice",
    args: ["diff", "--from", "dev", "--to", "prod", "--json"],
    setup: (root) => Deno.writeTextFile(join(root, "twice.tf"), 'variable "region" {}\n'),
    exit: 2,
    command: "diff",
    message: 'Variable "region" is declared twice',
    file: "variables.tf",
    related: { what: "first at", file: "twice.tf", line: 1 },
  },
  {
    name: "nothing to confirm with",
    args: [...PROMOTE, "--format", "json"],
    exit: 2,
    command: "promote",
    message:
      "Not confirmed: no terminal to ask on; pass --yes to write, or --dry-run to see the changes",
  },
  {
    name: "a restore with no .bak",
    args: ["restore", "--env", "prod", "--yes", "--json"],
    exit: 2,
    command: "restore",
    message: "Nothing to restore: its .bak does not exist",
    file: PROD,
  },
];

/** Sentence case, no closing period. */
function assertStyle(message: string, what: string): void {
  assert.match(message, /^(\p{Lu}|"|--?[a-z])/u, `${what}: starts in sentence case`);
  assert.ok(!/\.$/.test(message), `${what}: no closing period`);
}

for (const c of CASES) {
  Deno.test(`with --format json, ${c.name} is one JSON error object; its message is in style`, async () => {
    await withCopy(async (root) => {
      await c.setup?.(root);
      // From a subfolder: the file is still named from the root.
      const r = await tfsync(join(root, "environments"), c.args);
      assert.equal(r.code, c.exit, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(doc, {
        format_version: 1,
        error: {
          command: c.command,
          message: c.message,
          ...(c.file && { file: c.file }),
          ...(doc.error.line !== undefined && { line: doc.error.line }),
          ...(doc.error.column !== undefined && { column: doc.error.column }),
          ...(doc.error.sourceLine !== undefined && { sourceLine: doc.error.sourceLine }),
          ...(c.related && { related: [c.related] }),
          exit_code: c.exit,
        },
      });
      const [line, ...rest] = r.stderr.split("\n");
      const prefix = `tfsync${c.command === null ? "" : " " + c.command}: `;
      const place = c.file
        ? [c.file, doc.error.line, doc.error.column].filter((x) => x).join(":") + ": "
        : "";
      const related = c.related ? `; ${c.related.what} ${c.related.file}:${c.related.line}` : "";
      assert.equal(line, prefix + place + c.message + related);
      const hint = rest[0] === `Run 'tfsync ${c.command} --help' for usage.` ? 1 : 0;
      assert.deepEqual(rest.slice(hint), [""], "one line (and the usage hint)");
      assertStyle(c.message, c.name);
    });
  });
}
