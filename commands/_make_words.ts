// Run through the Makefile (TFSYNC_MAKE=1), messages name what to type to make: YES=1 for --yes,
// `make sync-features-to SYNC_TARGET=prod` for `tfsync apply --to prod`. A message's commands and
// options are data until it is made (lib/words.ts); this spells them, so nothing printed is
// rewritten afterwards (a value or a diff that reads like a command stays as it is).
import { commandLine, type Spelling } from "../render/words.ts";

/** The switches make sets with a variable. */
const FLAGS: Record<string, string> = { yes: "YES=1", "dry-run": "DRY_RUN=1", force: "FORCE=1" };

/** Each option's make variable, by the command it is given to. */
const VARIABLES: Record<string, string> = { from: "SYNC_SOURCE", to: "SYNC_TARGET" };
const OWN: Record<string, Record<string, string>> = {
  restore: { env: "ENV" },
  check: { env: "ENV" },
  init: { "from-makefile": "FROM_MAKEFILE" },
};

/** `tfsync CMD OPTIONS` as the make target that runs it; undefined when there is none. */
function target(command: string, options: Array<[string, string?]>): string | undefined {
  const group = options.find(([n]) => n === "group")?.[1];
  const name = {
    extract: "sync-features-from",
    apply: "sync-features-to",
    diff: "sync-diff",
    promote: "sync-promote",
    backport: "sync-backport",
    restore: "sync-restore",
    check: "sync-check",
    matrix: "sync-matrix",
    init: "sync-init",
    // One group has its target; several do not.
    sync: group !== undefined && !group.includes(",") ? `sync-${group}` : undefined,
  }[command];
  if (name === undefined || options.some(([n]) => n === "help")) return undefined;
  const vars: string[] = [];
  const rest: string[] = [];
  for (const [n, v] of options) {
    const variable = OWN[command]?.[n] ?? VARIABLES[n];
    if (command === "sync" && n === "group") continue;
    if (v === undefined && FLAGS[n]) vars.push(FLAGS[n]);
    else if (variable && v !== undefined) vars.push(`${variable}=${v}`);
    else rest.push(`--${n}${v === undefined ? "" : " " + v}`);
  }
  // What make has no variable for, it passes on as it is.
  if (rest.length === 1 && !rest[0].includes(" ")) vars.push(`TFSYNC_ARGS=${rest[0]}`);
  else if (rest.length > 0) vars.push(`TFSYNC_ARGS="${rest.join(" ")}"`);
  return ["make", name, ...vars].join(" ");
}

/** make's words: a make target for a command, YES=1 for --yes; tfsync's for what has none. */
export const MAKE_WORDS: Spelling = {
  command: (run, options = []) => target(run, options) ?? commandLine(run, options),
  option: (name) => FLAGS[name] ?? `--${name}`,
};
