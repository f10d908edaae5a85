// What a command line gets wrong, answered with what to type instead: an unknown flag, a flag
// given twice, arguments where flags belong.
import { ArgsError, type ParseArgsConfig, type Token } from "./_args.ts";
import { UsageError } from "./_options.ts";
import { didYouMean, run } from "../lib/mod.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * parseArgs' complaint about a flag, in tfsync's words: a writing flag given to a read-only
 * command (`writeFlags`), or an unknown one with the nearest known name.
 */
export function unknownFlag(
  error: Error,
  all: Options,
  spec: { name: string; readOnly?: boolean },
  writeFlags: readonly string[],
): string {
  const flag = error instanceof ArgsError ? error.option : undefined;
  if (flag === undefined) return error.message;
  const name = flag.replace(/^--?/, "").replace(/=.*$/, "");
  if ((spec.readOnly && writeFlags.includes(name)) || flag === "-y") {
    return `"${flag}" is for commands that write: ${spec.name} only reads`;
  }
  const near = didYouMean(name, Object.keys(all));
  return `Unknown option "${flag}"${near.replace(/"([^"]+)"/, '"--$1"')}`;
}

/** A single-valued flag given twice is refused: silently keeping the last hides a mistake. */
export function once(tokens: Token[] | undefined, all: Options): void {
  const seen = new Map<string, string | undefined>();
  for (const t of tokens ?? []) {
    if (t.kind !== "option" || all[t.name]?.multiple || all[t.name]?.type !== "string") continue;
    if (seen.has(t.name)) {
      throw new UsageError(
        `"--${t.name}" given twice ("${seen.get(t.name)}", then "${t.value}"): give it once`,
      );
    }
    seen.set(t.name, t.value);
  }
}

/** Arguments where flags belong: says what to type instead (diff a b: --from a --to b). */
export function misplaced(
  positionals: string[],
  spec: { name: string; positionals?: number; meant?: readonly string[] },
): never {
  const extra = positionals.slice(spec.positionals ?? 0);
  const meant = spec.meant ?? [];
  const quoted = `argument${extra.length === 1 ? "" : "s"} ` +
    extra.map((p) => `"${p}"`).join(", ");
  if (extra.length > meant.length) {
    throw new UsageError(`Unexpected ${quoted}: ${spec.name} takes no more arguments`);
  }
  const options = meant.map((f, i): [string, string] => [
    f.replace(/^--/, ""),
    extra[i] ?? (f === "--to" ? "ENV" : "…"),
  ]);
  throw new UsageError([`Unexpected ${quoted}: type `, run(spec.name, ...options)]);
}
