// Fault injection: tfsync killed at random moments of a promote and inside its write window,
// interrupted by signals, on a full disk, on read-only folders, and 20 writers at once. After
// every run each file is its old or its new version entirely, the pair is consistent (or a
// journal says the next run completes it), no lock or temp file blocks the next run, and no
// update is lost. `deno task test:faults` runs many; `deno task test` a few (TFSYNC_FAULT_RUNS).
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, EXAMPLE, REPO, snapshotTree, tempCopy, tfsync } from "./_cli.ts";
import { PERMISSION_FLAGS } from "../tools/permissions.ts";

const RUNS = Number(Deno.env.get("TFSYNC_FAULT_RUNS") ?? "1");
/** Runs of a kind: `k` per RUNS at full size, one each at the small size of `deno task test`. */
const runs = (k: number) => RUNS === 1 ? 1 : RUNS * k;
const SHARED = "environments/shared-features.tfvars";
const PROD = "environments/prod/terraform.tfvars";
const PAIR = [SHARED, PROD];
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];
// `id -u`: Deno.uid() would need --allow-sys, which the test task does not grant.
const IS_ROOT =
  new TextDecoder().decode(new Deno.Command("id", { args: ["-u"] }).outputSync().stdout)
    .trim() === "0";

/** Runs tests/faults/_tfsync.ts (tfsync with a pause before rename `at`) with the shipped flags. */
function spawnPaused(root: string, at: number, ms: number, args = PROMOTE) {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--config",
      join(REPO, "deno.json"),
      ...PERMISSION_FLAGS,
      join(REPO, "tests/faults/_tfsync.ts"),
      String(at),
      String(ms),
      ...args,
    ],
    cwd: root,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

/** Sends a signal unless the child has ended already (it may finish first: that is an outcome). */
function kill(child: Deno.ChildProcess, signal: Deno.Signal): void {
  try {
    child.kill(signal);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

/** Resolves once the child says `mark`; returns a function giving all it wrote to stderr. */
async function until(
  child: Deno.ChildProcess,
  mark = "fault: window",
): Promise<() => Promise<string>> {
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes(mark)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`never said "${mark}": ${text}`);
    text += value;
  }
  return async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += value;
    }
  };
}

interface Versions {
  old: Map<string, string>;
  new: Map<string, string>;
}

const hash = async (path: string) =>
  await Deno.readFile(path).then(
    async (b) => [...new Uint8Array(await crypto.subtle.digest("SHA-256", b))].join(","),
    () => "absent",
  );

/** The old and new bytes (hashed) of the pair, from one undisturbed promote. */
let known: Promise<Versions> | undefined;
function versions(): Promise<Versions> {
  return known ??= promoteOnce();
}

