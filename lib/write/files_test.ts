import assert from "node:assert/strict";
import { join } from "node:path";
import {
  interruptWrites,
  JOURNAL,
  recover,
  replaceAll,
  type Replacement,
  testHooks,
} from "./files.ts";
import { LOCK_FILE, LockError, lockRoot } from "./lock.ts";
import { inTempDir, names } from "./_testdir.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

function rep(dir: string, name: string, old: string | undefined, now: string): Replacement {
  const path = join(dir, name);
  return {
    path,
    file: name,
    old: old === undefined ? old : bytes(old),
    bytes: bytes(now),
    mode: 0o640,
  };
}

Deno.test("replaceAll() replaces every file, keeps the permission bits, leaves no temp file", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "a"), "old a");
    await replaceAll([rep(dir, "a", "old a", "new a"), rep(dir, "b", undefined, "new b")], {
      root: dir,
    });
    assert.equal(await Deno.readTextFile(join(dir, "a")), "new a");
    assert.equal(await Deno.readTextFile(join(dir, "b")), "new b");
    assert.equal((await Deno.stat(join(dir, "a"))).mode! & 0o777, 0o640);
    assert.deepEqual(await names(dir), ["a", "b"]);
  });
});

Deno.test("replaceAll() creates no folder: a new file in one that is missing names it, writes nothing", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "a"), "old a");
    await assert.rejects(
      replaceAll([rep(dir, "a", "old a", "new a"), rep(dir, "no/dir/b", undefined, "new b")], {
        root: dir,
      }),
      {
        name: "WriteError",
        message: 'Cannot write the file: the folder "no/dir" does not exist; nothing was written',
      },
    );
    assert.equal(await Deno.readTextFile(join(dir, "a")), "old a");
    assert.deepEqual(await names(dir), ["a"]);
  });
});

Deno.test("replaceAll() undoes the renames done when a later one fails, and says so", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "a"), "old a");
    await Deno.writeTextFile(join(dir, "b"), "old b");
    // b turns into a folder between the checks and its rename: the rename fails.
    testHooks.beforeRename = async () => {
      await Deno.remove(join(dir, "b"));
      await Deno.mkdir(join(dir, "b", "x"), { recursive: true });
    };
    await assert.rejects(
      replaceAll([rep(dir, "a", "old a", "new a"), rep(dir, "b", "old b", "new b")], {
        root: dir,
      }),
      {
        name: "WriteError",
        message: 'Cannot write "b": is a directory; restored "a": nothing was changed',
      },
    );
    testHooks.beforeRename = undefined;
    assert.equal(await Deno.readTextFile(join(dir, "a")), "old a");
    assert.deepEqual(await names(dir), ["a", "b"]);
  });
});

Deno.test("replaceAll() says which file holds the new version when undoing fails too", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "x"));
    await Deno.writeTextFile(join(dir, "x", "a"), "old a");
    await Deno.writeTextFile(join(dir, "b"), "old b");
    // After x/a is renamed, x moves away (x/a cannot be put back) and b turns into a folder (its
    // rename fails).
    testHooks.beforeRename = async () => {
      await Deno.rename(join(dir, "x"), join(dir, "moved"));
      await Deno.remove(join(dir, "b"));
      await Deno.mkdir(join(dir, "b", "y"), { recursive: true });
    };
    try {
      await assert.rejects(
        replaceAll([rep(dir, "x/a", "old a", "new a"), rep(dir, "b", "old b", "new b")], {
          root: dir,
        }),
        {
          name: "WriteError",
          partial: true,
          message: 'Cannot write "b": is a directory; could not restore "x/a", which now holds ' +
            "the new version; each .bak holds what was replaced",
        },
      );
    } finally {
      testHooks.beforeRename = undefined;
    }
    assert.equal(await Deno.readTextFile(join(dir, "moved", "a")), "new a");
  });
});

Deno.test("replaceAll() refuses a folder or a FIFO before writing anything", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "a"), "old a");
    await Deno.mkdir(join(dir, "d"));
    new Deno.Command("mkfifo", { args: [join(dir, "f")] }).outputSync();
    for (const [name, kind] of [["d", "a directory"], ["f", "a FIFO"]]) {
      await assert.rejects(
        replaceAll([rep(dir, "a", "old a", "new a"), rep(dir, name, "", "x")], { root: dir }),
        {
          message: `Cannot write the file: ${kind}, not a regular file; nothing was written`,
          place: { file: name },
        },
      );
      assert.equal(await Deno.readTextFile(join(dir, "a")), "old a");
      assert.deepEqual(await names(dir), ["a", "d", "f"]);
    }
  });
});

