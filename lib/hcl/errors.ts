// Typed errors of the HCL engine. Commands turn them into one-line messages and exit codes.

/**
 * Where something is: a file, a line and a column in it. Errors carry it as fields (their message
 * never repeats it); reports, findings and plans place what they speak of with it too.
 */
export interface Place {
  /** Absolute path in an error; as the reader sees it in a report. */
  file: string;
  /** 1-based; absent when the error is about the whole file. */
  line?: number;
  /** 1-based, in characters. */
  column?: number;
  /** The text of that line, for a caret under the column. */
  sourceLine?: string;
}

/** A place on a line: a variable's, a comment's. */
export interface LinePlace extends Place {
  line: number;
}

/** Another place an error speaks of: "first set here". */
export interface Related {
  what: string;
  place: Place;
}

/** An error about a place in a file: the message says what is wrong, the fields say where. */
export class PlacedError extends Error {
  readonly place?: Place;
  readonly related: readonly Related[];
  constructor(message: string, place?: Place, related: readonly Related[] = []) {
    super(message);
    this.name = "PlacedError";
    this.place = place;
    this.related = related;
  }
}

/**
 * Text that is not valid HCL, or not valid for a tfvars file (a block, a duplicate attribute).
 * The message is what is wrong; where it is, with the source line for a caret, is in `place`.
 */
export class TfvarsSyntaxError extends PlacedError {
  declare readonly place: Place & { line: number; column: number; sourceLine: string };
  constructor(file: string, line: number, column: number, detail: string, sourceLine: string) {
    super(detail, { file, line, column, sourceLine });
    this.name = "TfvarsSyntaxError";
  }
  get file(): string {
    return this.place.file;
  }
  get line(): number {
    return this.place.line;
  }
  get column(): number {
    return this.place.column;
  }
  /** What is wrong, without the place (the message itself). */
  get detail(): string {
    return this.message;
  }
  get sourceLine(): string {
    return this.place.sourceLine;
  }
}

/** A tfvars value that is no constant (a reference, a call, a failing operation), in terraform's words. */
export class TfvarsValueError extends TfvarsSyntaxError {
  constructor(file: string, line: number, column: number, detail: string, sourceLine: string) {
    super(file, line, column, detail, sourceLine);
    this.name = "TfvarsValueError";
  }
}

/** The edited text does not read back as intended: a bug, and nothing is written. */
export class VerificationError extends PlacedError {
  constructor(message: string, place?: Place) {
    super(message, place);
    this.name = "VerificationError";
  }
}
