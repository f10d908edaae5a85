// tfsync restore --env ENV: puts the environment's .bak back; the replaced file becomes the .bak.
import { type Command, EXIT } from "./_command.ts";
import { FORMAT_VERSION } from "../lib/report/present.ts";
import { displayPath, guard, UsageError } from "./_options.ts";
import { parseCommandArgs } from "./_flags.ts";
import { COMMON_USAGE } from "./_usage.ts";
import { loadConfig } from "../lib/config/config.ts";
import { checkEnvironmentName } from "../lib/repo/repo.ts";
import { restoreBackup } from "../lib/write/restore.ts";
import { confirm } from "./_write.ts";

const USAGE = `Usage: tfsync restore --env ENV [options]

Puts ENV's terraform.tfvars.bak back in place of its terraform.tfvars, and keeps the replaced file
as the new .bak, so running restore again undoes it. It shows the change and asks on a terminal;
without one, it needs --yes. Exit 2 when there is no .bak.

Options:
  --env ENV   the environment to restore

${COMMON_USAGE}

Examples:
  tfsync restore --env prod --dry-run
  tfsync restore --env prod
`;

export const restore: Command = {
  name: "restore",
  summary: "Put an environment's .bak back (the replaced file becomes the .bak)",
  usage: USAGE,
  run: (args, io) =>
    guard("restore", USAGE, io, async () => {
      const { values, common, help } = parseCommandArgs(args, io, {
        env: { type: "string" },
      }, { name: "restore", meant: ["--env"] });
      if (help) return io.stdout(USAGE), EXIT.ok;
      if (values.env === undefined) throw new UsageError("missing --env ENV");
      const config = await loadConfig(common.root, common.configPath);
      const path = await checkEnvironmentName(values.env, config);
      const show = (p: string) => displayPath(p, io);
      const o = { root: config.root, display: show };
      const preview = await restoreBackup(path, { ...o, dryRun: true });
      if (!common.dryRun && preview.diff !== "") {
        const answer = await confirm("restore", [preview.file], [preview.diff], common, io);
        if (answer !== undefined) return answer;
      }
      const r = common.dryRun ? preview : await restoreBackup(path, o);
      if (common.json) {
        io.stdout(
          JSON.stringify(
            { format_version: FORMAT_VERSION, environment: values.env, ...r, diff: undefined },
            null,
            2,
          ) + "\n",
        );
      } else if (common.dryRun) io.stdout(r.diff);
      else if (!r.restored) io.stdout(`${r.file} is the same as ${r.backup}: nothing to restore\n`);
      else {
        io.stdout(
          `Restored ${r.file} from ${r.backup}; the replaced version is now ${r.backup} ` +
            `(run 'tfsync restore --env ${values.env}' again to undo)\n`,
        );
      }
      return EXIT.ok;
    }),
};
