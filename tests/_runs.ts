// The seed and run count of a property test: its own fixed ones, unless TFSYNC_SEED or TFSYNC_RUNS
// asks for another search (one pair of names for every property file, so one command sets all).

/**
 * fast-check's `{ seed, numRuns }`: TFSYNC_SEED replaces the seed; TFSYNC_RUNS raises the count
 * (never lowers it: a test's own count is what CI holds it to).
 */
export function runs(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return {
    seed: Number(Deno.env.get("TFSYNC_SEED") ?? seed),
    numRuns: Math.max(numRuns, Number(Deno.env.get("TFSYNC_RUNS") ?? 0)),
  };
}
