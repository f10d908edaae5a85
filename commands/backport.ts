// tfsync backport: promote, from a later environment back to an earlier one (make sync-backport).
import type { Command } from "./_command.ts";
import { pairCommand } from "./promote.ts";

export const backport: Command = pairCommand(
  "backport",
  "The same as promote, from a later environment back to an earlier one (prod → test)",
  "Backports features from a later environment to an earlier one (make sync-backport)",
  ["prod", "dev"],
);
