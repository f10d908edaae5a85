// Typed errors thrown by lib/. Commands turn them into one-line messages and exit codes.
import { type Place, PlacedError, type Related } from "./hcl/errors.ts";
export {
  type Place,
  PlacedError,
  type Related,
  TfvarsSyntaxError,
  TfvarsValueError,
  VerificationError,
} from "./hcl/errors.ts";

/** A configuration (tfsync.hcl) or layout problem: an unknown environment, a variable in two lists. */
export class ConfigError extends PlacedError {
  constructor(message: string, place?: Place, related: readonly Related[] = []) {
    super(message, place, related);
    this.name = "ConfigError";
  }
}
