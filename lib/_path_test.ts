// lib/_path.ts gives node:path's answers, for posix and for win32, on the path shapes tfsync
// gives it (drive-relative "C:a" paths are not among them).
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { posix, win32 } from "node:path";
import { pathApi } from "./_path.ts";

const POSIX = [
  "/",
  "/a",
  "/a/b",
  "/a/b/",
  "/a//b/./c/..",
  "a",
  "a/b",
  "./a",
  "../a",
  "../../a/b",
  "a/../..",
  ".",
  "..",
  "",
  "/a/b/../../..",
  "a/b/",
  "tfsync.hcl",
  "environments/prod/terraform.tfvars",
];
const WIN = [
  ...POSIX,
  "C:\\",
  "C:\\a\\b",
  "c:\\A\\b\\",
  "C:/a/b",
  "\\a",
  "D:\\x\\..\\y",
  "\\\\server\\share\\x",
  "a\\b\\..\\c",
];

for (
  const [name, node, ours, paths, cwd] of [
    ["posix", posix, pathApi(false, () => "/work/repo"), POSIX, "/work/repo"],
    ["win32", win32, pathApi(true, () => "C:\\work\\repo"), WIN, "C:\\work\\repo"],
  ] as const
) {
  const abs = (p: string) => node.resolve(cwd, p);
  Deno.test(`_path ${name}: isAbsolute, dirname, basename`, () => {
    for (const p of paths) {
      assertEquals(ours.isAbsolute(p), node.isAbsolute(p), `isAbsolute(${p})`);
      assertEquals(ours.dirname(p), node.dirname(p), `dirname(${p})`);
      assertEquals(ours.basename(p), node.basename(p), `basename(${p})`);
    }
  });
  Deno.test(`_path ${name}: join and resolve`, () => {
    for (const a of paths) {
      for (const b of paths) {
        // A drive inside a joined path ("a\\C:") is not a shape tfsync gives.
        if (!b.includes(":")) assertEquals(ours.join(a, b), node.join(a, b), `join(${a}, ${b})`);
        assertEquals(ours.resolve(abs(a), b), node.resolve(abs(a), b), `resolve(${a}, ${b})`);
      }
      assertEquals(ours.resolve(a), abs(a), `resolve(${a})`);
    }
  });
  Deno.test(`_path ${name}: relative`, () => {
    for (const a of paths) {
      for (const b of paths) {
        assertEquals(
          ours.relative(abs(a), abs(b)),
          node.relative(abs(a), abs(b)),
          `relative(${a}, ${b})`,
        );
      }
    }
  });
}
