// tfsync check: the CI gate. Every finding in one pass; exit 1 when any is an error.
import { type Command, EXIT } from "./_command.ts";
import { defineCommand } from "./_define.ts";
import { displayPath, spellingOf } from "./_options.ts";
import { emit } from "./_flags.ts";
import { formatUsage, OUTPUT_USAGE, READ_USAGE } from "./_usage.ts";
import { checkReport } from "../lib/mod.ts";
import type { CheckResult } from "../lib/report/check.ts";
import { counts, type Format, FORMATS, render } from "../render/check_format.ts";
import { listOption } from "./_lists.ts";

const { checkRepository, loadCheckConfig } = await checkReport();

const USAGE =
  `Usage: tfsync check [--env ENV]... [--strict] [--format text|json|github|markdown] [options]

Checks every environment (or the named ones) in one pass and reports every finding:
  config        tfsync.hcl is invalid
  syntax        a tfvars file, the shared file or a .tf file of module_dir does not parse
  module        a variable block is invalid (declared twice, a bad type constraint)
  shared        the shared file holds a variable that is not syncable (or does not exist: a warning)
  undeclared    a variable is set but declared in no variable block of module_dir
  type          a value does not fit its variable's type, after Terraform's conversions
  drift         an environment's value of a syncable variable differs from the shared file's
                (with no shared value, the environments are compared with one another)
  unclassified  a variable in no group and not environment-specific (a warning; an error with --strict)

Exit status: 0 no error (warnings allowed), 1 errors found, 2 bad usage.

Options:
  --env ENV        check only this environment (repeat it, or ENV,ENV)
  --strict         unclassified variables are errors
${formatUsage(FORMATS)}
                   (github: workflow annotations, the default when GITHUB_ACTIONS=true;
                   markdown: a report for a pull-request comment)
${OUTPUT_USAGE}

${READ_USAGE}

Examples:
  tfsync check
  tfsync check --env prod --strict
  tfsync check --format markdown --output check.md   # a pull-request comment
`;

export const check: Command = defineCommand({
  name: "check",
  summary: "Check every environment: syntax, types, drift from the shared file, unclassified",
  usage: USAGE,
  options: {
    env: { type: "string", multiple: true },
    strict: { type: "boolean" },
  },
  spec: { readOnly: true, meant: ["--env"], formats: FORMATS, output: true },
  run: async ({ values, common }, io) => {
    const format = (common.format ??
      (io.env("GITHUB_ACTIONS") === "true" ? "github" : "text")) as Format;
    const display = (p: string) => displayPath(p, io);
    const config = await loadCheckConfig(common.root, common.configPath, display);
    const result: CheckResult = "check" in config
      ? { environments: [], syncable: 0, findings: [config] }
      : await checkRepository(config, {
        environments: listOption(values.env, "--env"),
        strict: values.strict === true,
        display,
      });
    await emit(io, common, render(result, format, common.color, spellingOf(io)));
    return counts(result).errors ? EXIT.differences : EXIT.ok;
  },
});
