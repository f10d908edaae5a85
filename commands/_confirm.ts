// Asking before a write: the preview, the question, and the answer's exit code.
import { EXIT, type Io } from "./_command.ts";
import type { Common } from "./_flags.ts";
import { reportError, spellingOf } from "./_options.ts";
import { option } from "../lib/mod.ts";
import { words } from "../render/words.ts";

/**
 * Shows what a command will write and asks, when stdin is a terminal (whatever stdout is);
 * without one, --yes is needed. Returns undefined to go on, else the exit code: 2 when there is
 * no one to ask, 1 when declined ("nothing written").
 */
export async function confirm(
  command: string,
  files: string[],
  preview: string[],
  common: Common,
  io: Io,
): Promise<number | undefined> {
  if (common.yes) return undefined;
  if (!io.interactive || io.env("CI") !== undefined) {
    return reportError(
      command,
      words([
        "Not confirmed: no terminal to ask on; pass ",
        option("yes"),
        " to write, or ",
        option("dry-run"),
        " to see the changes",
      ], spellingOf(io)),
      EXIT.usage,
      io,
    );
  }
  // The preview and the question go where the person sees them: stdout on a terminal, else
  // stderr (`tfsync promote | tee log` still asks on the terminal).
  const report = common.json || common.format === "markdown";
  const ask = report || !io.stdoutTerminal ? io.stderr : io.stdout;
  for (const p of preview) if (p) ask(p + "\n");
  ask(`Write ${files.join(" and ")}? Press Enter to continue, or Ctrl+C to cancel: `);
  const answer = await io.readLine();
  if (answer === null || !/^\s*(y|yes)?\s*$/i.test(answer)) {
    return reportError(command, "Cancelled: nothing written", EXIT.differences, io);
  }
  return undefined;
}
