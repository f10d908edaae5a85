import assert from "node:assert/strict";
import { join } from "node:path";
import { commit, verifyWith, type WritePlan } from "./transaction.ts";
import { JOURNAL } from "./files.ts";
import { inTempDir, names } from "./_testdir.ts";

/** Two files holding "a1 = 1", each with an old .bak, planned to become "a1 = 2". */
async function twoFiles(dir: string): Promise<WritePlan[]> {
  const plans: WritePlan[] = [];
  for (const name of ["one.tfvars", "two.tfvars"]) {
    const path = join(dir, name);
    await Deno.writeTextFile(path, "a1 = 1\n");
    await Deno.writeTextFile(path + ".bak", "old backup\n");
    plans.push({ path, file: name, exists: true, before: "a1 = 1\n", after: "a1 = 2\n" });
  }
  return plans;
}

const accept = (plans: WritePlan[]) => verifyWith(plans, () => {});

Deno.test("commit() writes every file and its .bak, and names them", async () => {
  await inTempDir(async (dir) => {
    const plans = await twoFiles(dir);
    const results = await commit(await accept(plans), { root: dir, backup: true, holder: "t" });
    assert.deepEqual(results.map((r) => [r.file, r.written, r.backup]), [
      ["one.tfvars", true, join(dir, "one.tfvars.bak")],
      ["two.tfvars", true, join(dir, "two.tfvars.bak")],
    ]);
    for (const name of ["one.tfvars", "two.tfvars"]) {
      assert.equal(await Deno.readTextFile(join(dir, name)), "a1 = 2\n");
      assert.equal(await Deno.readTextFile(join(dir, name + ".bak")), "a1 = 1\n");
    }
    assert.deepEqual(await names(dir), [
      "one.tfvars",
      "one.tfvars.bak",
      "two.tfvars",
      "two.tfvars.bak",
    ]);
  });
});

Deno.test("commit() runs the check of every changed plan, and stops at a failing one", async () => {
  const plans = [
    { path: "/x/a", file: "a", exists: true, before: "1", after: "1" },
    { path: "/x/b", file: "b", exists: true, before: "1", after: "2" },
  ];
  const seen: string[] = [];
  await verifyWith(plans, (p) => seen.push(p.file));
  assert.deepEqual(seen, ["b"]);
  await assert.rejects(verifyWith(plans, () => Promise.reject(new Error("no"))), /no/);
});

Deno.test("commit() reads every .bak it replaces first: an unreadable one stops the run before any write", async () => {
  await inTempDir(async (dir) => {
    const plans = await twoFiles(dir);
    await Deno.remove(plans[1].path + ".bak");
    await Deno.mkdir(plans[1].path + ".bak");
    await assert.rejects(commit(await accept(plans), { root: dir, backup: true, holder: "t" }), {
      name: "ConfigError",
      message: "Cannot read the file: a directory, not a regular file",
    });
    assert.equal(await Deno.readTextFile(plans[0].path), "a1 = 1\n");
    assert.equal(await Deno.readTextFile(plans[0].path + ".bak"), "old backup\n");
    assert.deepEqual(await names(dir), [
      "one.tfvars",
      "one.tfvars.bak",
      "two.tfvars",
      "two.tfvars.bak",
    ]);
  });
});

Deno.test("commit() refuses a file changed since it was read, when it cannot plan again", async () => {
  await inTempDir(async (dir) => {
    const plans = await twoFiles(dir);
    await Deno.writeTextFile(plans[1].path, "a1 = 9\n");
    await assert.rejects(
      commit(await accept(plans), { root: dir, backup: true, holder: "t" }),
      {
        message:
          '"two.tfvars" changed while tfsync was running: nothing was written; run the command again',
      },
    );
    assert.equal(await Deno.readTextFile(plans[0].path), "a1 = 1\n");
  });
});

Deno.test("commit() plans again on a file changed since it was read, and writes that plan", async () => {
  await inTempDir(async (dir) => {
    const plans = await twoFiles(dir);
    await Deno.writeTextFile(plans[1].path, "a1 = 9\n");
    const notes: string[] = [];
    const again = plans.map((p) => ({
      ...p,
      before: p.file === "two.tfvars" ? "a1 = 9\n" : p.before,
    }));
    const results = await commit(await accept(plans), {
      root: dir,
      backup: false,
      holder: "t",
      replan: () => accept(again),
      onNote: (n) => notes.push(n),
    });
    assert.deepEqual(results.map((r) => r.written), [true, true]);
    assert.equal(await Deno.readTextFile(plans[1].path), "a1 = 2\n");
    assert.deepEqual(notes, [
      "the files changed since they were read (another tfsync wrote them): planning again",
    ]);
  });
});

Deno.test("commit() keeps bytes that are not UTF-8 in comments exactly, in the file and the .bak", async () => {
  await inTempDir(async (dir) => {
    const { decode } = await import("../hcl/encoding.ts");
    const path = join(dir, "latin1.tfvars");
    const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    const comment = Uint8Array.of(0x23, 0x20, ...high, 0x0a); // "# <every byte 0x80-0xFF>\n"
    const old = Uint8Array.of(...comment, ...new TextEncoder().encode("a1 = 1\n"));
    await Deno.writeFile(path, old);
    const before = decode(old);
    const plan = {
      path,
      file: "latin1.tfvars",
      exists: true,
      before,
      after: before.replace("1\n", "2\n"),
    };
    await commit(await accept([plan]), { root: dir, backup: true, holder: "t" });
    assert.deepEqual(await Deno.readFile(path + ".bak"), old);
    assert.deepEqual(
      await Deno.readFile(path),
      Uint8Array.of(...comment, ...new TextEncoder().encode("a1 = 2\n")),
    );
  });
});

Deno.test("commit() with nothing to write still completes a killed run's journal", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "a.tfvars");
    await Deno.writeTextFile(path, "a1 = 1\n");
    await Deno.writeTextFile(join(dir, ".b.tfsync-0123abcd.tmp"), "b = 2\n");
    const journal = [[join(dir, ".b.tfsync-0123abcd.tmp"), join(dir, "b.tfvars")]];
    await Deno.writeTextFile(join(dir, JOURNAL), JSON.stringify(journal));
    const plan = { path, file: "a.tfvars", exists: true, before: "a1 = 1\n", after: "a1 = 1\n" };
    const notes: string[] = [];
    await commit(await accept([plan]), {
      root: dir,
      backup: true,
      holder: "t",
      onNote: (n) => notes.push(n),
    });
    assert.deepEqual(await names(dir), ["a.tfvars", "b.tfvars"]);
    assert.deepEqual(notes, [`completed an interrupted write of ${join(dir, "b.tfvars")}`]);
  });
});
