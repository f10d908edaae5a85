// deno task demo: promote englacial → prod on a temporary copy of the bundled example, through
// mod.ts's main, and show the result (the unified diff of prod and the summary).
// `deno task demo --keep` keeps the copy for a closer look.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../mod.ts";
import type { Io } from "../commands/_command.ts";

const example = fileURLToPath(new URL("../fixtures/example", import.meta.url));
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

const root = await Deno.makeTempDir({ prefix: "tfsync-demo-" });
await copyTree(example, root);

const encoder = new TextEncoder();
const terminal = Deno.stdout.isTerminal();
const io: Io = {
  stdout: (text) => void Deno.stdout.writeSync(encoder.encode(text)),
  stderr: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
  interactive: false,
  stdoutTerminal: false,
  readLine: () => Promise.resolve(null),
  env: (name) => Deno.env.get(name),
  cwd: root,
  color: terminal && Deno.env.get("NO_COLOR") === undefined,
};

const args = ["promote", "--from", "englacial", "--to", "prod", "--yes"];
io.stdout(`A copy of fixtures/example in ${root}\n$ tfsync ${args.join(" ")}\n\n`);
const code = await main(args, io);
io.stdout(`\nExit status ${code}. `);
if (Deno.args.includes("--keep")) {
  io.stdout(
    `The copy stays in ${root}; compare ${
      join(root, "environments/prod")
    }/terraform.tfvars{.bak,}\n`,
  );
} else {
  await Deno.remove(root, { recursive: true });
  io.stdout("The copy was removed (deno task demo --keep keeps it).\n");
}
if (code !== 0) Deno.exitCode = code;
