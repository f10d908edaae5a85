// "Did you mean": the known name nearest a mistyped one, for commands, flags, environments,
// groups and variables alike.

/**
 * The known name nearest `name` (optimal string alignment distance, so a swap of two letters
 * counts once), or undefined when none is close: within a third of the name's length, at least 2.
 */
export function closest(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const n of new Set(names)) {
    const d = distance(name, n);
    if (d < bestDistance && d < name.length) [best, bestDistance] = [n, d];
  }
  return best;
}

/** ` (did you mean "x"?)`, or "" when no known name is close. */
export function didYouMean(name: string, names: Iterable<string>): string {
  const near = closest(name, names);
  return near === undefined || near === name ? "" : ` (did you mean "${near}"?)`;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
