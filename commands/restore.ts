// tfsync restore: undoes the last writing run, every file it changed; --env ENV: puts that
// environment's .bak files back. Either way what is replaced is kept, so restore undoes itself.
import { type Command, EXIT, type Io } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, spellingOf } from "./_options.ts";
import { words } from "../render/words.ts";
import type { Common } from "./_flags.ts";
import { COMMON_USAGE } from "./_usage.ts";
import {
  checkEnvironmentName,
  environmentLayers,
  FORMAT_VERSION,
  loadConfig,
  restoring,
  run,
} from "../lib/mod.ts";
import type { Config } from "../lib/config/config.ts";
import { confirm } from "./_confirm.ts";

const { LAST_RUN, restoreBackups, restoreLastRun } = await restoring();
/** The lock holder, as a run that waits for it names it. */
const HOLDER = `tfsync restore (pid ${Deno.pid})`;

const USAGE = `Usage: tfsync restore [--env ENV] [options]

Undoes the last writing run (promote, backport, sync, apply, extract or a restore): every file it
changed gets its .bak back, the shared file included, and a file it created is removed (kept as
its .bak). What it replaces becomes the .bak, so running restore again undoes it. The run is
recorded in ${LAST_RUN} in the root (add it and *.bak to .gitignore). With --env ENV, only
ENV's own files get their .bak back, together: its terraform.tfvars, or each of its
environment_files with {env} that has a .bak (those the last run changed, if it changed any).
That is a run too: a restore without --env then undoes it. It shows the change and asks on a
terminal; without one, it needs --yes. Exit 2 when there is nothing to restore.

Options:
  --env ENV   restore only this environment's own files

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
    return await restoreEnv(config, values.env, common, io);
  },
});

/** restore --env ENV: each of ENV's own files that has a .bak (see restoreBackups). */
async function restoreEnv(config: Config, env: string, common: Common, io: Io): Promise<number> {
  const last = await checkEnvironmentName(env, config);
  const own = (await environmentLayers(config, env)).filter((l) => l.own).map((l) => l.path);
  const paths = own.includes(last) ? own : [...own, last];
  const o = {
    root: config.root,
    display: (p: string) => displayPath(p, io),
    holder: HOLDER,
    command: `restore --env ${env}`,
    unsync: { env, shared: config.sharedFile },
  };
  const preview = await restoreBackups(paths, { ...o, dryRun: true });
  const changes = preview.filter((r) => r.diff !== "");
  if (!common.dryRun && changes.length) {
    const answer = await confirm("restore", changes.map((r) => r.file), diffs(changes), common, io);
    if (answer !== undefined) return answer;
  }
  // After a preview a person answered, what they saw is what gets written.
  const confirmed = common.yes ? undefined : diffs(changes);
  const results = common.dryRun ? preview : await restoreBackups(paths, { ...o, confirmed });
  if (common.json) {
    // The patch with --dry-run, as init's: what a script shows or applies before --yes.
    const files = results.map(({ diff, ...r }) => ({ ...r, ...(common.dryRun && { diff }) }));
    const doc = { format_version: FORMAT_VERSION, environment: env, dry_run: common.dryRun, files };
    io.stdout(JSON.stringify(doc, null, 2) + "\n");
  } else if (common.dryRun) io.stdout(diffs(results).join(""));
  else {
    const lines = results.map((r) =>
      r.restored
        ? `Restored ${r.file} from ${r.backup}; the replaced version is now ${r.backup}`
        : `${r.file} is the same as ${r.backup}: nothing to restore`
    );
    const i = results.findLastIndex((r) => r.restored);
    const again = words([run("restore", ["env", env])], spellingOf(io));
    if (i >= 0) lines[i] += ` (run ${again} again to undo)`;
    io.stdout(lines.map((l) => l + "\n").join(""));
  }
  return EXIT.ok;
}

const diffs = (rs: Array<{ diff: string }>) => rs.map((r) => r.diff).filter((d) => d !== "");

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
  const confirmed = common.yes ? undefined : diffs;
  const r = common.dryRun ? preview : await restoreLastRun(root, { ...o, confirmed });
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
