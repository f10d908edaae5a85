// lib/'s sentences (lib/words.ts) as people read them: a command as 'tfsync CMD --opt value' in
// quotes, an option as --opt.
import { spelled, type Text } from "../lib/words.ts";

/** A command's line without quotes: `tfsync apply --to prod`. */
export function commandLine(run: string, options: Array<[string, string?]> = []): string {
  return [`tfsync ${run}`, ...options.map(([n, v]) => `--${n}${v === undefined ? "" : " " + v}`)]
    .join(" ");
}

export function words(text: Text): string {
  return spelled(text, {
    run: (r) => `'${commandLine(r.run, r.options)}'`,
    option: (name) => `--${name}`,
  });
}
