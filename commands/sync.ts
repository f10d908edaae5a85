// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const sync: Command = {
  name: "sync",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync sync",
  run(_args, io) {
    io.stderr("tfsync sync: not yet implemented\n");
    return Promise.resolve(2);
  },
};
