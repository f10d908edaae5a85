// Text for people that points at tfsync's own commands and options. lib/ names them as data and
// render/words.ts words them ('tfsync apply --to prod', --prune, or make's words), so nothing in
// lib/ knows how a command line is spelled.

/** A command to run: its name and its options in order (a value, or none for a switch). */
export interface Run {
  run: string;
  options?: Array<[name: string, value?: string]>;
}

/** An option of a command, named in a sentence ("until --prune"). */
export interface Option {
  option: string;
}

/** A sentence: literal text, commands and options. */
export type Text = string | Array<string | Run | Option>;

/** `run("apply", ["to", env])`: the command line `tfsync apply --to env` as data. */
export function run(command: string, ...options: Array<[name: string, value?: string]>): Run {
  return { run: command, options };
}

export function option(name: string): Option {
  return { option: name };
}

/** Sentences one after the other, as one. */
export function joined(...texts: Text[]): Text {
  return texts.every((t) => typeof t === "string") ? texts.join("") : texts.flatMap((t) => t);
}

/** The text with each command and option spelled by `spell`. */
export function spelled(
  text: Text,
  spell: { run(r: Run): string; option(name: string): string },
): string {
  if (typeof text === "string") return text;
  return text.map((p) =>
    typeof p === "string" ? p : "option" in p ? spell.option(p.option) : spell.run(p)
  ).join("");
}

/** The text with commands and options by their names alone (`apply to prod`, `prune`). */
export function plain(text: Text): string {
  return spelled(text, {
    run: (r) =>
      [r.run, ...(r.options ?? []).map(([n, v]) => v === undefined ? n : `${n} ${v}`)].join(" "),
    option: (name) => name,
  });
}
