// node:util's parseArgs (strict), for the options tfsync declares, without node:util: the first
// `node:` import loads Deno's whole Node compatibility layer, which costs more than a read-only
// command's own work. Same results and messages as node's (commands/_args_test.ts compares them).

import type { OptionConfig, ParseArgsConfig, Token, Values } from "./_args_types.ts";

export type { OptionConfig, ParseArgsConfig, Token, Values };

/** A command line parseArgs refuses, with node's message; `option`: the unknown one, as given. */
export class ArgsError extends TypeError {
  constructor(message: string, readonly option?: string) {
    super(message);
  }
}

type Loose = Record<string, string | boolean | (string | boolean)[] | undefined>;

export function parseArgs<T extends Record<string, OptionConfig>>(
  config: ParseArgsConfig<T>,
): { values: Values<T>; positionals: string[]; tokens?: Token[] } {
  const { args, options } = config;
  const values: Loose = Object.create(null);
  const positionals: string[] = [];
  const tokens: Token[] = [];
  const byShort = new Map(
    Object.entries(options).filter(([, o]) => o.short).map(([name, o]) => [o.short!, name]),
  );
  const label = (name: string) => {
    const short = options[name].short;
    return `${short ? `-${short}, ` : ""}--${name}`;
  };
  // Where positionals are allowed, node says how to pass one that starts with a dash.
  const unknown = (arg: string) =>
    new ArgsError(
      `Unknown option '${arg}'` + (config.allowPositionals
        ? `. To specify a positional argument starting with a '-', place it at the end of the ` +
          `command after '--', as in '-- ${JSON.stringify(arg)}`
        : ""),
      arg,
    );
  const unexpected = (arg: string) =>
    new ArgsError(`Unexpected argument '${arg}'. This command does not take positional arguments`);
  const store = (
    name: string,
    value: string | boolean,
    index: number,
    rawName: string,
    inline?: boolean,
  ) => {
    tokens.push({
      kind: "option",
      name,
      rawName,
      index,
      value: value === true ? undefined : value as string,
      inlineValue: value === true ? undefined : inline,
    });
    const old = values[name];
    values[name] = options[name].multiple ? [...(Array.isArray(old) ? old : []), value] : value;
  };
  /** A string option's value: the next argument, unless there is none or it looks like an option. */
  const takeValue = (name: string, i: number, shown: string): string => {
    const next = args[i + 1];
    if (next === undefined) throw new ArgsError(`Option '${label(name)} <value>' argument missing`);
    if (next.length > 1 && next.startsWith("-")) {
      const example = shown.startsWith("--")
        ? `'${shown}=-XYZ'`
        : `'--${name}=-XYZ' or '${shown}-XYZ'`;
      throw new ArgsError(
        `Option '${shown}' argument is ambiguous.\nDid you forget to specify the option argument ` +
          `for '${shown}'?\nTo specify an option argument starting with a dash use ${example}.`,
      );
    }
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      const rest = args.slice(i + 1);
      if (rest.length && !config.allowPositionals) throw unexpected(rest[0]);
      tokens.push({ kind: "option-terminator", index: i });
      rest.forEach((value, k) => tokens.push({ kind: "positional", index: i + 1 + k, value }));
      positionals.push(...rest);
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const o = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!o) throw unknown(eq === -1 ? arg : arg.slice(0, eq));
      if (o.type === "boolean") {
        if (eq !== -1) throw new ArgsError(`Option '${label(name)}' does not take an argument`);
        store(name, true, i, arg);
      } else if (eq !== -1) {
        store(name, arg.slice(eq + 1), i, arg.slice(0, eq), true);
      } else {
        store(name, takeValue(name, i, arg), i, arg, false);
        i++;
      }
    } else if (arg.startsWith("-") && arg !== "-") {
      for (let k = 1; k < arg.length; k++) {
        const name = byShort.get(arg[k]);
        if (!name) throw unknown(`-${arg[k]}`);
        const raw = `-${arg[k]}`;
        if (options[name].type === "boolean") {
          store(name, true, i, raw);
          continue;
        }
        // A string option in a group takes the rest of it, or the next argument.
        if (k + 1 < arg.length) store(name, arg.slice(k + 1), i, raw, true);
        else {
          store(name, takeValue(name, i, raw), i, raw, false);
          i++;
        }
        break;
      }
    } else if (config.allowPositionals) {
      tokens.push({ kind: "positional", index: i, value: arg });
      positionals.push(arg);
    } else {
      throw unexpected(arg);
    }
  }
  return { values: values as Values<T>, positionals, ...(config.tokens && { tokens }) };
}
