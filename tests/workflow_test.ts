// The design's workflow end to end, as a user runs it: init, promote test → prod, backport
// prod → dev, check green; a new image in the test environment: green, one pending promotion; a
// hand edit in prod: red, naming its file and line; the fix check names, then restore undoing it
// and undoing itself. On the bundled example and on a copy of englacial__tofu-jupyter.
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, EXAMPLE, tempCopy, tfsync } from "./_cli.ts";

const PROD = "environments/prod/terraform.tfvars";
const TEST = "environments/englacial/terraform.tfvars";

interface Case {
  name: string;
  dir: string;
  /** A syncable line of prod to edit by hand, and the edit. */
  edit: [RegExp, string];
}

const CASES: Case[] = [
  {
    name: "the bundled example",
    dir: EXAMPLE,
    edit: [/^dask_cluster_max_cores = 200/m, "dask_cluster_max_cores = 50"],
  },
  {
    name: "englacial__tofu-jupyter",
    dir: join(CORPUS, "englacial__tofu-jupyter"),
    edit: [/^dask_cluster_max_cores\s*=\s*200/m, "dask_cluster_max_cores = 50"],
  },
];

const exists = (p: string) => Deno.stat(p).then(() => true, () => false);

for (const c of CASES) {
  const present = await exists(c.dir);
  Deno.test({
    name: `the design's workflow on ${c.name}${present ? "" : ` (skipped: ${c.dir} not found)`}`,
    ignore: !present,
    fn: async () => {
      const root = await tempCopy(c.dir);
      try {
        const run = async (args: string[], code = 0) => {
          const r = await tfsync(root, args);
          assert.equal(r.code, code, `${args.join(" ")}:\n${r.stdout}${r.stderr}`);
          return r.stdout;
        };
        const check = (code: number) => run(["check"], code);
        if (!(await exists(join(root, "tfsync.hcl")))) await run(["init", "-y"]);
        await run(["promote", "--from", "englacial", "--to", "prod", "-y"]);
        await run(["backport", "--from", "prod", "--to", "dev", "-y"]);
        // Environments outside the flow (the corpus's meseeks) may stay pending; none drifts.
        const green = await check(0);
        assert.doesNotMatch(green, /\[drift\]|englacial: .*\[pending\]|prod: .*\[pending\]/);
        const before = green.match(/\[pending\]$/gm)?.length ?? 0;

        // A new image in the test environment: one more pending promotion, exit 0.
        const test = await Deno.readTextFile(join(root, TEST));
        const tag = /^(singleuser_image_tag\s*=\s*)"[^"]*"/m;
        await Deno.writeTextFile(
          join(root, TEST),
          tag.test(test)
            ? test.replace(tag, '$1"2099.01.01"')
            : test + 'singleuser_image_tag = "2099.01.01"\n',
        );
        const pending = await check(0);
        assert.equal(pending.match(/\[pending\]$/gm)?.length, before + 1, pending);
        assert.match(
          pending,
          /^environments\/englacial\/terraform.tfvars(:\d+)?: warning: englacial: 1 syncable value differs from the shared file \(singleuser_image_tag\)/m,
        );

        // A hand edit in prod: drift, exit 1, naming prod's file and the edited line.
        const prod = await Deno.readTextFile(join(root, PROD));
        assert.match(prod, c.edit[0]);
        const edited = prod.replace(c.edit[0], c.edit[1]);
        await Deno.writeTextFile(join(root, PROD), edited);
        const line = edited.split("\n").findIndex((l) => l.startsWith(c.edit[1])) + 1;
        const red = await check(1);
        const drift = red.split("\n").filter((l) => l.endsWith("[drift]"));
        assert.equal(drift.length, 1, red);
        assert.ok(
          drift[0].startsWith(
            `${PROD}:${line}: error: prod: dask_cluster_max_cores = 50, but the shared file has 200 `,
          ),
          drift[0],
        );
        assert.match(
          drift[0],
          /prod was edited after its last sync \(\d{4}-\d\d-\d\d, line \d+\): run 'tfsync apply --to prod'/,
        );

        // The command check names puts it back; restore undoes that, and restore undoes itself.
        await run(["apply", "--to", "prod", "-y"]);
        await check(0);
        await run(["restore", "--env", "prod", "-y"]);
        assert.equal(await Deno.readTextFile(join(root, PROD)), edited);
        await check(1);
        await run(["restore", "--env", "prod", "-y"]);
        assert.doesNotMatch(await check(0), /\[drift\]/);
      } finally {
        await Deno.remove(root, { recursive: true });
      }
    },
  });
}
