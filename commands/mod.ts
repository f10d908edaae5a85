// The command list: `tfsync --help` is built from it, in this order.
import type { Command } from "./_command.ts";
import { extract } from "./extract.ts";
import { apply } from "./apply.ts";
import { diff } from "./diff.ts";
import { promote } from "./promote.ts";
import { backport } from "./backport.ts";
import { sync } from "./sync.ts";
import { check } from "./check.ts";
import { explain } from "./explain.ts";
import { matrix } from "./matrix.ts";
import { init } from "./init.ts";
import { restore } from "./restore.ts";

export const commands: Command[] = [
  extract,
  apply,
  diff,
  promote,
  backport,
  sync,
  check,
  explain,
  matrix,
  init,
  restore,
];