Deno.test("recover() completes the renames a killed process journaled, and removes its temp files", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "a"), "new a"); // renamed before the kill
    await Deno.writeTextFile(join(dir, "b"), "old b");
    await Deno.writeTextFile(join(dir, ".b.tfsync-0123abcd.tmp"), "new b");
    await Deno.writeTextFile(join(dir, ".c.tfsync-99999999.tmp"), "unjournaled");
    const journal = [[join(dir, ".a.tfsync-aaaaaaaa.tmp"), join(dir, "a")], [
      join(dir, ".b.tfsync-0123abcd.tmp"),
      join(dir, "b"),
    ]];
    await Deno.writeTextFile(join(dir, JOURNAL), JSON.stringify(journal));
    assert.deepEqual(await recover(dir, [join(dir, "c")]), [join(dir, "b")]);
    assert.equal(await Deno.readTextFile(join(dir, "b")), "new b");
    assert.deepEqual(await names(dir), ["a", "b"]);
  });
});

Deno.test("recover() ignores a journal naming files outside the root", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "root"));
    await Deno.writeTextFile(join(dir, ".x.tfsync-0123abcd.tmp"), "evil");
    const journal = [[join(dir, ".x.tfsync-0123abcd.tmp"), join(dir, "x")]];
    await Deno.writeTextFile(join(dir, "root", JOURNAL), JSON.stringify(journal));
    assert.deepEqual(await recover(join(dir, "root"), []), []);
    assert.deepEqual(await names(dir), [".x.tfsync-0123abcd.tmp", "root"]);
  });
});

Deno.test("interruptWrites() after a write: nothing to undo, and it says the files were written", async () => {
  await inTempDir(async (dir) => {
    await replaceAll([rep(dir, "a", undefined, "new a")], { root: dir });
    assert.equal(await interruptWrites(), "written");
    assert.deepEqual(await names(dir), ["a"]);
  });
});

Deno.test("lockRoot() makes a second locker wait, then throws LockError naming the holder", async () => {
  await inTempDir(async (dir) => {
    const first = await lockRoot(dir, "alice (pid 41)");
    const waits: string[] = [];
    try {
      await assert.rejects(
        lockRoot(dir, "bob (pid 42)", { waitMs: 300, onWait: (w) => waits.push(w) }),
        {
          name: "LockError",
          message: "The repository is locked by alice (pid 41), still running; nothing was written",
        },
      );
      assert.deepEqual(waits, ["alice (pid 41)"]);
    } finally {
      await first.release();
    }
    assert.deepEqual(await names(dir), []);
    const again = await lockRoot(dir, "bob", { waitMs: 0 });
    await again.release();
  });
});

Deno.test("lockRoot() gets a lock released while it waits", async () => {
  await inTempDir(async (dir) => {
    const first = await lockRoot(dir, "alice");
    setTimeout(() => first.release(), 200);
    const second = await lockRoot(dir, "bob", { waitMs: 5000 });
    assert.equal(await Deno.readTextFile(join(dir, LOCK_FILE)), "bob\n");
    await second.release();
  });
});

Deno.test("lockRoot(): the kernel releases the lock of a killed process; its file blocks nothing", async () => {
  await inTempDir(async (dir) => {
    const code = `const f = await Deno.open(${JSON.stringify(join(dir, LOCK_FILE))}, ` +
      `{ read: true, write: true, create: true }); await f.lock(true); console.log("locked"); ` +
      `await new Promise(() => setTimeout(() => {}, 60000));`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["eval", code],
      stdout: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    await reader.read(); // "locked"
    await assert.rejects(lockRoot(dir, "bob", { waitMs: 100 }), LockError);
    child.kill("SIGKILL");
    await child.status;
    reader.releaseLock();
    await child.stdout.cancel();
    const lock = await lockRoot(dir, "bob", { waitMs: 2000 });
    await lock.release();
    assert.deepEqual(await names(dir), []);
  });
});
