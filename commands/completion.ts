// tfsync completion bash|zsh|fish: a script that asks `tfsync __complete WORDS…` for candidates
// at completion time, so environment, group and variable names are those of the repository the
// user is in, and the flags those of the installed tfsync.
import { type Command, EXIT, type Io } from "./_command.ts";
import { guard, UsageError } from "./_options.ts";
import { parseCommandArgs } from "./_flags.ts";
import { commandFlags } from "./_flag_set.ts";
import { READ_USAGE } from "./_usage.ts";
import { commands } from "./mod.ts";
import { discoverRoot, listEnvironments, loadConfig, resolve } from "../lib/mod.ts";

const USAGE = `Usage: tfsync completion bash|zsh|fish

Prints a completion script for the shell: commands, their flags, and the environment, group and
variable names of the repository you are in (read when you press Tab).

${READ_USAGE}

Examples:
  tfsync completion bash > ~/.local/share/bash-completion/completions/tfsync
  tfsync completion zsh > "\${fpath[1]}/_tfsync"
  tfsync completion fish > ~/.config/fish/completions/tfsync.fish
`;

/** The answer that asks the shell to complete a file name itself. */
const FILES = "__files__";

const SCRIPTS: Record<string, string> = {
  bash: `# tfsync completion for bash: source it, or put it in bash-completion's completions folder.
_tfsync() {
  local cur=\${COMP_WORDS[COMP_CWORD]} IFS=$'\\n' out
  out=$(tfsync __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [ "$out" = "${FILES}" ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
  fi
}
complete -F _tfsync tfsync
`,
  zsh: `#compdef tfsync
# tfsync completion for zsh: put it in a folder of $fpath as _tfsync, or source it after compinit.
_tfsync() {
  local -a out
  out=("\${(@f)$(tfsync __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ "$out" == "${FILES}" ]]; then _files; else compadd -- $out; fi
}
if (( $+functions[compdef] )); then compdef _tfsync tfsync; fi
`,
  fish: `# tfsync completion for fish: put it in ~/.config/fish/completions/tfsync.fish.
function __tfsync_complete
    set -l out (tfsync __complete (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)
    if test "$out" = "${FILES}"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $out
    end
end
complete -c tfsync -f -a '(__tfsync_complete)'
`,
};

const SPEC = { name: "completion", readOnly: true, positionals: 1 } as const;

export const completion: Command = {
  name: "completion",
  summary: "Print a completion script for bash, zsh or fish",
  usage: USAGE,
  flags: commandFlags({}, SPEC),
  run: (args, io) => guard("completion", USAGE, io, () => Promise.resolve(_print(args, io))),
};

function _print(args: string[], io: Io): number {
  const { positionals, help } = parseCommandArgs(args, io, {}, SPEC);
  if (help) return io.stdout(USAGE), EXIT.ok;
  const script = SCRIPTS[positionals[0] ?? ""];
  if (script === undefined) {
    const what = positionals[0] === undefined
      ? "Missing the shell"
      : `Unknown shell "${positionals[0]}"`;
    throw new UsageError(`${what}: expected bash, zsh or fish`);
  }
  io.stdout(script);
  return EXIT.ok;
}

const FILE_FLAGS = ["--root", "--config", "--output", "--from-makefile"];

/**
 * The candidates for the last of `words` (the words after "tfsync", the last one being
 * completed), one a line. Never fails: a repository it cannot read just gives no names.
 */
export async function complete(words: string[], io: Io): Promise<void> {
  const rest = words[0] === "-C" ? words.slice(2) : words;
  const cwd = words[0] === "-C" && words[1] ? resolve(io.cwd, words[1]) : io.cwd;
  const names = commands.map((c) => c.name);
  const print = (list: readonly string[]) => list.length && io.stdout(list.join("\n") + "\n");
  if (rest.length <= 1) return void print([...names, "help"]);
  if (rest[0] === "help") return void print(rest.length === 2 ? names : []);
  const entry = commands.find((c) => c.name === rest[0]);
  if (!entry) return;
  const command = await entry.load();
  const prev = rest[rest.length - 2];
  if (FILE_FLAGS.includes(prev)) return void io.stdout(FILES + "\n");
  if (prev === "--format") return void print(command.formats ?? []);
  if (prev === "--color") return void print(["auto", "always", "never"]);
  const names2 = await _repositoryNames(rest, cwd).catch(() => undefined);
  if (["--from", "--to", "--env"].includes(prev)) return void print(names2?.environments ?? []);
  if (prev === "--group") return void print(names2?.groups ?? []);
  if (prev === "--vars") return void print(names2?.syncable ?? []);
  if (rest[0] === "explain" && !rest[rest.length - 1].startsWith("-")) {
    return void print(names2?.variables ?? []);
  }
  if (rest[0] === "completion") return void print(Object.keys(SCRIPTS));
  print(command.flags);
}

async function _repositoryNames(words: string[], cwd: string) {
  const flag = (name: string) => {
    const i = words.indexOf(name);
    return i >= 0 && i < words.length - 2 ? resolve(cwd, words[i + 1]) : undefined;
  };
  const config = await loadConfig(flag("--root") ?? discoverRoot(cwd), flag("--config"));
  return {
    environments: await listEnvironments(config),
    groups: config.groups.map((g) => g.name),
    syncable: config.syncable,
    variables: [...config.syncable, ...config.environmentSpecific],
  };
}
