// Hostile and broken input, end to end with the shipped permissions: bytes that are not UTF-8,
// special files, huge files, paths out of the root, deep nesting. Each case checks the exit code,
// the exact message and that the tree (and anything outside it) is unchanged, byte for byte.
import assert from "node:assert/strict";
import { join } from "node:path";
import { changedPaths, EXAMPLE, snapshotTree, tempCopy, tfsync } from "./_cli.ts";
import { main } from "../mod.ts";
import type { Io } from "../commands/_command.ts";

const SHARED = "environments/shared-features.tfvars";
const PROD = "environments/prod/terraform.tfvars";
const PROMOTE = ["promote", "--from", "englacial", "--to", "prod", "--yes", "--date", "2026-01-05"];
const enc = new TextEncoder();

interface Case {
  name: string;
  args?: string[];
  /** Prepares the copy; may return a folder outside it to watch as well. */
  setup: (root: string) => Promise<string | void>;
  stderr: (root: string, outside?: string) => string | Promise<string>;
  code?: number;
}

async function append(root: string, path: string, bytes: Uint8Array): Promise<void> {
  const old = await Deno.readFile(join(root, path));
  await Deno.writeFile(join(root, path), Uint8Array.of(...old, ...bytes));
}

async function setConfig(root: string, from: string, to: string): Promise<void> {
  const path = join(root, "tfsync.hcl");
  const text = await Deno.readTextFile(path);
  assert.ok(text.includes(from));
  await Deno.writeTextFile(path, text.replace(from, to));
}

const SHARED_SETTING = 'shared_file      = "environments/shared-features.tfvars"';

const CASES: Case[] = [
  {
    name: "a byte that is not UTF-8 in a value",
    setup: (root) =>
      append(root, PROD, Uint8Array.of(...enc.encode('note = "caf'), 0xe9, 0x22, 0x0a)),
    stderr: async (root) => {
      const line = (await Deno.readTextFile(join(root, PROD))).split("\n").length - 1;
      return `tfsync promote: ${PROD}:${line}:12: Invalid character encoding: byte 0xE9 is not UTF-8; all input files must be UTF-8 encoded\n`;
    },
  },
  {
    name: "a byte that is not UTF-8 in a heredoc",
    setup: (root) =>
      append(
        root,
        PROD,
        Uint8Array.of(...enc.encode("note = <<EOT\n"), 0xff, ...enc.encode("\nEOT\n")),
      ),
    stderr: async (root) => {
      const line = (await Deno.readTextFile(join(root, PROD))).split("\n").length - 2;
      return `tfsync promote: ${PROD}:${line}:1: Invalid character encoding: byte 0xFF is not UTF-8; all input files must be UTF-8 encoded\n`;
    },
  },
  {
    name: "a FIFO as the shared file",
    setup: async (root) => {
      await Deno.remove(join(root, SHARED));
      new Deno.Command("mkfifo", { args: [join(root, SHARED)] }).outputSync();
    },
    stderr: () => `tfsync promote: ${SHARED}: Cannot read the file: a FIFO, not a regular file\n`,
  },
  {
    name: "a folder as the target tfvars",
    setup: async (root) => {
      await Deno.remove(join(root, PROD));
      await Deno.mkdir(join(root, PROD));
    },
    stderr: () =>
      `tfsync promote: Unknown environment "prod": the environments are dev, englacial\n`,
  },
  {
    name: "a folder as the target's .bak",
    setup: (root) => Deno.mkdir(join(root, PROD + ".bak")),
    stderr: () =>
      `tfsync promote: ${PROD}.bak: Cannot read the file: a directory, not a regular file\n`,
  },
  {
    name: "a var file over the size limit",
    setup: async (root) => {
      using f = await Deno.open(join(root, PROD), { write: true });
      await f.truncate(64 * 1024 * 1024 + 1); // sparse: no 64 MiB written
    },
    stderr: () =>
      `tfsync promote: ${PROD}: Cannot read the file: 67108865 bytes: larger than tfsync's limit of 64 MiB\n`,
  },
  {
    name: "a device as the configuration",
    args: [...PROMOTE, "--config", "/dev/zero"],
    setup: async () => {},
    stderr: () => `tfsync promote: /dev/zero: Cannot read the file: a device, not a regular file\n`,
  },
  {
    name: "a shared_file outside the root",
    setup: (root) => setConfig(root, SHARED_SETTING, 'shared_file = "../home/.bash_profile"'),
    stderr: (root) =>
      `tfsync promote: tfsync.hcl: shared_file "${
        join(root, "..", "home/.bash_profile")
      }": it is outside the repository root\n`,
  },
  {
    name: "an absolute shared_file",
    setup: (root) => setConfig(root, SHARED_SETTING, 'shared_file = "/dev/null"'),
    stderr: () =>
      `tfsync promote: tfsync.hcl: shared_file "/dev/null": it is outside the repository root\n`,
  },
  {
    name: "an environment folder symlinked out of the root",
    setup: async (root) => {
      const outside = await Deno.makeTempDir({ prefix: "tfsync-outside-" });
      await Deno.rename(join(root, "environments/prod"), join(outside, "prod"));
      await Deno.symlink(join(outside, "prod"), join(root, "environments/prod"));
      return outside;
    },
    stderr: async (_root, outside) =>
      `tfsync promote: ${PROD}: Cannot read the file: it resolves to ${
        join(await Deno.realPath(outside!), "prod/terraform.tfvars")
      }, outside the repository root\n`,
  },
  {
    name: "a .bak symlinked out of the root, on restore",
    args: ["restore", "--env", "prod"],
    setup: async (root) => {
      const outside = await Deno.makeTempDir({ prefix: "tfsync-outside-" });
      await Deno.writeTextFile(join(outside, "secret"), "password = 1\n");
      await Deno.symlink(join(outside, "secret"), join(root, PROD + ".bak"));
      return outside;
    },
    stderr: async (_root, outside) =>
      `tfsync restore: ${PROD}.bak: Cannot read the file: it resolves to ${
        join(await Deno.realPath(outside!), "secret")
      }, outside the repository root\n`,
  },
  {
    name: "a lock file planted as a symlink to a file outside the root",
    setup: async (root) => {
      const outside = await Deno.makeTempDir({ prefix: "tfsync-outside-" });
      await Deno.writeTextFile(join(outside, ".bashrc"), "echo hello\n");
      await Deno.symlink(join(outside, ".bashrc"), join(root, ".tfsync.lock"));
      return outside;
    },
    stderr: () =>
      "tfsync promote: .tfsync.lock: Cannot write the lock: a symlink, not a regular file; nothing was written\n",
  },
  {
    name: "10,000 levels of nesting",
    setup: (root) =>
      append(root, PROD, enc.encode(`deep = ${"[".repeat(10000)}${"]".repeat(10000)}\n`)),
    stderr: async (root) => {
      const line = (await Deno.readTextFile(join(root, PROD))).split("\n").length - 1;
      return `tfsync promote: ${PROD}:${line}:1008: Nesting too deep: tfsync reads at most 1000 levels of nested values\n`;
    },
  },
];

