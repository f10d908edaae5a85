// Typed errors thrown by lib/. Commands turn them into one-line messages and exit codes.
export { TfvarsSyntaxError, VerificationError } from "./hcl/errors.ts";

/** A configuration (tfsync.hcl) or layout problem: an unknown environment, a variable in two lists. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
