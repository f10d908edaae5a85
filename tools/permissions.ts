// The permissions tfsync runs with: baked into the compiled binary by tools/compile.ts, printed
// for the Makefile's `deno run` fallback, and used by the tests that spawn the CLI.
// Run it to print the flags on one line: `deno run tools/permissions.ts`.

/** The environment variables tfsync reads by name; every other one reads as unset. */
export const ENV_VARS: readonly string[] = [
  "NO_COLOR", // no colour, even on a terminal
  "TERM", // the terminal's kind, for colour
  "SOURCE_DATE_EPOCH", // reproducible "Last synced"/"Date" lines
  "CI", // running in CI: nobody to answer a prompt
  "GITHUB_ACTIONS", // check's default format there: workflow annotations
  "GITHUB_REPOSITORY", // the HTML matrix names the repository and commit it was made from
  "GITHUB_SHA",
  "TFSYNC_DEBUG", // =1: an internal error shows its stack trace
  "TFSYNC_MAKE", // =1: run through the Makefile, messages name make's words (YES=1, …)
];

/**
 * Read and write anywhere (the infrastructure repository is wherever --root points), the named
 * environment variables, nothing else: no network, no subprocesses, no FFI, no system info.
 * `--ignore-env` makes the variables npm dependencies probe (graceful-fs reads
 * GRACEFUL_FS_PLATFORM) read as unset instead of failing; `--deny-import` removes the default
 * permission to import code from jsr.io, deno.land and a few CDNs; `--no-prompt` turns any other
 * access into an error rather than a question.
 */
export const PERMISSION_FLAGS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  `--allow-env=${ENV_VARS.join(",")}`,
  "--ignore-env",
  "--deny-import",
  "--no-prompt",
];

/**
 * V8 flags: Liftoff alone compiles hcl2json's wasm module (which every write loads to verify its
 * edit) in a fraction of the time and memory of the optimizing compiler, whose code would not run
 * long enough to pay off. Measured in the README's Performance section.
 */
export const V8_FLAGS: readonly string[] = ["--v8-flags=--liftoff-only"];

/** Everything tfsync runs with: baked into the binary, printed for `deno run`. */
export const RUN_FLAGS: readonly string[] = [...PERMISSION_FLAGS, ...V8_FLAGS];

if (import.meta.main) {
  console.log(RUN_FLAGS.join(" "));
}
