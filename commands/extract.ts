// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const extract: Command = {
  name: "extract",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync extract",
  run(_args, io) {
    io.stderr("tfsync extract: not yet implemented\n");
    return Promise.resolve(2);
  },
};
