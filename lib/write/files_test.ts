import assert from "node:assert/strict";
import { join } from "node:path";
import { LockError, lockFiles, writeFileAtomic } from "./files.ts";

/** Runs `fn` in a fresh temporary folder (its real path), removed afterwards. */
async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tfsync-files-" }));
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("writeFileAtomic() replaces the text and keeps the permission bits", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\n");
    await Deno.chmod(path, 0o600);
    assert.equal(await writeFileAtomic(path, "a = 2\n"), true);
    assert.equal(await Deno.readTextFile(path), "a = 2\n");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.deepEqual(await names(dir), ["prod.tfvars"]);
  });
});

Deno.test("writeFileAtomic() writes a symlink's target and keeps the link", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "shared"));
    const target = join(dir, "shared", "common.tfvars");
    const link = join(dir, "link.tfvars");
    await Deno.writeTextFile(target, "a = 1\n");
    await Deno.symlink("shared/common.tfvars", link);
    assert.equal(await writeFileAtomic(link, "a = 2\n"), true);
    assert.equal((await Deno.lstat(link)).isSymlink, true);
    assert.equal(await Deno.readLink(link), "shared/common.tfvars");
    assert.equal(await Deno.readTextFile(target), "a = 2\n");
    assert.deepEqual(await names(dir), ["link.tfvars", "shared"]);
    assert.deepEqual(await names(join(dir, "shared")), ["common.tfvars"]);
  });
});

Deno.test("writeFileAtomic() with backup writes .bak holding the original", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\r\n");
    await Deno.chmod(path, 0o640);
    assert.equal(await writeFileAtomic(path, "a = 2\r\n", { backup: true }), true);
    assert.equal(await Deno.readTextFile(path), "a = 2\r\n");
    assert.equal(await Deno.readTextFile(path + ".bak"), "a = 1\r\n");
    assert.equal((await Deno.stat(path + ".bak")).mode! & 0o777, 0o640);
    assert.deepEqual(await names(dir), ["prod.tfvars", "prod.tfvars.bak"]);
  });
});

Deno.test("writeFileAtomic() does not touch a file whose text is unchanged", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\n");
    const past = new Date("2020-01-02T03:04:05Z");
    await Deno.utime(path, past, past);
    assert.equal(await writeFileAtomic(path, "a = 1\n", { backup: true }), false);
    assert.equal((await Deno.stat(path)).mtime?.getTime(), past.getTime());
    assert.deepEqual(await names(dir), ["prod.tfvars"]);
  });
});

Deno.test("writeFileAtomic() creates a file that does not exist yet", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "new.tfvars");
    assert.equal(await writeFileAtomic(path, "a = 1\n", { backup: true }), true);
    assert.equal(await Deno.readTextFile(path), "a = 1\n");
    assert.deepEqual(await names(dir), ["new.tfvars"]);
  });
});

Deno.test("lockFiles() makes a second locker wait, then throws LockError naming the holder", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\n");
    const first = await lockFiles([path], "alice (pid 41)", 0);
    try {
      const started = Date.now();
      await assert.rejects(lockFiles([path], "bob (pid 42)", 300), (e: unknown) => {
        assert.ok(e instanceof LockError);
        assert.equal(
          e.message,
          `${path} is locked by another tfsync (alice (pid 41)); ` +
            `if none is running, remove ${path}.tfsync.lock`,
        );
        return true;
      });
      assert.ok(Date.now() - started >= 300, "it waited");
    } finally {
      await first.release();
    }
    assert.deepEqual(await names(dir), ["prod.tfvars"]);
  });
});

Deno.test("lockFiles() locks a symlink's target", async () => {
  await inTempDir(async (dir) => {
    const target = join(dir, "common.tfvars");
    await Deno.writeTextFile(target, "a = 1\n");
    await Deno.symlink(target, join(dir, "link.tfvars"));
    const first = await lockFiles([join(dir, "link.tfvars")], "alice", 0);
    try {
      await assert.rejects(lockFiles([target], "bob", 0), LockError);
    } finally {
      await first.release();
    }
  });
});

Deno.test("lockFiles() can retake a released lock", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\n");
    await (await lockFiles([path], "alice", 0)).release();
    const again = await lockFiles([path], "bob", 0);
    assert.equal(await Deno.readTextFile(`${path}.tfsync.lock`), "bob\n");
    await again.release();
    assert.deepEqual(await names(dir), ["prod.tfvars"]);
  });
});

Deno.test("lockFiles() gets a lock released while it waits", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "prod.tfvars");
    await Deno.writeTextFile(path, "a = 1\n");
    const first = await lockFiles([path], "alice", 0);
    const timer = setTimeout(() => first.release(), 100);
    const second = await lockFiles([path], "bob", 5000);
    clearTimeout(timer);
    await second.release();
  });
});

Deno.test("lockFiles() releases what it took when a later file is locked", async () => {
  await inTempDir(async (dir) => {
    const [a, b] = [join(dir, "a.tfvars"), join(dir, "b.tfvars")];
    await Deno.writeTextFile(a, "a = 1\n");
    await Deno.writeTextFile(b, "b = 1\n");
    const held = await lockFiles([b], "alice", 0);
    await assert.rejects(lockFiles([a, b], "bob", 0), LockError);
    await held.release();
    assert.deepEqual(await names(dir), ["a.tfvars", "b.tfvars"]);
  });
});
