import { deepStrictEqual } from "node:assert";
import { commands } from "../commands/mod.ts";

Deno.test("commands/mod.ts names and summarises each command as its own module does", async () => {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  deepStrictEqual(
    commands.map((c) => [c.name, c.summary]),
    loaded.map((c) => [c.name, c.summary]),
  );
});
