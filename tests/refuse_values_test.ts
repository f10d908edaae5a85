// Refuse bad values before writing (#12 req 9), end to end on copies of the bundled example: a
// value that does not fit its declared type, a reference (`ture`) and a call (`upper("x")`) in
// the file a command copies from are never copied anywhere: promote, sync and extract (from the
// test environment) and apply (from the shared file) exit 2, in terraform's words, the tree as
// it was.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, snapshotTree, tfsync, withCopy } from "./_cli.ts";

const SHARED = "environments/shared-features.tfvars";
const PROD = "environments/prod/terraform.tfvars";
const TEST = "environments/englacial/terraform.tfvars";

interface Bad {
  what: string;
  variable: string;
  value: string;
  /** The message after "FILE:LINE:COLUMN: ", `into` the file it would have gone into. */
  message: (into: string) => string;
}

const BAD: Bad[] = [
  {
    what: "a reference (ture)",
    variable: "enable_lambda_invoke",
    value: "ture",
    message: () => "Variables not allowed: Variables may not be used here",
  },
  {
    what: 'a function call (upper("x"))',
    variable: "enable_lambda_invoke",
    value: 'upper("x")',
    message: () => "Function calls not allowed: Functions may not be called here",
  },
  {
    what: 'a string for a number ("lots")',
    variable: "dask_worker_cores_max",
    value: '"lots"',
    message: (into) =>
      `Cannot copy dask_worker_cores_max into ${into}: a string "lots" is not a number ` +
      "(type number at variables.tf:269)",
  },
];

/** Each command, the file it copies from, and the file the bad value would go into first. */
const COMMANDS: Array<{ args: string[]; from: string; into: string }> = [
  { args: ["promote", "--from", "englacial", "--to", "prod"], from: TEST, into: SHARED },
  {
    args: ["sync", "--from", "englacial", "--to", "prod", "--vars", "V"],
    from: TEST,
    into: SHARED,
  },
  { args: ["extract", "--from", "englacial"], from: TEST, into: SHARED },
  { args: ["apply", "--to", "prod"], from: SHARED, into: PROD },
];

for (const bad of BAD) {
  for (const c of COMMANDS) {
    Deno.test(`${c.args[0]} refuses ${bad.what} in ${c.from}: exit 2, nothing written`, async () => {
      await withCopy(async (root) => {
        const path = join(root, c.from);
        const text = await Deno.readTextFile(path);
        const line = new RegExp(`^(${bad.variable} +=) [^#\\n]*`, "m");
        const m = line.exec(text)!;
        await Deno.writeTextFile(path, text.replace(line, `$1 ${bad.value} `));
        const at = `${text.slice(0, m.index).split("\n").length}:${m[1].length + 2}`;
        const before = await snapshotTree(root);
        const args = c.args.map((a) => a === "V" ? bad.variable : a);
        const r = await tfsync(root, [...args, "-y"]);
        assert.deepEqual([r.code, r.stdout, r.stderr], [
          2,
          "",
          `tfsync ${c.args[0]}: ${c.from}:${at}: ${bad.message(c.into)}\n`,
        ]);
        assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      });
    });
  }
}
