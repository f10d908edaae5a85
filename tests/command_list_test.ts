import { deepStrictEqual } from "node:assert";
import { commands } from "../commands/mod.ts";

Deno.test("commands/mod.ts names and summarises each command as its own module does", async () => {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  deepStrictEqual(
    commands.map((c) => [c.name, c.summary]),
    loaded.map((c) => [c.name, c.summary]),
  );
});

Deno.test("each command's help lists exactly the flags it takes, in their order", async () => {
  for (const c of await Promise.all(commands.map((c) => c.load()))) {
    // An option line of the help: two spaces, an optional short form, then the flag.
    const listed = [...new Set(c.usage.match(/(?<=^ {2}(-\w, )?)--[a-z-]+/gm) ?? [])];
    deepStrictEqual(listed, c.flags, c.name);
    const formats = /--format FORMAT {2}(.*?) \(default/.exec(c.usage)?.[1].split(", ");
    deepStrictEqual(formats, c.formats, c.name);
  }
});
