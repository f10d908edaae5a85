// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const restore: Command = {
  name: "restore",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync restore",
  run(_args, io) {
    io.stderr("tfsync restore: not yet implemented\n");
    return Promise.resolve(2);
  },
};