async function promoteOnce(): Promise<Versions> {
  const root = await tempCopy(EXAMPLE);
  try {
    const old = new Map(
      await Promise.all(PAIR.map(async (f) => [f, await hash(join(root, f))] as [string, string])),
    );
    const r = await tfsync(root, PROMOTE);
    assert.equal(r.code, 0, r.stderr);
    const now = new Map(
      await Promise.all(PAIR.map(async (f) => [f, await hash(join(root, f))] as [string, string])),
    );
    for (const f of PAIR) assert.notEqual(old.get(f), now.get(f));
    return { old, new: now };
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** "old", "new" or "mixed" (only with a journal); throws on a file that is neither version. */
async function pairState(root: string, v: Versions): Promise<"old" | "new" | "mixed"> {
  const states = new Set<string>();
  for (const f of PAIR) {
    const h = await hash(join(root, f));
    const state = h === v.old.get(f) ? "old" : h === v.new.get(f) ? "new" : "corrupt";
    assert.notEqual(state, "corrupt", `${f} is neither its old nor its new version`);
    // A .bak is absent, or the old version (written before its file).
    const bak = await hash(join(root, f + ".bak"));
    assert.ok(bak === "absent" || bak === v.old.get(f), `${f}.bak is not the old version`);
    if (state === "new") assert.equal(bak, v.old.get(f), `${f} is new but its .bak is not the old`);
    states.add(state);
  }
  if (states.size === 1) return [...states][0] as "old" | "new";
  const journal = await Deno.stat(join(root, ".tfsync-journal.json")).then(() => true, () => false);
  assert.ok(journal, "the pair is mixed and no journal says how to complete it");
  return "mixed";
}

/** Leftovers of a run: temp files, the journal, the lock file. */
async function leftovers(root: string): Promise<string[]> {
  const snap = await snapshotTree(root);
  return [...snap.keys()].filter((p) =>
    /\.tfsync-[0-9a-f]{8}\.tmp$|tfsync-journal|\.tfsync\.lock$/.test(p)
  );
}

/** The next, undisturbed run: it must succeed and leave the pair new, with nothing left over. */
async function nextRun(root: string, v: Versions): Promise<void> {
  const r = await tfsync(root, PROMOTE);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await pairState(root, v), "new");
  // A killed holder's lock file may stay when this run had nothing left to write: the kernel
  // released its lock, so it blocks nothing (this run just succeeded); no temp file, no journal.
  assert.deepEqual((await leftovers(root)).filter((p) => p !== ".tfsync.lock"), []);
}

/** How long one undisturbed promote takes here, start-up included. */
async function typicalMs(): Promise<number> {
  const root = await tempCopy(EXAMPLE);
  const start = Date.now();
  await tfsync(root, PROMOTE);
  const ms = Date.now() - start;
  await Deno.remove(root, { recursive: true });
  return ms;
}

const report = (what: string, counts: Record<string, number>) =>
  console.log(`faults: ${what}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}`);

Deno.test(`SIGKILL at random moments of a promote (${runs(3)} runs)`, async () => {
  const v = await versions();
  const counts = { runs: 0, kills: 0, old: 0, mixed: 0, new: 0, "finished first": 0 };
  const typical = await typicalMs();
  for (let i = 0; i < runs(3); i++) {
    const root = await tempCopy(EXAMPLE);
    try {
      const child = spawnPaused(root, 0, 0);
      // Most of a run is start-up; the writes come at its end.
      const delay = typical * (0.3 + Math.random() * 0.9);
      const timer = setTimeout(() => kill(child, "SIGKILL"), delay);
      const status = await child.status;
      clearTimeout(timer);
      await child.stderr.cancel();
      await tallyKill(root, v, status, counts);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
  report("random SIGKILL", counts);
  assert.equal(counts.runs, runs(3));
});

type KillCounts = Record<"runs" | "kills" | "old" | "mixed" | "new" | "finished first", number>;

/** Counts a run that was killed (or finished first), its pair's state, and checks the next run. */
async function tallyKill(
  root: string,
  v: Awaited<ReturnType<typeof versions>>,
  status: Deno.CommandStatus,
  counts: KillCounts,
): Promise<void> {
  counts.runs++;
  if (status.signal === "SIGKILL") counts.kills++;
  else counts["finished first"]++;
  counts[await pairState(root, v)]++;
  await nextRun(root, v);
}

Deno.test(`SIGKILL at random moments of the write itself (${runs(3)} runs)`, async () => {
  const v = await versions();
  const counts = { runs: 0, kills: 0, old: 0, mixed: 0, new: 0, "finished first": 0 };
  // How long the write takes here: from "fault: writing" to the end of the process.
  const probe = await tempCopy(EXAMPLE);
  const timing = spawnPaused(probe, 0, 0);
  const output = await until(timing, "fault: writing");
  const start = performance.now();
  await timing.status;
  await output();
  const ms = performance.now() - start;
  await Deno.remove(probe, { recursive: true });
  for (let i = 0; i < runs(3); i++) {
    const root = await tempCopy(EXAMPLE);
    try {
      const child = spawnPaused(root, 0, 0);
      const rest = await until(child, "fault: writing");
      await new Promise((r) => setTimeout(r, Math.random() * ms));
      kill(child, "SIGKILL");
      const status = await child.status;
      await rest();
      await tallyKill(root, v, status, counts);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
  report("random SIGKILL during the write", counts);
  assert.equal(counts.runs, runs(3));
});

Deno.test(`SIGKILL inside the write window, between renames (${runs(3)} runs)`, async () => {
  const v = await versions();
  const counts = { runs: 0, kills: 0, old: 0, mixed: 0, new: 0 };
  for (let i = 0; i < runs(3); i++) {
    const root = await tempCopy(EXAMPLE);
    try {
      // shared.bak, shared, prod.bak, prod: pause before the 3rd, 4th or 2nd rename.
      const child = spawnPaused(root, 1 + ((i + 1) % 3), 60_000);
      await until(child);
      child.kill("SIGKILL");
      const status = await child.status;
      counts.runs++;
      if (status.signal === "SIGKILL") counts.kills++;
      counts[await pairState(root, v)]++;
      await nextRun(root, v);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
  report("SIGKILL in the write window", counts);
  assert.equal(counts.kills, runs(3));
  // Before prod.bak and prod (pause at 2 or 3) shared is new already: the journal completes it.
  assert.ok(counts.mixed > 0);
});

Deno.test("SIGKILL after the pair's renames, before the run's record files: the next run completes the journal", async () => {
  const v = await versions();
  // Renames 4 and 5 are the last run's record and the shared file's previous text: the pair is
  // new already, so the next run has nothing to change and must still finish the journal.
  for (const at of [4, 5]) {
    const root = await tempCopy(EXAMPLE);
    try {
      const child = spawnPaused(root, at, 60_000);
      await until(child);
      child.kill("SIGKILL");
      assert.equal((await child.status).signal, "SIGKILL");
      assert.equal(await pairState(root, v), "new");
      const left = await leftovers(root);
      assert.ok(left.includes(".tfsync-journal.json"), `pause at ${at}: ${left}`);
      assert.ok(left.some((p) => p.endsWith(".tmp")), `pause at ${at}: ${left}`);
      await nextRun(root, v);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
});

Deno.test(`SIGINT, SIGTERM, SIGHUP inside the write window let the write finish (${runs(3)} runs)`, async () => {
  const v = await versions();
  const signals = [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const;
  const counts = { runs: 0, new: 0 };
  for (let i = 0; i < runs(3); i++) {
    const [signal, code] = signals[i % 3];
    const root = await tempCopy(EXAMPLE);
    try {
      const child = spawnPaused(root, 1 + (i % 3), 300);
      const rest = await until(child);
      child.kill(signal);
      const status = await child.status;
      const stderr = await rest();
      assert.equal(status.code, code, stderr);
      assert.match(
        stderr,
        new RegExp(`tfsync: interrupted \\(${signal}\\): the write in progress was completed\\n$`),
      );
      counts.runs++;
      const state = await pairState(root, v);
      assert.equal(state, "new");
      counts.new++;
      assert.deepEqual(await leftovers(root), []);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
  report("signals in the write window", counts);
});

Deno.test(`SIGTERM at random moments leaves no temp file (${runs(2)} runs)`, async () => {
  const v = await versions();
  const counts = { runs: 0, interrupted: 0, old: 0, new: 0, mixed: 0 };
  const typical = await typicalMs();
  for (let i = 0; i < runs(2); i++) {
    const root = await tempCopy(EXAMPLE);
    try {
      const child = spawnPaused(root, 0, 0);
      const timer = setTimeout(() => kill(child, "SIGTERM"), typical * (0.3 + Math.random() * 0.9));
      const status = await child.status;
      clearTimeout(timer);
      await child.stderr.cancel();
      counts.runs++;
      if (status.code !== 0) counts.interrupted++;
      counts[await pairState(root, v)]++;
      // A handled signal leaves nothing behind (the default action, before the handler is
      // installed, comes before anything is written).
      const left = (await leftovers(root)).filter((p) => !p.endsWith(".tfsync.lock"));
      assert.deepEqual(left, []);
      await nextRun(root, v);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }
  report("random SIGTERM", counts);
});

/** Mounts a tmpfs of `size` at a new folder; undefined when this machine does not allow it. */
function mountTmpfs(size: string): string | undefined {
  const dir = Deno.makeTempDirSync({ prefix: "tfsync-tmpfs-" });
  const r = new Deno.Command("mount", {
    args: ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir],
    stderr: "null",
  })
    .outputSync();
  if (r.success) return dir;
  Deno.removeSync(dir);
  return undefined;
}

/**
 * Runs `fn` on a tmpfs of `size`, then unmounts and removes it. Under load the mount can be busy
 * for a moment after the children are reaped (umount: EBUSY): the unmount is retried a bounded
 * number of times, then detached (umount -l). A failure of `fn` is the test's result: a cleanup
 * failure after it is only logged, never put in its place.
 */
async function withTmpfs(size: string, fn: (mount: string) => Promise<void>): Promise<void> {
  const mount = mountTmpfs(size)!;
  try {
    await fn(mount);
  } catch (e) {
    await unmount(mount).catch((cleanup) => console.error(`cleanup of ${mount}: ${cleanup}`));
    throw e;
  }
  await unmount(mount);
}

async function unmount(dir: string): Promise<void> {
  const umount = (...args: string[]) =>
    new Deno.Command("umount", { args: [...args, dir], stderr: "piped" }).outputSync();
  let r = umount();
  for (let attempt = 1; !r.success && attempt < 10; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    r = umount();
  }
  if (!r.success) r = umount("-l");
  if (!r.success) throw new Error(`umount ${dir}: ${new TextDecoder().decode(r.stderr).trim()}`);
  await Deno.remove(dir, { recursive: true });
}

const TMPFS = (() => {
  try {
    const dir = mountTmpfs("1m");
    if (!dir) return "mount -t tmpfs is not allowed here";
    new Deno.Command("umount", { args: [dir] }).outputSync();
    Deno.removeSync(dir);
    return undefined;
  } catch (e) {
    return `mount is not available (${(e as Error).name})`;
  }
})();

Deno.test({
  name: `a full disk at every step: exit 2 naming the file, the tree as it was${
    TMPFS ? ` (skipped: ${TMPFS})` : ""
  }`,
  ignore: TMPFS !== undefined,
  fn: async () => {
    const v = await versions();
    const counts = { runs: 0, "no space": 0, written: 0 };
    await withTmpfs("2m", async (mount) => {
      const root = join(mount, "repo");
      const example = await tempCopy(EXAMPLE);
      // Free space from none to enough, in steps smaller than one file.
      for (let free = 0; free <= 60_000; free += RUNS === 1 ? 30_000 : 2_000) {
        await Deno.remove(root, { recursive: true }).catch(() => {});
        await Deno.remove(join(mount, "filler")).catch(() => {});
        await new Deno.Command("cp", { args: ["-a", example, root] }).output();
        const df = new TextDecoder().decode(
          new Deno.Command("df", { args: ["-B1", "--output=avail", mount] }).outputSync().stdout,
        );
        const avail = Number(df.trim().split("\n").pop());
        await Deno.writeFile(join(mount, "filler"), new Uint8Array(Math.max(0, avail - free)));
        const before = await snapshotTree(root);
        const r = await tfsync(root, PROMOTE);
        await judgeNoSpace(r, { root, v, before, counts });
        assert.deepEqual((await leftovers(root)).filter((p) => !p.endsWith(".tfsync.lock")), []);
      }
      await Deno.remove(example, { recursive: true });
      report("full disk", counts);
      assert.ok(counts["no space"] > 0 && counts.written > 0, JSON.stringify(counts));
    });
  },
});

/** A promote on a full disk either wrote the new pair or exited 2 with the tree as it was. */
async function judgeNoSpace(
  r: { code: number; stderr: string },
  o: {
    root: string;
    v: Awaited<ReturnType<typeof versions>>;
    before: Awaited<ReturnType<typeof snapshotTree>>;
    counts: { runs: number; "no space": number; written: number };
  },
): Promise<void> {
  o.counts.runs++;
  if (r.code === 0) {
    o.counts.written++;
    assert.equal(await pairState(o.root, o.v), "new");
    return;
  }
  o.counts["no space"]++;
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^tfsync promote: [^:]+: Cannot write the (file|lock|journal): no space left on the device; nothing was written\n$/,
  );
  assert.deepEqual(changedPaths(o.before, await snapshotTree(o.root)), []);
}

Deno.test({
  name: `no inode left at every step (lock, temp files, journal): exit 2, the tree as it was${
    TMPFS ? ` (skipped: ${TMPFS})` : ""
  }`,
  ignore: TMPFS !== undefined,
  fn: async () => {
    const v = await versions();
    const counts = { runs: 0, "no space": 0, written: 0 };
    await withTmpfs("4m,nr_inodes=400", async (mount) => {
      const root = join(mount, "repo");
      const fill = join(mount, "fill");
      // A promote creates the lock, its temp files (two files, their .bak, two records) and the
      // journal: 9 inodes at most at once.
      for (let free = 0; free <= 9; free++) {
        await Deno.remove(root, { recursive: true }).catch(() => {});
        await Deno.remove(fill, { recursive: true }).catch(() => {});
        await new Deno.Command("cp", { args: ["-a", EXAMPLE, root] }).output();
        await Deno.mkdir(fill);
        const made: string[] = [];
        for (let i = 0;; i++) {
          try {
            Deno.writeFileSync(join(fill, String(i)), new Uint8Array());
            made.push(join(fill, String(i)));
          } catch {
            break;
          }
        }
        for (const f of made.slice(made.length - free)) Deno.removeSync(f);
        const before = await snapshotTree(root);
        const r = await tfsync(root, PROMOTE);
        await judgeNoSpace(r, { root, v, before, counts });
        assert.deepEqual(await leftovers(root), []);
      }
      report("no inode left", counts);
      assert.ok(counts["no space"] > 0 && counts.written > 0, JSON.stringify(counts));
    });
  },
});

/** Makes `dir` read-only: chmod, or for root (whom modes do not stop) a read-only bind mount. */
function readOnly(dir: string): (() => void) | undefined {
  if (!IS_ROOT) {
    Deno.chmodSync(dir, 0o555);
    return () => Deno.chmodSync(dir, 0o755);
  }
  const ok = (args: string[]) =>
    new Deno.Command("mount", { args, stderr: "null" }).outputSync().success;
  if (!ok(["--bind", dir, dir])) return undefined;
  if (!ok(["-o", "remount,ro,bind", dir])) {
    new Deno.Command("umount", { args: [dir] }).outputSync();
    return undefined;
  }
  return () => void new Deno.Command("umount", { args: [dir] }).outputSync();
}

Deno.test("a read-only folder: exit 2 before any file is written", async (t) => {
  for (const folder of ["environments/prod", "environments"]) {
    await t.step(folder, async () => {
      const root = await tempCopy(EXAMPLE);
      const undo = readOnly(join(root, folder));
      try {
        if (!undo) {
          return console.log(`faults: read-only ${folder}: skipped: cannot make it read-only here`);
        }
        const before = await snapshotTree(root);
        const r = await tfsync(root, PROMOTE);
        assert.equal(r.code, 2, r.stderr);
        assert.match(
          r.stderr,
          /^tfsync promote: environments\/[^:]+: Cannot write the file: (permission denied|read-only file system); nothing was written\n$/,
        );
        assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      } finally {
        undo?.();
        await Deno.remove(root, { recursive: true });
      }
    });
  }
});

Deno.test({
  name: `an unreadable .bak: exit 2 before any file is written${
    IS_ROOT
      ? " (skipped: root reads every file; the .bak-is-a-folder case is in hostile_input_test.ts)"
      : ""
  }`,
  ignore: IS_ROOT,
  fn: async () => {
    const root = await tempCopy(EXAMPLE);
    try {
      await Deno.writeTextFile(join(root, PROD + ".bak"), "secret = 1\n");
      await Deno.chmod(join(root, PROD + ".bak"), 0o000);
      const before = await snapshotTree(root).catch(() => undefined);
      const r = await tfsync(root, PROMOTE);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(
        r.stderr,
        `tfsync promote: ${PROD}.bak: Cannot read the file: permission denied\n`,
      );
      await Deno.chmod(join(root, PROD + ".bak"), 0o644);
      if (before) assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      assert.equal(
        await Deno.readTextFile(join(root, SHARED)),
        await Deno.readTextFile(join(EXAMPLE, SHARED)),
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

/** A repository with 20 syncable variables, a source setting them "new" and targets "old". */
async function manyVariables(targets: string[], n = 20): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfsync-faults-" });
  const names = Array.from({ length: n }, (_, i) => `v${String(i + 1).padStart(2, "0")}`);
  await Deno.writeTextFile(
    join(root, "tfsync.hcl"),
    `group "all" {\n  variables = [${
      names.map((x) => `"${x}"`).join(", ")
    }]\n}\nenvironment_specific = ["region"]\n`,
  );
  await Deno.writeTextFile(
    join(root, "variables.tf"),
    names.map((x) => `variable "${x}" {\n  type = string\n}\n`).join("") + 'variable "region" {}\n',
  );
  const tfvars = (value: string) =>
    names.map((x) => `${x} = "${value}"\n`).join("") + 'region = "here"\n';
  for (const [env, value] of [["src", "new"], ...targets.map((t) => [t, "old"])]) {
    await Deno.mkdir(join(root, "environments", env), { recursive: true });
    await Deno.writeTextFile(join(root, "environments", env, "terraform.tfvars"), tfvars(value));
  }
  return root;
}

const WRITERS = RUNS === 1 ? 4 : 20;

Deno.test(`${WRITERS} concurrent writers on the same target: each waits its turn, no update lost`, async () => {
  const root = await manyVariables(["dst"], WRITERS);
  try {
    const runs = Array.from(
      { length: WRITERS },
      (_, i) =>
        tfsync(root, [
          "sync",
          "--from",
          "src",
          "--to",
          "dst",
          "--vars",
          `v${String(i + 1).padStart(2, "0")}`,
          "--yes",
        ]),
    );
    const results = await Promise.all(runs);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const text = await Deno.readTextFile(join(root, "environments/dst/terraform.tfvars"));
    for (let i = 1; i <= WRITERS; i++) {
      assert.match(text, new RegExp(`^v${String(i).padStart(2, "0")} += "new"$`, "m"));
    }
    assert.match(text, /^region = "here"$/m);
    assert.deepEqual(await leftovers(root), []);
    const waited = results.filter((r) => r.stderr.includes("Waiting for")).length;
    const replanned = results.filter((r) => r.stderr.includes("planning again")).length;
    report(`${WRITERS} writers, same target`, {
      runs: WRITERS,
      "exit 0": WRITERS,
      waited,
      replanned,
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test(`${WRITERS} concurrent writers on different targets: all written`, async () => {
  const targets = Array.from({ length: WRITERS }, (_, i) => `dst${i + 1}`);
  const root = await manyVariables(targets, 3);
  try {
    const results = await Promise.all(
      targets.map((t) =>
        tfsync(root, ["sync", "--from", "src", "--to", t, "--group", "all", "--yes"])
      ),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    for (const t of targets) {
      const text = await Deno.readTextFile(join(root, "environments", t, "terraform.tfvars"));
      assert.doesNotMatch(text, /"old"/, t);
    }
    assert.deepEqual(await leftovers(root), []);
    const waited = results.filter((r) => r.stderr.includes("Waiting for")).length;
    report(`${WRITERS} writers, different targets`, { runs: WRITERS, "exit 0": WRITERS, waited });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
