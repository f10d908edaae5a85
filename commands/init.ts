// Placeholder until the command lands.
import type { Command } from "./_command.ts";

export const init: Command = {
  name: "init",
  summary: "(not yet implemented)",
  usage: "Usage: tfsync init",
  run(_args, io) {
    io.stderr("tfsync init: not yet implemented\n");
    return Promise.resolve(2);
  },
};
