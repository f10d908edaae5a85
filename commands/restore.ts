// tfsync restore: undoes the last writing run, every file it changed; --env ENV: puts that
// environment's .bak back. Either way what is replaced is kept, so restore undoes itself.
import { type Command, EXIT, type Io } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, spellingOf } from "./_options.ts";
import { words } from "../render/words.ts";
import type { Common } from "./_flags.ts";
import { COMMON_USAGE } from "./_usage.ts";
import { checkEnvironmentName, FORMAT_VERSION, loadConfig, restoring, run } from "../lib/mod.ts";
import { confirm } from "./_confirm.ts";

const { LAST_RUN, restoreBackup, restoreLastRun } = await restoring();
/** The lock holder, as a run that waits for it names it. */
const HOLDER = `tfsync restore (pid ${Deno.pid})`;

const USAGE = `Usage: tfsync restore [--env ENV] [options]

Undoes the last writing run (promote, backport, sync, apply, extract or a restore): every file it
changed gets its .bak back, the shared file included, and a file it created is removed (kept as
its .bak). What it replaces becomes the .bak, so running restore again undoes it. The run is
recorded in ${LAST_RUN} in the root (add it and *.bak to .gitignore). With --env ENV, only
ENV's terraform.tfvars.bak is put back. It shows the change and asks on a terminal; without one,
it needs --yes. Exit 2 when there is nothing to restore.

Options:
  --env ENV   restore only this environment's file

${COMMON_USAGE}

Examples:
  tfsync restore --dry-run
  tfsync restore --env prod
`;

export const restore: Command = defineCommand({
  name: "restore",
  summary: "Undo the last writing run, or with --env put one environment's .bak back",
  usage: USAGE,
  options: {
    env: { type: "string" },
  },
  spec: { meant: ["--env"] },
  run: async ({ values, common }, io) => {
    const config = await loadConfig(common.root, common.configPath);
    if (values.env === undefined) return await restoreRun(config.root, common, io);
    const path = await checkEnvironmentName(values.env, config);
    const show = (p: string) => displayPath(p, io);
    const o = { root: config.root, display: show, holder: HOLDER };
    const preview = await restoreBackup(path, { ...o, dryRun: true });
    if (!common.dryRun && preview.diff !== "") {
      const answer = await confirm("restore", [preview.file], [preview.diff], common, io);
      if (answer !== undefined) return answer;
    }
    const r = common.dryRun ? preview : await restoreBackup(path, o);
    if (common.json) {
      io.stdout(
        JSON.stringify(
          // The patch with --dry-run, as init's: what a script shows or applies before --yes.
          {
            format_version: FORMAT_VERSION,
            environment: values.env,
            ...r,
            diff: common.dryRun ? r.diff : undefined,
          },
          null,
          2,
        ) + "\n",
      );
    } else if (common.dryRun) io.stdout(r.diff);
    else if (!r.restored) io.stdout(`${r.file} is the same as ${r.backup}: nothing to restore\n`);
    else {
      io.stdout(
        `Restored ${r.file} from ${r.backup}; the replaced version is now ${r.backup} ` +
          `(run ${words([run("restore", ["env", values.env])], spellingOf(io))} again to undo)\n`,
      );
    }
    return EXIT.ok;
  },
});

/** restore without --env: the last writing run, undone whole. */
async function restoreRun(root: string, common: Common, io: Io): Promise<number> {
  const o = { display: (p: string) => displayPath(p, io), holder: HOLDER };
  const preview = await restoreLastRun(root, { ...o, dryRun: true });
  const diffs = preview.files.map((f) => f.diff).filter((d) => d !== "");
  if (!common.dryRun) {
    const files = preview.files.map((f) => f.file);
    const answer = await confirm("restore", files, diffs, common, io);
    if (answer !== undefined) return answer;
  }
  const r = common.dryRun ? preview : await restoreLastRun(root, o);
  if (common.json) {
    const files = r.files.map(({ file, becomes, diff }) => ({
      file,
      becomes,
      ...(common.dryRun && { diff }),
    }));
    const doc = { format_version: FORMAT_VERSION, run: r.command, dry_run: common.dryRun, files };
    io.stdout(JSON.stringify(doc, null, 2) + "\n");
  } else if (common.dryRun) io.stdout(diffs.join(""));
  else {
    for (const f of r.files) {
      io.stdout(
        f.becomes === "removed"
          ? `Removed ${f.file} (it is now ${f.file}.bak)\n`
          : `Restored ${f.file} from ${f.file}.bak (the replaced version is now the .bak)\n`,
      );
    }
    const again = words([run("restore")], spellingOf(io));
    io.stdout(`Undid tfsync ${r.command}; run ${again} again to redo it\n`);
  }
  return EXIT.ok;
}
