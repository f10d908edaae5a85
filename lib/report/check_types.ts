// The data of a check report: its findings and the located values they compare (check.ts builds
// them, check_drift.ts and check_paths.ts add theirs, render/check_format.ts renders them).
import type { Located } from "../terraform/layers.ts";
import type { Text } from "../words.ts";
import type { Place } from "../hcl/errors.ts";

/** The checks, in the order findings are listed. */
export const CHECKS = [
  "config",
  "syntax",
  "module",
  "shared",
  "undeclared",
  "type",
  "drift",
  "path",
  "pending",
  "unclassified",
] as const;
export type CheckName = typeof CHECKS[number];

/** A value a finding compares, and whether it is sensitive (then JSON leaves it out). */
export type CheckValue = Located & { sensitive?: boolean };

/** A finding, and where it is (a finding about the whole repository has no file). */
export interface Finding extends Partial<Place> {
  check: CheckName;
  severity: "error" | "warning";
  /** A sentence without the location (renderers add `file:line`) and without the fix. */
  message: Text;
  /** What to run or change to settle it (renderers fold one repeated across findings). */
  fix?: Text;
  variable?: string;
  /** A path inside the variable's value (variables synced by path), as steps and as a string. */
  path?: { steps: string[]; string: string };
  /** pending: the variables that differ from the shared file, in the config's order. */
  variables?: string[];
  environment?: string;
  /** drift: the values compared, by environment name, and "shared" for the reference. */
  values?: Record<string, CheckValue>;
}