for (const c of CASES) {
  Deno.test(`hostile input exits ${c.code ?? 2}, writes nothing: ${c.name}`, async () => {
    const root = await tempCopy(EXAMPLE);
    let outside: string | undefined;
    try {
      outside = (await c.setup(root)) ?? undefined;
      const before = await snapshotTree(root);
      const beforeOutside = outside ? await snapshotTree(outside) : new Map();
      const r = await tfsync(root, c.args ?? PROMOTE);
      assert.equal(r.stderr, await c.stderr(root, outside));
      assert.equal(r.code, c.code ?? 2);
      assert.equal(r.stdout, "");
      assert.deepEqual(changedPaths(before, await snapshotTree(root)), []);
      if (outside) assert.deepEqual(changedPaths(beforeOutside, await snapshotTree(outside)), []);
    } finally {
      await Deno.remove(root, { recursive: true });
      if (outside) await Deno.remove(outside, { recursive: true });
    }
  });
}

Deno.test("every byte 0x80-0xFF in comments comes out of a promote as it went in, .bak included", async () => {
  const root = await tempCopy(EXAMPLE);
  try {
    const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    const comment = Uint8Array.of(...enc.encode("# "), ...high, 0x0a);
    // In a line comment, a block comment, and a comment inside a list.
    for (const f of [SHARED, PROD]) {
      await append(
        root,
        f,
        Uint8Array.of(...comment, ...enc.encode("/* "), ...high, ...enc.encode(" */\n")),
      );
    }
    await append(
      root,
      PROD,
      Uint8Array.of(...enc.encode("extra_list = [\n  1, # "), ...high, ...enc.encode("\n]\n")),
    );
    const original = await Deno.readFile(join(root, PROD));
    const r = await tfsync(root, PROMOTE);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await Deno.readFile(join(root, PROD + ".bak")), original);
    for (const f of [SHARED, PROD]) {
      const bytes = await Deno.readFile(join(root, f));
      const at = indexOf(bytes, comment);
      assert.ok(at >= 0, `${f} lost its comment bytes`);
      assert.ok(
        indexOf(bytes, high, at + comment.length) >= 0,
        `${f} lost its block comment bytes`,
      );
    }
    const tail = Uint8Array.of(
      ...enc.encode("extra_list = [\n  1, # "),
      ...high,
      ...enc.encode("\n]\n"),
    );
    const prod = await Deno.readFile(join(root, PROD));
    assert.deepEqual(prod.subarray(prod.length - tail.length), tail);
    // The promote changed exactly what it does without those bytes.
    const again = await tfsync(root, PROMOTE);
    assert.equal(again.code, 0, again.stderr);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

Deno.test("a newline in a group description heads the new block with one comment line each", async () => {
  const root = await tempCopy(EXAMPLE);
  try {
    await setConfig(root, 'description = "Container images"', 'description = "Container\\nimages"');
    await Deno.remove(join(root, SHARED));
    const r = await tfsync(root, [
      "extract",
      "--from",
      "englacial",
      "--yes",
      "--date",
      "2026-01-05",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const text = await Deno.readTextFile(join(root, SHARED));
    assert.ok(text.includes("\n# Container\n# images\n"), text);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

function captureIo(env: Record<string, string>): Io & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => {
      throw new TypeError("a bug\nwith a second line");
    },
    stderr: (s) => err.push(s),
    interactive: false,
    stdoutTerminal: false,
    readLine: () => Promise.resolve(null),
    env: (n) => env[n],
    cwd: EXAMPLE,
    color: false,
  };
}

Deno.test("an unexpected error is one line saying it is a bug, exit 3; TFSYNC_DEBUG=1 adds the stack", async () => {
  const io = captureIo({});
  assert.equal(await main(["matrix"], io), 3);
  assert.deepEqual(io.err, [
    "tfsync matrix: Internal error (a bug in tfsync; TFSYNC_DEBUG=1 shows where): TypeError: a bug\n",
  ]);
  const debug = captureIo({ TFSYNC_DEBUG: "1" });
  assert.equal(await main(["matrix"], debug), 3);
  assert.equal(debug.err.length, 2);
  assert.match(debug.err[1], /^TypeError: a bug\nwith a second line\n {4}at /);
});
