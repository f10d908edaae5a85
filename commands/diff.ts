// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const diff: Command = {
  name: "diff",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync diff",
  run(_args, io) {
    io.stderr("tfsync diff: not yet implemented\n");
    return Promise.resolve(2);
  },
};
