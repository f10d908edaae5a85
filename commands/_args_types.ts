// The shapes of commands/_args.ts's parseArgs: its configuration, values and tokens, as node:util's.

export interface OptionConfig {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

export interface ParseArgsConfig<
  T extends Record<string, OptionConfig> = Record<string, OptionConfig>,
> {
  args: string[];
  options: T;
  strict?: true;
  allowPositionals?: boolean;
  /** Also return the tokens, as node does. */
  tokens?: boolean;
}

export type Token =
  | {
    kind: "option";
    name: string;
    rawName: string;
    index: number;
    value: string | undefined;
    inlineValue: boolean | undefined;
  }
  | { kind: "positional"; index: number; value: string }
  | { kind: "option-terminator"; index: number };

type One<O extends OptionConfig> = O["type"] extends "string" ? string : boolean;

/** The values, typed by the options as node's are. */
export type Values<T extends Record<string, OptionConfig>> = {
  [K in keyof T]?: T[K]["multiple"] extends true ? One<T[K]>[] : One<T[K]>;
};
