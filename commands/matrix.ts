// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const matrix: Command = {
  name: "matrix",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync matrix",
  run(_args, io) {
    io.stderr("tfsync matrix: not yet implemented\n");
    return Promise.resolve(2);
  },
};
