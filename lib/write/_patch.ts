// The unified diffs restore shows: as git's, so `git apply` takes them from the root.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/** The patch from `before` to `after` of `name`; `gone`: the file goes away (/dev/null). */
export function gitPatch(name: string, before: string, after: string, gone = false): string {
  return createTwoFilesPatch(
    `a/${name}`,
    gone ? "/dev/null" : `b/${name}`,
    before,
    after,
    "current",
    "restored",
    { headerOptions: FILE_HEADERS_ONLY },
  );
}
