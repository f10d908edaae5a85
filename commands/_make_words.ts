// Run through the Makefile (TFSYNC_MAKE=1), messages name what to type to make: YES=1 for --yes,
// `make sync-features-to SYNC_TARGET=prod` for `tfsync apply --to prod`. Only the wording
// changes, at rendering: lib's messages name tfsync's commands, and this rewrites them.

const FLAGS: Record<string, string> = {
  "--yes": "YES=1",
  "--dry-run": "DRY_RUN=1",
  "--force": "FORCE=1",
};

/** `tfsync CMD ARGS` as the make target that runs it; undefined when there is none. */
function target(command: string, args: string): string | undefined {
  if (args.includes("--help")) return undefined; // help is tfsync's own
  const opt = (flag: string) => new RegExp(`${flag} (\\S+)`).exec(args)?.[1];
  const from = opt("--from"), to = opt("--to");
  const vars = [from && `SYNC_SOURCE=${from}`, to && `SYNC_TARGET=${to}`].filter(Boolean);
  const pair = vars.length ? " " + vars.join(" ") : "";
  switch (command) {
    case "extract":
      return `make sync-features-from${pair}`;
    case "apply":
      return `make sync-features-to${pair}`;
    case "diff":
    case "promote":
    case "backport":
      return `make sync-${command}${pair}`;
    case "sync": {
      const group = opt("--group");
      return group && !group.includes(",") ? `make sync-${group}${pair}` : undefined;
    }
    case "restore":
      return `make sync-restore${opt("--env") ? ` ENV=${opt("--env")}` : ""}`;
    case "check":
    case "matrix":
    case "init":
      return `make sync-${command}${/--force/.test(args) ? " FORCE=1" : ""}`;
  }
  return undefined;
}

/** A message in make's words: each quoted 'tfsync …' command and each "pass --yes"-like flag. */
export function makeWords(text: string): string {
  return text
    .replace(/'tfsync (\w+)((?: [^' ]+)*)'/g, (all, cmd, args) => {
      const t = target(cmd, args);
      return t ? `'${t}'` : all;
    })
    .replace(/(then run:? )tfsync (\w+)((?: \S+)*)$/gm, (all, run, cmd, args) => {
      const t = target(cmd, args);
      return t ? run + t : all;
    })
    .replace(/(use|pass|with|or) (--yes|--dry-run|--force)\b/g, (_, w, f) => `${w} ${FLAGS[f]}`);
}
