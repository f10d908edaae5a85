// The line an offset of a text stands on: where it starts, and the indentation it starts with
// (path edits lay out a key and its value at their line's indentation).

/** Where the line holding `at` starts. */
export function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The spaces and tabs that start the line holding `at`. */
export function indentOf(text: string, at: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartOf(text, at)))![0];
}
