// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const promote: Command = {
  name: "promote",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync promote",
  run(_args, io) {
    io.stderr("tfsync promote: not yet implemented\n");
    return Promise.resolve(2);
  },
};
