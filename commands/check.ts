// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const check: Command = {
  name: "check",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync check",
  run(_args, io) {
    io.stderr("tfsync check: not yet implemented\n");
    return Promise.resolve(2);
  },
};
