// The command list: `tfsync --help` is built from it, in this order. Each command's module is
// loaded only when it runs, so --help, --version and every command pay only for what they use.
// (tests/command_list_test.ts checks that each summary here is the module's own.)
import type { Command } from "./_command.ts";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  {
    name: "extract",
    summary: "Copy an environment's syncable values into the shared file",
    load: async () => (await import("./extract.ts")).extract,
  },
  {
    name: "apply",
    summary: "Copy the shared file's values into an environment",
    load: async () => (await import("./apply.ts")).apply,
  },
  {
    name: "diff",
    summary: "Compare two environments' effective values, layer by layer",
    load: async () => (await import("./diff.ts")).diff,
  },
  {
    name: "promote",
    summary: "Extract from one environment and apply to another (test \u2192 prod)",
    load: async () => (await import("./promote.ts")).promote,
  },
  {
    name: "backport",
    summary:
      "The same as promote, from a later environment back to an earlier one (prod \u2192 test)",
    load: async () => (await import("./backport.ts")).backport,
  },
  {
    name: "sync",
    summary: "Copy some groups or variables from one environment to another",
    load: async () => (await import("./sync.ts")).sync,
  },
  {
    name: "check",
    summary: "Check every environment: syntax, types, drift from the shared file, unclassified",
    load: async () => (await import("./check.ts")).check,
  },
  {
    name: "explain",
    summary: "Show where a variable's value comes from, layer by layer, in each environment",
    load: async () => (await import("./explain.ts")).explain,
  },
  {
    name: "matrix",
    summary: "Show environments x syncable variables in one table (text, Markdown or HTML)",
    load: async () => (await import("./matrix.ts")).matrix,
  },
  {
    name: "init",
    summary: "Write tfsync.hcl from the defaults or an existing sync Makefile",
    load: async () => (await import("./init.ts")).init,
  },
  {
    name: "restore",
    summary: "Undo the last writing run, or with --env put one environment's .bak back",
    load: async () => (await import("./restore.ts")).restore,
  },
  {
    name: "completion",
    summary: "Print a completion script for bash, zsh or fish",
    load: async () => (await import("./completion.ts")).completion,
  },
];
