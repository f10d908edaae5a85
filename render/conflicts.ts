// The conflicts of a writing run as people read them: a heading, then one table row a value (the
// variable, the target's value and line, the last sync's, the new one) that fits 80 columns; a
// long value is shortened around where it differs from the others.
import type { SyncPlan } from "../lib/sync/sync.ts";
import type { ModuleVars } from "../lib/terraform/module.ts";
import { isSensitive, SENSITIVE } from "../lib/report/present.ts";
import { toHcl } from "../lib/hcl/value.ts";
import { formatPath } from "../lib/hcl/path.ts";
import type { Paint } from "./paint.ts";

export const WIDTH = 80;
/** The narrowest a value column gets before the variable column is shortened too. */
const MIN_VALUE = 12;

/** The conflicts as a heading and a table, or "" when there are none. */
export function conflictsText(
  plan: SyncPlan,
  module: ModuleVars,
  paint: Paint,
  overwrite: "will be" | "would be",
): string {
  const n = plan.conflicts.length;
  if (n === 0) return "";
  // The files the values are in: one is named in the heading; with several (an environment's
  // layered own files), each row names its own, as file:line.
  const files = new Set(
    plan.conflicts.filter((c) => c.target.layer !== "default").map((c) => c.target.file),
  );
  const [file] = files;
  const several = files.size > 1;
  const these = n === 1 ? "this value" : "these values";
  const lines = file && !several ? ` (lines of ${file})` : "";
  const heading = `${n} conflict${n === 1 ? "" : "s"}: ${plan.target} differs from the last sync ` +
    `(${plan.record}), edited since then; ${these} ${overwrite} overwritten${lines}:`;
  const show = (name: string, v: Parameters<typeof toHcl>[0]) =>
    isSensitive(module, name) ? SENSITIVE : toHcl(v);
  const rows = plan.conflicts.map((c) => {
    const side = (x: typeof c.target) =>
      show(c.name, x.value) + (x.layer === "default" ? " (default)" : "");
    const [target, record, incoming] = [side(c.target), side(c.record), show(c.name, c.incoming)];
    return {
      name: formatPath(c.name, c.keys ?? []),
      line: c.target.layer === "default"
        ? "-"
        : several
        ? `${c.target.file}:${c.target.line}`
        : String(c.target.line),
      values: [target, record, incoming],
      // Where each value starts to differ: the target's from the record's, the others' from the target's.
      at: [differsAt(target, record), differsAt(record, target), differsAt(incoming, target)],
    };
  });
  const head = {
    name: "variable",
    line: several ? "file:line" : "line",
    values: [plan.target ?? "target", "last sync", "new"],
  };
  const widths = columnWidths([head, ...rows]);
  const line = (r: typeof head, at?: number[]) => {
    const [nameW, lineW, ...valueW] = widths;
    const cells = r.values.map((v, i) => shorten(v, at?.[i] ?? 0, valueW[i]).padEnd(valueW[i]));
    return `  ${shorten(r.name, 0, nameW).padEnd(nameW)}  ${cells[0]}  ${
      several ? r.line.padEnd(lineW) : r.line.padStart(lineW)
    }  ` +
      `${cells[1]}  ${cells[2]}`.trimEnd();
  };
  return [
    ...wrap(heading).map(paint.yellow),
    paint.bold(line(head)),
    ...rows.map((r) => line(r, r.at)),
  ].join("\n") + "\n";
}

/** Column widths (variable, line, three values) whose row fits WIDTH: the widest value first shrinks. */
function columnWidths(rows: Array<{ name: string; line: string; values: string[] }>): number[] {
  const widest = (f: (r: (typeof rows)[number]) => string) =>
    Math.max(...rows.map((r) => f(r).length));
  const w = [
    widest((r) => r.name),
    widest((r) => r.line),
    ...[0, 1, 2].map((i) => widest((r) => r.values[i])),
  ];
  // Two spaces of indent, two between columns.
  const total = () => 2 + w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
  while (total() > WIDTH) {
    const i = [2, 3, 4].reduce((a, b) => (w[b] > w[a] ? b : a));
    if (w[i] > MIN_VALUE) w[i]--;
    else if (w[0] > MIN_VALUE) w[0]--;
    else break;
  }
  return w;
}

/** The first index at which `a` differs from `b`. */
function differsAt(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/** `s` in at most `width` characters, keeping the part from a little before `at`; "…" where cut. */
export function shorten(s: string, at: number, width: number): string {
  if (s.length <= width) return s;
  const start = Math.max(0, Math.min(at - Math.floor(width / 4), s.length - width + 1));
  const left = start > 0 ? "…" : "";
  const body = s.slice(start, start + width - left.length);
  return start + width - left.length >= s.length ? left + body : left + body.slice(0, -1) + "…";
}

/** Words in lines of at most WIDTH characters (a longer word stands alone). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= WIDTH) {
      lines[lines.length - 1] += " " + word;
    } else lines.push(word);
  }
  return lines;
}
