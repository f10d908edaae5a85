// Sentences that name tfsync's commands and options (lib/words.ts's Text) as people read them: a
// command quoted, 'tfsync apply --to prod', and an option as --yes; or, run through the Makefile,
// in make's words ('make sync-features-to SYNC_TARGET=prod', YES=1: commands/_make_words.ts).
// Only a message's commands and options are spelled here, when it is made: a value, a comment or
// a diff printed beside it is never reworded.
import type { Text } from "../lib/words.ts";

/** How a command and an option are spelled in a message. */
export interface Spelling {
  /** A command line without quotes: `tfsync apply --to prod`. */
  command(run: string, options?: Array<[string, string?]>): string;
  /** An option named in a sentence ("pass --yes"), by its name without dashes. */
  option(name: string): string;
}

/** A command's line without quotes: `tfsync apply --to prod`. */
export function commandLine(run: string, options: Array<[string, string?]> = []): string {
  return [`tfsync ${run}`, ...options.map(([n, v]) => `--${n}${v === undefined ? "" : " " + v}`)]
    .join(" ");
}

/** tfsync's own words. */
export const TFSYNC_WORDS: Spelling = { command: commandLine, option: (name) => `--${name}` };

/** The sentence as a person reads it: each command quoted, 'tfsync apply --to prod'. */
export function words(text: Text, spelling: Spelling): string {
  return wordsAs(text, spelling, { literal: (s) => s, quote: (command) => `'${command}'` });
}

/**
 * The sentence with its literal parts (and options) through `literal` and each command through
 * `quote`: in Markdown, the text escaped for a table cell and the commands as inline code, without
 * reading the text for what looks like a command (a value quoted in it stays a value).
 */
export function wordsAs(
  text: Text,
  spelling: Spelling,
  o: { literal: (s: string) => string; quote: (command: string) => string },
): string {
  return (typeof text === "string" ? [text] : text).map((p) =>
    typeof p === "string"
      ? o.literal(p)
      : "option" in p
      ? o.literal(spelling.option(p.option))
      : o.quote(spelling.command(p.run, p.options))
  ).join("");
}
