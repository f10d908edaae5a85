// The read path loads no `node:` module: the first one loads Deno's whole Node compatibility
// layer, which costs more than a read-only command's own work (lib/_path.ts, commands/_args.ts).
import assert from "node:assert/strict";
import { REPO } from "./_cli.ts";

Deno.test("no module of mod.ts's graph imports a node: module", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", `${REPO}/deno.json`, `${REPO}/mod.ts`],
    stdout: "piped",
  }).output();
  assert.ok(out.success);
  const graph = JSON.parse(new TextDecoder().decode(out.stdout));
  const ours = graph.modules.filter((m: { specifier: string }) => m.specifier.startsWith("file:"));
  assert.ok(ours.length > 30, `only ${ours.length} modules`);
  const offenders = ours.flatMap((
    m: { specifier: string; dependencies?: { specifier: string }[] },
  ) =>
    (m.dependencies ?? []).filter((d) => d.specifier.startsWith("node:"))
      .map((d) => `${m.specifier.replace(`file://${REPO}/`, "")}: ${d.specifier}`)
  );
  assert.deepEqual(offenders, []);
});
