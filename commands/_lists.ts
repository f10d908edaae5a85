// Repeatable list flags (`--env a --env b`, `--env a,b`) of the read-only commands.
import { UsageError } from "./_options.ts";

/** The names given to a repeatable flag, split at commas; undefined when the flag is absent. */
export function listOption(given: string[] | undefined, flag: string): string[] | undefined {
  if (given === undefined) return undefined;
  const names = given.flatMap((g) => g.split(",")).map((n) => n.trim());
  if (names.some((n) => n === "")) throw new UsageError(`${flag} needs a name`);
  return [...new Set(names)];
}
