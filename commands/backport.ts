// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const backport: Command = {
  name: "backport",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync backport",
  run(_args, io) {
    io.stderr("tfsync backport: not yet implemented\n");
    return Promise.resolve(2);
  },
};
