// Typed errors of the HCL engine. Commands turn them into one-line messages and exit codes.

/** Where something is. Errors carry it as fields; their message never repeats it. */
export interface Place {
  /** Absolute path. */
  file: string;
  /** 1-based; absent when the error is about the whole file. */
  line?: number;
  /** 1-based, in characters. */
  column?: number;
  /** The text of that line, for a caret under the column. */
  sourceLine?: string;
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

/** Text that is not valid HCL, or not valid for a tfvars file (a block, a duplicate attribute). */
export class TfvarsSyntaxError extends SyntaxError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  readonly sourceLine: string;
  constructor(file: string, line: number, column: number, detail: string, sourceLine: string) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = "TfvarsSyntaxError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
    this.sourceLine = sourceLine;
  }
  /** The message, the source line and a caret under the column, as toml_edit shows errors. */
  pretty(): string {
    const caret = " ".repeat(Math.max(0, this.column - 1)) + "^";
    return `${this.message}\n  ${this.sourceLine}\n  ${caret}`;
  }
}

/** The edited text does not read back as intended: a bug, and nothing is written. */
export class VerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerificationError";
  }
}
