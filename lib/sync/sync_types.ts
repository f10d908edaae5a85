// What a plan changes, as data shared by sync_plan.ts and sync_paths.ts.
import type { Value } from "../hcl/value.ts";
import type { LinePlace } from "../hcl/errors.ts";

/** One variable a file changes. `from` is absent for a variable the file did not set. */
export interface Change {
  name: string;
  /** The keys inside the variable's value, for a variable synced by path (sync_paths.ts). */
  keys?: string[];
  action: "update" | "add" | "remove";
  from?: Value;
  /** `from` is the variables.tf default (the file did not set the variable). */
  fromDefault?: boolean;
  /** The shared layer (as named) whose value this environment's own file now overrides. */
  overrides?: string;
  to?: Value;
  /** The variable's line in the edited file (remove: in the file before the edit). */
  line: number;
}

/** A syncable variable the target sets but the source does not: kept, or removed with --prune. */
export interface TargetOnly extends LinePlace {
  name: string;
  keys?: string[];
  value: Value;
}
