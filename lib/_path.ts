// The path functions tfsync uses, without node:path: the first `node:` import loads Deno's whole
// Node compatibility layer, which costs more than a read-only command's own work.
// Same results as node:path (posix or win32, by the OS), checked against it in _path_test.ts.

export interface PathApi {
  sep: string;
  isAbsolute(path: string): boolean;
  join(...paths: string[]): string;
  resolve(...paths: string[]): string;
  relative(from: string, to: string): string;
  dirname(path: string): string;
  basename(path: string): string;
}

/** The functions for one OS; `cwd` is read only when a path is not absolute. */
export function pathApi(windows: boolean, cwd: () => string = () => Deno.cwd()): PathApi {
  const sep = windows ? "\\" : "/";
  const isSep = (c: string) => c === "/" || (windows && c === "\\");
  /** The root ("/", "C:\", "\\server\share\", "C:" or ""), and the rest of the path. */
  const splitRoot = (p: string): [root: string, rest: string, written: string] => {
    const unc = windows && /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(?:[\\/]+|$)/.exec(p);
    const m = unc || (windows ? /^([A-Za-z]:)?([\\/]+)?/ : /^\/*/).exec(p)!;
    const root = unc
      ? `\\\\${m[1]}\\${m[2]}\\`
      : windows
      ? (m[1] ?? "") + (m[2] ? "\\" : "")
      : m[0]
      ? "/"
      : "";
    return [root, p.slice(m[0].length), p.slice(0, m[0].length)];
  };
  const isAbsolute = (p: string) => p !== "" && (isSep(p[0]) || /^[A-Za-z]:[\\/]/.test(p));
  /** The path with "." and ".." resolved; ".." above a root is dropped, kept in a relative path. */
  const normalize = (p: string): string => {
    const [root, rest] = splitRoot(p);
    const parts: string[] = [];
    for (const part of rest.split(windows ? /[\\/]/ : "/")) {
      if (part === "" || part === ".") continue;
      if (part !== "..") parts.push(part);
      else if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!root.endsWith(sep)) parts.push("..");
    }
    const body = parts.join(sep) || (root === "" ? "." : "");
    const trailing = body !== "" && isSep(p[p.length - 1]) ? sep : "";
    return root + body + trailing;
  };
  const strip = (p: string) => {
    const [root] = splitRoot(p);
    return p.length > root.length && isSep(p[p.length - 1]) ? p.slice(0, -1) : p;
  };
  const resolve = (...paths: string[]): string => {
    let out = "";
    let i = paths.length - 1;
    for (; i >= 0 && !isAbsolute(out); i--) {
      if (paths[i] !== "") out = out === "" ? paths[i] : `${paths[i]}${sep}${out}`;
    }
    if (!isAbsolute(out)) out = out === "" ? cwd() : `${cwd()}${sep}${out}`;
    else if (windows && splitRoot(out)[0] === sep) {
      // Rooted without a drive ("\\a"): on the drive or share of the path before it, else the cwd's.
      const device = (p: string) => splitRoot(p)[0].replace(/^([A-Za-z]:|\\\\.*)\\$/, "$1");
      out = [...paths.slice(0, i + 1).reverse(), cwd()].map(device).find((d) =>
        d !== sep && d !== ""
      )! + out;
    }
    return strip(normalize(out));
  };
  const same = (a: string, b: string) => windows ? a.toLowerCase() === b.toLowerCase() : a === b;
  const relative = (from: string, to: string): string => {
    const [fromRoot, fromRest] = splitRoot(resolve(from));
    const [toRoot, toRest] = splitRoot(resolve(to));
    if (!same(fromRoot, toRoot)) return toRoot + toRest;
    const a = fromRest.split(sep).filter((x) => x !== "");
    const b = toRest.split(sep).filter((x) => x !== "");
    let i = 0;
    while (i < a.length && i < b.length && same(a[i], b[i])) i++;
    return [...a.slice(i).map(() => ".."), ...b.slice(i)].join(sep);
  };
  const dirname = (p: string): string => {
    const [, rest, root] = splitRoot(p);
    const trimmed = rest.replace(windows ? /[\\/]+$/ : /\/+$/, "");
    const i = Math.max(trimmed.lastIndexOf("/"), windows ? trimmed.lastIndexOf("\\") : -1);
    if (i < 0) return root || ".";
    return root + trimmed.slice(0, i).replace(windows ? /[\\/]+$/ : /\/+$/, "") || root;
  };
  const basename = (p: string): string => {
    const rest = splitRoot(p)[1].replace(windows ? /[\\/]+$/ : /\/+$/, "");
    return rest.slice(Math.max(rest.lastIndexOf("/"), windows ? rest.lastIndexOf("\\") : -1) + 1);
  };
  const join = (...paths: string[]) => {
    const parts = paths.filter((p) => p !== "");
    const joined = parts.join(sep);
    // Joining never makes a UNC root ("\\\\server") that the first part did not have.
    const unc = windows && /^[\\/]{2}/.test(parts[0] ?? "");
    return normalize(windows && !unc ? joined.replace(/^[\\/]{2,}/, "\\") : joined);
  };
  return { sep, isAbsolute, join, resolve, relative, dirname, basename };
}

const api = pathApi(Deno.build.os === "windows");
export const { sep, isAbsolute, join, resolve, relative, dirname, basename } = api;
