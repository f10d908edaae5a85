// tfsync init: writes ROOT/tfsync.hcl, then lists the variables it leaves unclassified.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { type Command, EXIT } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, UsageError } from "./_options.ts";
import { COMMON_USAGE } from "./_usage.ts";
import {
  ConfigError,
  environmentLayers,
  FORMAT_VERSION,
  initPlanning,
  join,
  option,
  readTextIfExists,
  resolve,
  transaction,
} from "../lib/mod.ts";

const { commit, verifyWith } = await transaction();
const { planInit, survey, unclassifiedComment, verifyPlan, withLayout } = await initPlanning();

const USAGE = `Usage: tfsync init [--from-makefile PATH] [--force] [options]

Writes ROOT/tfsync.hcl (or the --config file): from the built-in defaults (the design's
SYNCABLE_VARS in four groups and its ENV_SPECIFIC_VARS), or imported from a Makefile written
after the design (its SYNCABLE_VARS := and ENV_SPECIFIC_VARS := lists, and the variable lists of
its sync-<name> targets as groups). Then lists the variables the environments set that fall in
no list, so you can classify them.

Options:
  --from-makefile PATH  import the lists from this Makefile
  --force               overwrite an existing tfsync.hcl (its old text goes to tfsync.hcl.bak)

${COMMON_USAGE}

Examples:
  tfsync init
  tfsync init --from-makefile Makefile --dry-run
`;

const FORCE = option("force");

export const init: Command = defineCommand({
  name: "init",
  summary: "Write tfsync.hcl from the defaults or an existing sync Makefile",
  usage: USAGE,
  options: {
    "from-makefile": { type: "string" },
    force: { type: "boolean" },
  },
  spec: { meant: ["--from-makefile"] },
  run: async ({ values, common }, io) => {
    const show = (p: string) => displayPath(p, io);
    const target = common.configPath ?? join(common.root, "tfsync.hcl");
    const old = await readTextIfExists(target, { name: show(target) });
    if (old !== undefined && values.force !== true) {
      throw new UsageError([`${show(target)} already exists: use `, FORCE, " to overwrite it"]);
    }
    const from = values["from-makefile"];
    let makefile: { text: string; name: string } | undefined;
    if (from !== undefined) {
      const path = resolve(io.cwd, from);
      const text = await readTextIfExists(path, { name: show(path) });
      if (text === undefined) {
        throw new ConfigError("Cannot read the file: not found", { file: path });
      }
      makefile = { text, name: show(path) };
    }
    const { plan, detected } = await withLayout(planInit(makefile), common.root);
    const config = verifyPlan(plan, target, common.root);
    const found = await survey(config, show);
    if (detected) plan.text += unclassifiedComment(found.unclassified.map((u) => u.name));
    let written = false;
    const diff = common.dryRun
      ? createTwoFilesPatch(
        old === undefined ? "/dev/null" : `a/${show(target)}`,
        `b/${show(target)}`,
        old ?? "",
        plan.text,
        undefined,
        undefined,
        { headerOptions: FILE_HEADERS_ONLY }, // git's: applies with `git apply` from the root
      )
      : undefined;
    // With --json the patch is a field of the one JSON document.
    if (diff !== undefined && !common.json) io.stdout(diff);
    if (!common.dryRun) {
      const file = { path: target, file: show(target), exists: old !== undefined };
      const write = { ...file, before: old ?? "", after: plan.text };
      const verified = await verifyWith([write], () => verifyPlan(plan, target, common.root));
      const [result] = await commit(verified, {
        root: common.root,
        backup: common.backup,
        holder: `tfsync init (pid ${Deno.pid})`,
        onWait: (holder) => io.stderr(`tfsync init: Waiting for ${holder} to finish writing\n`),
      });
      written = result.written;
    }
    if (common.json) {
      io.stdout(
        JSON.stringify(
          {
            format_version: FORMAT_VERSION,
            config: show(target),
            written,
            source: plan.source,
            ...(detected && { layout: detected }),
            ...found,
            warnings: plan.warnings,
            ...(diff !== undefined && { diff }),
          },
          null,
          2,
        ) + "\n",
      );
      return EXIT.ok;
    }
    for (const w of [...plan.warnings, ...found.problems]) {
      io.stderr(`tfsync init: Warning: ${w}\n`);
    }
    const groups = config.groups.map((g) => `${g.name} (${g.variables.length})`).join(", ");
    const verb = common.dryRun ? "Would write" : written ? "Wrote" : "Unchanged:";
    io.stdout(
      `${verb} ${show(target)} from ${plan.source}: groups ${groups || "none"}; ` +
        `${config.environmentSpecific.size} environment-specific variables.\n`,
    );
    io.stdout(`Environments: ${found.environments.join(", ") || "none found"}.\n`);
    if (detected) {
      io.stdout(
        `Layout found: environment_files = ["${detected.pattern}"]; module_dir = "${detected.moduleDir}"\n`,
      );
      for (const env of found.environments) {
        const files = (await environmentLayers(config, env)).map((l) => show(l.path));
        io.stdout(`  ${env}: ${files.join(", ")}\n`);
      }
    }
    if (found.unclassified.length === 0) {
      io.stdout("Every variable the environments set is classified.\n");
      return EXIT.ok;
    }
    io.stdout(
      `Unclassified (in no list: never synced; add each to a group or environment_specific):\n`,
    );
    const width = Math.max(...found.unclassified.map((u) => u.name.length));
    for (const u of found.unclassified) {
      io.stdout(`  ${u.name.padEnd(width)}  ${u.environments.join(", ")}\n`);
    }
    return EXIT.ok;
  },
});
