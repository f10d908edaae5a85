// The hunks of a line diff, exactly as npm:diff's structuredPatch (9.0.0) makes them: the same
// Myers search (its order of diagonals, its ties, its pruning at the edges), its paths kept in
// typed arrays, so that a large file's diff costs no object per step (render/line_diff_test.ts
// checks the result against the package's on random and real texts). Lines are compared as
// strings: numbering them first costs more than it saves when few lines changed.

/** One hunk: its ranges and its lines, each "+", "-" or " " and the line without its "\n". */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

const COMMON = 0, ADDED = 1, REMOVED = 2;
const NONE = -1;

/** The lines of a text as diffLines splits them, each with its line ending ("\n" or "\r\n"). */
function tokenize(text: string): string[] {
  const parts = text.split(/(\n|\r\n)/);
  if (!parts[parts.length - 1]) parts.pop();
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2) lines[lines.length - 1] += parts[i];
    else lines.push(parts[i]);
  }
  return lines.filter((l) => l);
}

/**
 * Runs of the shortest edit script from `a` to `b`, as diffLines finds it: [kind, count][]. Each
 * step of the search is a node (the path it extends, and the edit); the path found is replayed
 * from its edits, each followed by as many common lines as there are, as the search took them.
 */
function editScript(a: string[], b: string[]): Array<[number, number]> {
  const oldLen = a.length, newLen = b.length;
  let parent = new Int32Array(1 << 16), edit = new Uint8Array(1 << 16), nodes = 0;
  // Paths by diagonal (offset by `mid`): the old position reached and the last node; `has` 0: none.
  const mid = oldLen + newLen + 1;
  const pathOld = new Int32Array(2 * mid + 1);
  const pathNode = new Int32Array(2 * mid + 1);
  const has = new Uint8Array(2 * mid + 1);
  /** The new position after the common lines from (o, diagonal k). */
  const snake = (o: number, k: number): number => {
    let n = o - k;
    while (n + 1 < newLen && o + 1 < oldLen && a[o + 1] === b[n + 1]) n++, o++;
    return o;
  };
  let oldPos = snake(-1, 0);
  if (oldPos + 1 >= oldLen && oldPos + 1 >= newLen) return replay(a, b, parent, edit, NONE);
  pathOld[mid] = oldPos, pathNode[mid] = NONE, has[mid] = 1;
  let minDiagonal = -Infinity, maxDiagonal = Infinity;
  for (let d = 1; d <= oldLen + newLen; d++) {
    for (let k = Math.max(minDiagonal, -d); k <= Math.min(maxDiagonal, d); k += 2) {
      const remove = mid + k - 1, add = mid + k + 1;
      const hasRemove = has[remove] === 1, hasAdd = has[add] === 1;
      if (hasRemove) has[remove] = 0;
      let canAdd = false;
      if (hasAdd) {
        const addNewPos = pathOld[add] - k;
        canAdd = 0 <= addNewPos && addNewPos < newLen;
      }
      const canRemove = hasRemove && pathOld[remove] + 1 < oldLen;
      if (!canAdd && !canRemove) {
        has[mid + k] = 0;
        continue;
      }
      if (nodes === parent.length) {
        const [p, e] = [new Int32Array(nodes * 4), new Uint8Array(nodes * 4)];
        p.set(parent), e.set(edit);
        [parent, edit] = [p, e];
      }
      const adding = !canRemove || (canAdd && pathOld[remove] < pathOld[add]);
      const from = adding ? add : remove;
      parent[nodes] = pathNode[from];
      edit[nodes] = adding ? ADDED : REMOVED;
      oldPos = snake(pathOld[from] + (adding ? 0 : 1), k);
      const newPos = oldPos - k;
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
        return replay(a, b, parent, edit, nodes);
      }
      pathOld[mid + k] = oldPos, pathNode[mid + k] = nodes++, has[mid + k] = 1;
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  throw new Error("line diff: no edit script"); // unreachable: d = oldLen + newLen always ends
}

/**
 * The runs of the path ending at node `last`: its edits in order, each followed by its common
 * lines; an edit joins the run before it when that is of its kind (no common line between).
 */
function replay(
  a: string[],
  b: string[],
  parent: Int32Array,
  edit: Uint8Array,
  last: number,
): Array<[number, number]> {
  const edits: number[] = [];
  for (let i = last; i !== NONE; i = parent[i]) edits.push(edit[i]);
  edits.reverse();
  const out: Array<[number, number]> = [];
  let o = -1, n = -1;
  const common = () => {
    let run = 0;
    while (n + 1 < b.length && o + 1 < a.length && a[o + 1] === b[n + 1]) n++, o++, run++;
    if (run) out.push([COMMON, run]);
  };
  common();
  for (const kind of edits) {
    if (kind === ADDED) n++;
    else o++;
    const prev = out.at(-1);
    if (prev && prev[0] === kind) prev[1]++;
    else out.push([kind, 1]);
    common();
  }
  return out;
}

/** The hunks of the unified diff of two texts, with `context` lines around each change. */
export function diffHunks(before: string, after: string, context: number): Hunk[] {
  const oldTokens = tokenize(before), newTokens = tokenize(after);
  const script = editScript(oldTokens, newTokens);
  // Each run's lines (common ones as the new text has them, as diffLines gives them), taken only
  // where a hunk shows them.
  let o = 0, n = 0;
  const diff = script.map(([kind, count]) => {
    const run = kind === REMOVED
      ? { kind, count, tokens: oldTokens, from: o }
      : { kind, count, tokens: newTokens, from: n };
    if (kind !== REMOVED) n += count;
    if (kind !== ADDED) o += count;
    return run;
  });
  diff.push({ kind: COMMON, count: 0, tokens: [], from: 0 });
  const lines = (run: typeof diff[number], start = 0, end = run.count) =>
    run.tokens.slice(run.from + start, run.from + end);
  // structuredPatch's grouping of the runs into hunks, step for step.
  const contextLines = (lines: string[]) => lines.map((l) => " " + l);
  const hunks: Hunk[] = [];
  let oldRangeStart = 0, newRangeStart = 0, curRange: string[] = [], oldLine = 1, newLine = 1;
  for (let i = 0; i < diff.length; i++) {
    const run = diff[i], { kind, count } = run;
    if (kind !== COMMON) {
      if (!oldRangeStart) {
        const prev = diff[i - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (prev) {
          curRange = context > 0
            ? contextLines(lines(prev, Math.max(0, prev.count - context)))
            : [];
          oldRangeStart -= curRange.length;
          newRangeStart -= curRange.length;
        }
      }
      for (const line of lines(run)) curRange.push((kind === ADDED ? "+" : "-") + line);
      if (kind === ADDED) newLine += count;
      else oldLine += count;
    } else {
      if (oldRangeStart) {
        if (count <= context * 2 && i < diff.length - 2) {
          for (const line of contextLines(lines(run))) curRange.push(line);
        } else {
          const contextSize = Math.min(count, context);
          for (const line of contextLines(lines(run, 0, contextSize))) curRange.push(line);
          hunks.push({
            oldStart: oldRangeStart,
            oldLines: oldLine - oldRangeStart + contextSize,
            newStart: newRangeStart,
            newLines: newLine - newRangeStart + contextSize,
            lines: curRange,
          });
          oldRangeStart = 0;
          newRangeStart = 0;
          curRange = [];
        }
      }
      oldLine += count;
      newLine += count;
    }
  }
  for (const hunk of hunks) {
    for (let i = 0; i < hunk.lines.length; i++) {
      if (hunk.lines[i].endsWith("\n")) {
        hunk.lines[i] = hunk.lines[i].slice(0, -1);
      } else {
        hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
        i++;
      }
    }
  }
  return hunks;
}
