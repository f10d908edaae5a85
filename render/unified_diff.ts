// The unified diff of a file's text before and after a plan, as a preview prints it.
import type { FilePlan } from "../lib/sync/sync_plan.ts";
import type { Paint } from "./paint.ts";
import { diffHunks } from "./line_diff.ts";

/** The unified diff of a file's two texts (`--- /dev/null` for a new file), lines without "\r". */
export function unifiedDiff(plan: FilePlan, paint: Paint): string {
  const hunks = diffHunks(plan.before, plan.after, 3);
  const out = [
    paint.bold(`--- ${plan.exists ? "a/" + plan.file : "/dev/null"}`),
    paint.bold(`+++ b/${plan.file}`),
  ];
  for (const h of hunks) {
    out.push(paint.cyan(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const line of h.lines) {
      const text = line.replace(/\r$/, "");
      out.push(line[0] === "-" ? paint.red(text) : line[0] === "+" ? paint.green(text) : text);
    }
  }
  return out.join("\n") + "\n";
}
