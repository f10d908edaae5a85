// How an error with a place reads: `file:line:col: message` (the file as the reader should see
// it), the source line with a caret under the column on a terminal, related places after it; and
// the same as fields of a JSON object for --format json.
import { ConfigError, type Place, type PlacedError } from "../lib/errors.ts";
import { type Spelling, TFSYNC_WORDS, words } from "./words.ts";

/** What is wrong, in words (a ConfigError's commands and options as a person types them). */
function messageOf(e: PlacedError, spelling: Spelling): string {
  return e instanceof ConfigError ? words(e.text, spelling) : e.message;
}

/** `file:line:col` of a place, the file as `show` presents it (as it is by default). */
export function placeText(place: Place, show: (file: string) => string = (f) => f): string {
  return [show(place.file), place.line, place.line && place.column].filter((x) => x).join(":");
}

/**
 * The error in one line, or with its source line and caret (`caret`) when it has them; its
 * commands and options spelled by `spelling` (the source line is the file's, as it is).
 */
export function errorText(
  e: PlacedError,
  show: (file: string) => string,
  caret = false,
  spelling: Spelling = TFSYNC_WORDS,
): string {
  const p = e.place;
  const message = messageOf(e, spelling);
  let out = p ? `${placeText(p, show)}: ${message}` : message;
  for (const r of e.related) out += `; ${r.what} ${placeText(r.place, show)}`;
  if (caret && p?.sourceLine !== undefined && p.column !== undefined) {
    out += `\n  ${p.sourceLine}\n  ${" ".repeat(Math.max(0, p.column - 1))}^`;
  }
  return out;
}

/** The error's fields for a JSON object: what is wrong, where, and the related places. */
export function errorFields(
  e: PlacedError,
  show: (file: string) => string,
  spelling: Spelling = TFSYNC_WORDS,
): Record<string, unknown> {
  const place = (p: Place) => ({ ...p, file: show(p.file) });
  return {
    message: messageOf(e, spelling),
    ...(e.place && place(e.place)),
    ...(e.related.length > 0 && {
      related: e.related.map((r) => ({ what: r.what, ...place(r.place) })),
    }),
  };
}
