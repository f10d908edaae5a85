// The layout suite's checks: a promote between two environments of a corpus repository (copied
// to a temporary folder, no symlinks) changes exactly the synced values, as hcl2json and
// `terraform console` read them, leaves every other byte and every shared layer untouched, and a
// second promote writes nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import { diffLines } from "diff";
import { LAST_RUN } from "../lib/write/last_run.ts";
import { PREVIOUS_RECORD } from "../lib/sync/record.ts";
import { changedPaths, run, snapshotTree, tfsync, which } from "./_cli.ts";
import { parse } from "../lib/hcl/document.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

export const TERRAFORM = which("terraform");
const DATE = "2026-01-05";

export interface PromoteCase {
  root: string;
  from: string;
  to: string;
  /** Each environment's var files relative to the root, in -var-file order. */
  files: Record<string, string[]>;
  /** The shared record (shared_file), relative to the root. */
  record: string;
  /** File (relative) → the variables the promote changes in it. */
  changes: Record<string, string[]>;
}

async function values(root: string, file: string): Promise<Record<string, unknown>> {
  const path = join(root, file);
  return await readWithHcl(await Deno.readTextFile(path), file);
}

/** The variables an environment's files give, merged in -var-file order (hcl2json). */
async function effective(root: string, files: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of files) Object.assign(out, await values(root, f));
  return out;
}

/** `jsonencode(var.x)` of each name through terraform console, with the files as -var-files. */
export async function consoleValues(
  root: string,
  files: string[],
  names: string[],
): Promise<Record<string, unknown>> {
  const dir = await Deno.makeTempDir({ prefix: "tfsync-console-" });
  try {
    const blocks = names.map((n) => `variable "${n}" {\n  type    = any\n  default = null\n}\n`);
    await Deno.writeTextFile(join(dir, "variables.tf"), blocks.join("\n"));
    const expr = `jsonencode({${names.map((n) => `${n} = var.${n}`).join(", ")}})`;
    const out = await run(TERRAFORM!, [
      "console",
      ...files.map((f) => `-var-file=${join(root, f)}`),
    ], { cwd: dir, stdin: expr + "\n", env: { TF_IN_AUTOMATION: "1" } });
    assert.equal(out.code, 0, out.stderr);
    const line = out.stdout.trim().split("\n").at(-1)!;
    return JSON.parse(JSON.parse(line));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The names of the attributes whose lines a changed line of `text` falls in; "" for others. */
function owners(text: string, file: string): (line: number) => string | undefined {
  const doc = parse(text, file, { tfvars: true });
  return (line) => doc.attributes.find((a) => a.line <= line && line <= a.endLine)?.name;
}

/**
 * Every line that differs between before and after is a comment, a blank line, or a line of a
 * variable the promote changes: no other byte moved.
 */
function assertOnlyChanged(before: string, after: string, file: string, names: string[]): void {
  const ownerBefore = owners(before, file);
  const ownerAfter = owners(after, file);
  let [lineBefore, lineAfter] = [1, 1];
  // A last line that only gains its newline (text follows it now) is no changed line.
  const ended = before.endsWith("\n") || before === "" ? before : before + "\n";
  for (const part of diffLines(ended, after)) {
    const lines = part.value.split("\n").slice(0, part.value.endsWith("\n") ? -1 : undefined);
    lines.forEach((text, i) => {
      if (!part.added && !part.removed) return;
      const line = (part.added ? lineAfter : lineBefore) + i;
      const owner = (part.added ? ownerAfter : ownerBefore)(line);
      const trivia = /^\s*(#|\/\/|$)/.test(text);
      assert.ok(
        owner ? names.includes(owner) : trivia,
        `${file}:${line} changed outside the synced variables: ${JSON.stringify(text)}`,
      );
    });
    if (!part.added) lineBefore += lines.length;
    if (!part.removed) lineAfter += lines.length;
  }
}

/** Promotes from → to and checks the result; returns promote's stdout. */
export async function checkPromote(c: PromoteCase): Promise<string> {
  const { root, from, to } = c;
  const fromValues = await effective(root, c.files[from]);
  const before = new Map<string, string>();
  for (const f of Object.keys(c.changes)) before.set(f, await Deno.readTextFile(join(root, f)));
  const beforeValues = await effective(root, c.files[to]);
  const tree = await snapshotTree(root);
  const promote = ["promote", "--from", from, "--to", to, "-y", "--no-backup", "--date", DATE];

  const first = await tfsync(root, promote);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  const changed = changedPaths(tree, await snapshotTree(root));
  // The run record beside the files lets `tfsync restore` undo the whole run; the previous
  // record, `apply` judge conflicts against what the targets were synced to.
  assert.deepEqual(
    changed,
    [LAST_RUN, PREVIOUS_RECORD, c.record, ...Object.keys(c.changes)].sort(),
  );

  const names = Object.values(c.changes).flat();
  for (const [file, vars] of Object.entries(c.changes)) {
    const after = await Deno.readTextFile(join(root, file));
    assertOnlyChanged(before.get(file)!, after, file, vars);
  }
  // The target now gives the source's value of every synced variable, and its own of the others.
  const afterValues = await effective(root, c.files[to]);
  for (const [name, value] of Object.entries(afterValues)) {
    assert.deepEqual(value, names.includes(name) ? fromValues[name] : beforeValues[name], name);
  }
  for (const name of names) assert.deepEqual(afterValues[name], fromValues[name], name);
  if (TERRAFORM) {
    assert.deepEqual(
      await consoleValues(root, c.files[to], names),
      await consoleValues(root, c.files[from], names),
    );
  }
  const again = treeState(await snapshotTree(root));
  const second = await tfsync(root, promote);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(treeState(await snapshotTree(root)), again, "a second promote wrote");
  return first.stdout;
}

/** A tree's content and modification times, to show that nothing was written. */
function treeState(t: Map<string, { hash: string; mtime: number }>): string[] {
  return [...t].map(([p, e]) => `${p} ${e.hash} ${e.mtime}`).sort();
}
