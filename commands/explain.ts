// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const explain: Command = {
  name: "explain",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync explain",
  run(_args, io) {
    io.stderr("tfsync explain: not yet implemented\n");
    return Promise.resolve(2);
  },
};
