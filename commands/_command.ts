// The contract between mod.ts and each command module.
import type { Spelling } from "../render/words.ts";

/** What a command may touch of the outside world besides files. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdin is a terminal (a person can answer a prompt, whatever stdout is). */
  interactive: boolean;
  /** True when stdout is a terminal (a prompt and its preview may go there). */
  stdoutTerminal: boolean;
  /** True when stderr is a terminal (an error may show its source line and a caret). */
  stderrTerminal?: boolean;
  /** Reads one line from stdin; null at end of input. */
  readLine(): Promise<string | null>;
  env(name: string): string | undefined;
  cwd: string;
  /**
   * The repository root, once the command's flags are read (parseCommandArgs sets it): every path
   * in a message or a report is relative to it, wherever tfsync was started.
   */
  root?: string;
  /** Colour allowed on stdout (a terminal, no NO_COLOR). Commands still honour --no-color. */
  color: boolean;
  /** --format json was asked: errors are JSON objects on stdout too (set by main). */
  jsonErrors?: boolean;
  /**
   * How messages name commands and options (render/words.ts): make's words when run through the
   * Makefile (set by main); tfsync's own when unset.
   */
  spelling?: Spelling;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Every flag it takes (`--from`), in its help's order: what Tab completes. */
  flags: readonly string[];
  /** The values of its --format, when it has one. */
  formats?: readonly string[];
  run(args: string[], io: Io): Promise<number>;
}

/** Exit codes, as diff(1). */
export const EXIT = {
  ok: 0,
  differences: 1,
  usage: 2,
  verification: 3,
  /** A write failed and could not be undone: the message says which file holds what. */
  partial: 4,
} as const;
