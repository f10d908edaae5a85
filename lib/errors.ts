// Typed errors thrown by lib/. Commands turn them into one-line messages and exit codes.
import { type Place, PlacedError, type Related } from "./hcl/errors.ts";
import { plain, type Text } from "./words.ts";
export {
  type LinePlace,
  type Place,
  PlacedError,
  type Related,
  TfvarsSyntaxError,
  TfvarsValueError,
  VerificationError,
} from "./hcl/errors.ts";

/**
 * A configuration (tfsync.hcl) or layout problem: an unknown environment, a variable in two lists.
 * A message that points at a command or an option keeps them as data in `text` (render/ words it);
 * its `message` then names them plainly, for a reader that is no renderer.
 */
export class ConfigError extends PlacedError {
  readonly text: Text;
  constructor(message: Text, place?: Place, related: readonly Related[] = []) {
    super(plain(message), place, related);
    this.name = "ConfigError";
    this.text = message;
  }
}

/** A file write failed; the message says what state the files are in. */
export class WriteError extends ConfigError {
  /** True when some file was left changed (undoing failed). */
  readonly partial: boolean;
  /** `place`: the file that could not be written, when it is one. */
  constructor(message: string, partial = false, place?: Place) {
    super(message, place);
    this.name = "WriteError";
    this.partial = partial;
  }
}

/** Another tfsync held the lock for longer than the wait (lib/write/lock.ts). */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockError";
  }
}
