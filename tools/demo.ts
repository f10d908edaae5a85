// deno task demo: promote englacial → prod on a temporary copy of the bundled example, then
// dev → staging on a copy of examples/nested-values (features inside objects, synced by path),
// through mod.ts's main, and show the result (the unified diff of the target and the summary).
// `deno task demo --keep` keeps the copies for a closer look.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../mod.ts";
import type { Io } from "../commands/_command.ts";

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

const encoder = new TextEncoder();
const terminal = Deno.stdout.isTerminal();
const write = (text: string) => void Deno.stdout.writeSync(encoder.encode(text));

/** Promotes `from` → `to` on a temporary copy of `example`; returns the exit status. */
async function demo(example: string, from: string, to: string): Promise<number> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-demo-" });
  await copyTree(fileURLToPath(new URL(`../${example}`, import.meta.url)), root);
  const io: Io = {
    stdout: write,
    stderr: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
    interactive: false,
    stdoutTerminal: false,
    readLine: () => Promise.resolve(null),
    env: (name) => Deno.env.get(name),
    cwd: root,
    color: terminal && !Deno.env.get("NO_COLOR") && Deno.env.get("TERM") !== "dumb",
  };
  const args = ["promote", "--from", from, "--to", to, "--yes"];
  write(`A copy of ${example} in ${root}\n$ tfsync ${args.join(" ")}\n\n`);
  const code = await main(args, io);
  write(`\nExit status ${code}. `);
  if (Deno.args.includes("--keep")) {
    const file = join(root, "environments", to, "terraform.tfvars");
    write(`The copy stays in ${root}; compare ${file}{.bak,}\n`);
  } else {
    await Deno.remove(root, { recursive: true });
    write("The copy was removed (deno task demo --keep keeps it).\n");
  }
  return code;
}

const code = await demo("fixtures/example", "englacial", "prod") ||
  (write("\n"), await demo("examples/nested-values", "dev", "staging"));
if (code !== 0) Deno.exitCode = code;
