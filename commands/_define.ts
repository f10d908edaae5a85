// The frame of every command: its name, summary and usage; its own flags parsed with the shared
// ones; --help answered; errors turned into one line and an exit code (guard). The body gets what
// was parsed.
import { type Command, EXIT, type Io } from "./_command.ts";
import type { ParseArgsConfig } from "./_args.ts";
import { guard } from "./_options.ts";
import { parseCommandArgs } from "./_flags.ts";
import { type ArgSpec, commandFlags } from "./_flag_set.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = Omit<ReturnType<typeof parseCommandArgs<O>>, "help">;

export interface CommandDefinition<O extends Options> {
  name: string;
  summary: string;
  usage: string;
  options: O;
  spec?: Omit<ArgSpec, "name">;
  run(parsed: Parsed<O>, io: Io): Promise<number>;
}

export function defineCommand<O extends Options>(def: CommandDefinition<O>): Command {
  return {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    flags: commandFlags(def.options, def.spec ?? {}),
    ...(def.spec?.formats && { formats: def.spec.formats }),
    run: (args, io) =>
      guard(def.name, def.usage, io, async () => {
        const { help, ...parsed } = parseCommandArgs(args, io, def.options, {
          name: def.name,
          ...def.spec,
        });
        if (help) return io.stdout(def.usage), EXIT.ok;
        return await def.run(parsed, io);
      }),
  };
}
