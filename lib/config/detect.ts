// tfsync init's layout detection: the var files of a repository, grouped into the patterns that
// could name an environment's file (`environments/{env}/terraform.tfvars`,
// `environments/{env}/{env}.tfvars`, `env/{env}_config.tfvars`); the one that finds the most
// environments is proposed, with the module folder nearest to it.
import { dirname, join, relative } from "../_path.ts";

export interface Detected {
  pattern: string;
  environments: string[];
  /** The folder (relative to the root, "." for it) nearest the pattern with variable blocks. */
  moduleDir: string;
  /** Other patterns that found at least two environments, best first. */
  others: string[];
}

const SKIP = new Set(["node_modules", ".terraform", ".git"]);
// HCL's native syntax or its JSON one (`x.tfvars.json`): the pattern keeps the whole extension.
const VAR_FILE = /\.tfvars(\.json)?$/;
// On a tie, a file every environment has by such a name is the likelier environment file.
const PREFERRED = /^(common|shared|global|base|terraform|main)\./;

async function varFiles(
  root: string,
  dir = root,
  depth = 0,
  out: string[] = [],
): Promise<string[]> {
  if (depth > 6) return out;
  let entries: Deno.DirEntry[] = [];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith(".") || SKIP.has(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) await varFiles(root, path, depth + 1, out);
    else if (e.isFile && VAR_FILE.test(e.name)) out.push(relative(root, path));
  }
  return out;
}

/** The patterns each file could be an instance of, with the environment it would name. */
function candidates(file: string): Array<[string, string]> {
  const parts = file.split("/");
  const name = parts.at(-1)!;
  const dir = parts.slice(0, -1).join("/");
  const at = (p: string) => (dir ? `${dir}/${p}` : p);
  const out: Array<[string, string]> = [];
  if (parts.length >= 2) {
    // A folder per environment: D/{env}/N, N naming the environment too when it holds its name.
    const env = parts.at(-2)!;
    const parent = parts.slice(0, -2).join("/");
    const n = name.includes(env) ? name.replaceAll(env, "{env}") : name;
    out.push([`${parent ? parent + "/" : ""}{env}/${n}`, env]);
  }
  const stem = name.replace(VAR_FILE, "");
  const ext = name.slice(stem.length);
  out.push([at(`{env}${ext}`), stem]);
  const m = /^(.+?)([_.-].+)$/.exec(stem);
  if (m) out.push([at(`{env}${m[2]}${ext}`), m[1]]);
  return out;
}

/** The best pattern for the repository's var files, or undefined when none finds two names. */
export async function detectLayout(root: string): Promise<Detected | undefined> {
  const found = new Map<string, Set<string>>();
  for (const file of await varFiles(root)) {
    for (const [pattern, env] of candidates(file)) {
      if (!found.has(pattern)) found.set(pattern, new Set());
      found.get(pattern)!.add(env);
    }
  }
  const literal = (p: string) => p.replaceAll("{env}", "").length;
  // A folder per environment is the likelier layout: a folder of files may be one environment's.
  const folder = (p: string) => Number(p.includes("{env}/"));
  const ranked = [...found].filter(([, envs]) => envs.size >= 2).sort(([a, x], [b, y]) =>
    folder(b) - folder(a) || y.size - x.size ||
    Number(PREFERRED.test(b.split("/").at(-1)!)) - Number(PREFERRED.test(a.split("/").at(-1)!)) ||
    literal(b) - literal(a) || (a < b ? -1 : 1)
  );
  if (ranked.length === 0) return undefined;
  const [pattern, envs] = ranked[0];
  return {
    pattern,
    environments: [...envs].sort(),
    moduleDir: await moduleNear(root, pattern.slice(0, pattern.indexOf("{env}"))),
    others: ranked.slice(1, 4).map(([p]) => p),
  };
}

/** The nearest folder, from the pattern's fixed part up to the root, whose .tf files declare variables. */
async function moduleNear(root: string, prefix: string): Promise<string> {
  for (let dir = join(root, prefix);; dir = dirname(dir)) {
    try {
      for await (const e of Deno.readDir(dir)) {
        if (!e.isFile || !/\.(tf|tofu)$/.test(e.name)) continue;
        if (/^\s*variable\s+"/m.test(await Deno.readTextFile(join(dir, e.name)))) {
          return relative(root, dir) || ".";
        }
      }
    } catch {
      // a folder that cannot be read holds no module
    }
    if (relative(root, dir) === "" || dir === dirname(dir)) return ".";
  }
}
