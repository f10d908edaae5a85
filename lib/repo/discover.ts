// Finding the repository as git does: the nearest folder, from the working directory up, that
// holds tfsync.hcl; the search stops at the first folder that holds .git (a repository's top).
import { dirname, join } from "../_path.ts";

const CONFIG = "tfsync.hcl";

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The root for `cwd` when --root is not given: the nearest tfsync.hcl's folder, else `cwd`. */
export function discoverRoot(cwd: string): string {
  for (let dir = cwd;; dir = dirname(dir)) {
    if (exists(join(dir, CONFIG))) return dir;
    if (exists(join(dir, ".git")) || dirname(dir) === dir) return cwd;
  }
}
