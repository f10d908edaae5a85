// The layout suite's checks: a promote between two environments of a corpus repository (copied
// to a temporary folder, no symlinks) changes exactly the synced values, as hcl2json and
// `terraform console` read them, leaves every other byte and every shared layer untouched, and a
// second promote writes nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { diffLines } from "diff";
import { LAST_RUN } from "../lib/write/last_run.ts";
import { PREVIOUS_RECORD } from "../lib/sync/record.ts";
import { changedPaths, copyTree, CORPUS, run, snapshotTree, tfsync, which } from "./_cli.ts";
import { isJsonPath, parseVarFile } from "../lib/hcl/var_file.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

export const TERRAFORM = which("terraform");
const DATE = "2026-01-05";

export interface PromoteCase {
  root: string;
  from: string;
  to: string;
  /** Each environment's var files relative to the root, in -var-file order. */
  files: Record<string, string[]>;
  /** The shared record (shared_file), relative to the root; absent when it holds the source's values already. */
  record?: string;
  /** The shared file is as an earlier promote here wrote it: this one lists `to` among the
   * environments synced to it (.tfsync-previous-record.json). */
  kept?: true;
  /** File (relative) → the variables the promote changes in it: exactly those whose value it
   * sets differently, newly or no longer. */
  changes: Record<string, string[]>;
}

/** A var file's values: hcl2json's reading (constant strings), or JSON.parse's of a `.json` file. */
async function values(root: string, file: string): Promise<Record<string, unknown>> {
  const text = await Deno.readTextFile(join(root, file));
  return isJsonPath(file) ? JSON.parse(text) : unescapeTemplates(await readWithHcl(text, file));
}

/** hcl2json keeps a string's template escapes ("$${", "%%{"): the value has "${" and "%{". */
function unescapeTemplates(v: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(v),
    (_, x) => typeof x === "string" ? x.replaceAll("$${", "${").replaceAll("%%{", "%{") : x,
  );
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
  const doc = parseVarFile(text, file);
  return (line) => doc.attributes.find((a) => a.line <= line && line <= a.endLine)?.name;
}

/**
 * Every line that differs between before and after is a comment, a blank line, or a line of a
 * variable the promote changes: no other byte moved. In JSON, a member's line may gain or lose
 * the comma after it (a member added or removed after it), and nothing else.
 */
function assertOnlyChanged(before: string, after: string, file: string, names: string[]): void {
  const ownerBefore = owners(before, file);
  const ownerAfter = owners(after, file);
  let [lineBefore, lineAfter] = [1, 1];
  // A last line that only gains its newline (text follows it now) is no changed line.
  const ended = before.endsWith("\n") || before === "" ? before : before + "\n";
  const parts = diffLines(ended, after);
  const linesOf = (value = "") => value.split("\n").slice(0, value.endsWith("\n") ? -1 : undefined);
  for (const [p, part] of parts.entries()) {
    const lines = linesOf(part.value);
    // The lines this change replaces with others (a removal and the addition after it).
    const other = new Set(linesOf(parts[p + (part.added ? -1 : 1)]?.value));
    lines.forEach((text, i) => {
      if (!part.added && !part.removed) return;
      const line = (part.added ? lineAfter : lineBefore) + i;
      const owner = (part.added ? ownerAfter : ownerBefore)(line);
      const trivia = /^\s*(#|\/\/|$)/.test(text) || (isJsonPath(file) && /^[\s{}]*$/.test(text));
      const comma = isJsonPath(file) &&
        (other.has(text + ",") || other.has(text.replace(/,$/, "")));
      assert.ok(
        owner ? names.includes(owner) || comma : trivia,
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
  const valuesBefore = new Map<string, Record<string, unknown>>();
  for (const f of Object.keys(c.changes)) {
    before.set(f, await Deno.readTextFile(join(root, f)));
    valuesBefore.set(f, await values(root, f));
  }
  const beforeValues = await effective(root, c.files[to]);
  const tree = await snapshotTree(root);
  const promote = ["promote", "--from", from, "--to", to, "-y", "--no-backup", "--date", DATE];

  const first = await tfsync(root, promote);
  assert.equal(first.code, 0, first.stderr + first.stdout);
  const changed = changedPaths(tree, await snapshotTree(root));
  // The run record beside the files lets `tfsync restore` undo the whole run; the previous
  // record, `apply` judge conflicts against what the targets were synced to.
  const records = c.record ? [PREVIOUS_RECORD, c.record] : c.kept ? [PREVIOUS_RECORD] : [];
  assert.deepEqual(changed, [LAST_RUN, ...records, ...Object.keys(c.changes)].sort());

  const names = Object.values(c.changes).flat();
  for (const [file, vars] of Object.entries(c.changes)) {
    const after = await Deno.readTextFile(join(root, file));
    assertOnlyChanged(before.get(file)!, after, file, vars);
    const was = valuesBefore.get(file)!, now = await values(root, file);
    const differ = [...new Set([...Object.keys(was), ...Object.keys(now)])]
      .filter((n) => !isDeepStrictEqual(was[n], now[n]));
    assert.deepEqual(differ.sort(), [...vars].sort(), `${file}: the variables whose value changed`);
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

const HAVE_CORPUS = (() => {
  try {
    return Deno.statSync(join(CORPUS, "SOURCES.md")).isFile;
  } catch {
    return false;
  }
})();

/** A test of a corpus repository; ignored, and named so, when the corpus is not there. */
export function corpusTest(name: string, fn: () => Promise<void>): void {
  Deno.test({
    name: HAVE_CORPUS ? name : `${name} (skipped: no corpus)`,
    ignore: !HAVE_CORPUS,
    fn,
  });
}

export interface Settings {
  files: string[];
  shared: string;
  module: string;
  /** The variables of one group, "sync". */
  sync: string[];
  environmentSpecific: string[];
}

/** cds-snc's settings: env/{env}_config.tfvars, a group of five sizes and versions. */
export const CDS_SNC: Settings = {
  files: ["env/{env}_config.tfvars"],
  shared: "env/shared-features.tfvars",
  module: "env",
  sync: [
    "primary_worker_instance_types",
    "elasticache_cache_ops_node_type",
    "rds_instance_type",
    "log_retention_period_days",
    "eks_cluster_version",
  ],
  environmentSpecific: ["env", "domain", "region"],
};

/** A temporary copy of a corpus repository (no tfsync.hcl: see writeConfig). */
export async function corpusTree(repo: string): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-layout-" });
  await copyTree(join(CORPUS, repo), root);
  return root;
}

/** Writes a `tfsync.hcl` of the settings into root. */
export async function writeConfig(root: string, s: Settings): Promise<void> {
  const list = (names: string[]) => JSON.stringify(names).replaceAll(",", ", ");
  await Deno.writeTextFile(
    join(root, "tfsync.hcl"),
    hcl([
      `environment_files = ${list(s.files)}`,
      `shared_file = "${s.shared}"`,
      `module_dir = "${s.module}"`,
      `group "sync" {\n  variables = ${list(s.sync)}\n}`,
      `environment_specific = ${list(s.environmentSpecific)}`,
    ]),
  );
}

/** A temporary copy of a corpus repository with a `tfsync.hcl` of the settings written into it. */
export async function corpusCopy(repo: string, s: Settings): Promise<string> {
  const root = await corpusTree(repo);
  await writeConfig(root, s);
  return root;
}

export const hcl = (lines: string[]) => lines.join("\n") + "\n";
