// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const apply: Command = {
  name: "apply",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync apply",
  run(_args, io) {
    io.stderr("tfsync apply: not yet implemented\n");
    return Promise.resolve(2);
  },
};
