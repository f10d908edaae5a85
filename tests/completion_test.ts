// tfsync completion: the candidates `tfsync __complete` gives, and each shell's script loaded by
// that shell (where it is installed), completing through a `tfsync` on PATH.
import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../mod.ts";
import { EXAMPLE, tempCopy, tfsyncArgv, which } from "./_cli.ts";

async function complete(cwd: string, words: string[]): Promise<string[]> {
  let stdout = "";
  const code = await main(["__complete", ...words], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => assert.fail(t),
    interactive: false,
    stdoutTerminal: false,
    readLine: () => Promise.resolve(null),
    env: () => undefined,
    cwd,
    color: false,
  });
  assert.equal(code, 0);
  return stdout.split("\n").filter((l) => l !== "");
}

Deno.test("__complete: commands, flags, environments, groups, formats, variables, files", async () => {
  const dir = await tempCopy(EXAMPLE);
  try {
    assert.deepEqual(await complete(dir, ["pro"]), [
      "extract",
      "apply",
      "diff",
      "promote",
      "backport",
      "sync",
      "check",
      "explain",
      "matrix",
      "init",
      "restore",
      "completion",
      "help",
    ]);
    assert.deepEqual(await complete(dir, ["diff", "--f"]), [
      "--from",
      "--to",
      "--exit-code",
      "--format",
      "--output",
      "--root",
      "--config",
      "--json",
      "--color",
      "--no-color",
      "--help",
    ]);
    assert.ok((await complete(dir, ["promote", ""])).includes("--yes"));
    assert.deepEqual(await complete(dir, ["promote", "--to", ""]), ["dev", "englacial", "prod"]);
    assert.deepEqual(await complete(join(dir, "environments"), ["diff", "--from", "e"]), [
      "dev",
      "englacial",
      "prod",
    ]);
    assert.deepEqual(await complete("/", ["-C", dir, "check", "--env", ""]), [
      "dev",
      "englacial",
      "prod",
    ]);
    assert.deepEqual(await complete(dir, ["sync", "--group", ""]), [
      "images",
      "dask",
      "timeouts",
      "features",
    ]);
    assert.deepEqual(await complete(dir, ["matrix", "--format", ""]), [
      "text",
      "json",
      "markdown",
      "html",
    ]);
    assert.deepEqual(await complete(dir, ["check", "--format", ""]), [
      "text",
      "json",
      "github",
      "markdown",
    ]);
    assert.ok((await complete(dir, ["explain", "dask"])).includes("dask_cluster_max_cores"));
    assert.deepEqual(await complete(dir, ["diff", "--output", ""]), ["__files__"]);
    assert.deepEqual(await complete(dir, ["completion", ""]), ["bash", "zsh", "fish"]);
    // Not a repository: no names, no error.
    const empty = await Deno.makeTempDir();
    assert.deepEqual(await complete(empty, ["diff", "--from", ""]), []);
    await Deno.remove(empty);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A folder with a `tfsync` on PATH that runs this checkout. */
async function tfsyncOnPath(): Promise<string> {
  const bin = await Deno.makeTempDir({ prefix: "tfsync-bin-" });
  const argv = tfsyncArgv().map((a) => `'${a}'`).join(" ");
  await Deno.writeTextFile(join(bin, "tfsync"), `#!/bin/sh\nexec ${argv} "$@"\n`, { mode: 0o755 });
  return bin;
}

async function shell(cmd: string, args: string[], cwd: string, bin: string) {
  const out = await new Deno.Command(cmd, {
    args,
    cwd,
    env: { PATH: `${bin}:${Deno.env.get("PATH")}` },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

const BASH = which("bash");
Deno.test({
  name: `bash loads the completion script and completes through it${
    BASH ? "" : " (skipped: no bash)"
  }`,
  ignore: !BASH,
  fn: async () => {
    const dir = await tempCopy(EXAMPLE);
    const bin = await tfsyncOnPath();
    try {
      const probe = (words: string) =>
        `COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _tfsync; ` +
        `printf '%s\\n' "\${COMPREPLY[@]}"; echo ---`;
      const script = [
        'eval "$(tfsync completion bash)"',
        probe("tfsync prom"),
        probe("tfsync diff --fr"),
        probe("tfsync promote --to pr"),
        probe("tfsync sync --group d"),
        probe("tfsync matrix --format h"),
      ].join("\n");
      const r = await shell("bash", ["-c", script], dir, bin);
      assert.equal(r.stderr, "");
      assert.equal(r.stdout, "promote\n---\n--from\n---\nprod\n---\ndask\n---\nhtml\n---\n");
      assert.equal(r.code, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(bin, { recursive: true });
    }
  },
});

const ZSH = which("zsh");
Deno.test({
  name: `zsh loads the completion script${ZSH ? "" : " (skipped: zsh is not installed)"}`,
  ignore: !ZSH,
  fn: async () => {
    const bin = await tfsyncOnPath();
    try {
      const script = 'autoload -Uz compinit && compinit -u; eval "$(tfsync completion zsh)"; ' +
        "whence -w _tfsync; print -r -- $_comps[tfsync]";
      const r = await shell("zsh", ["-f", "-c", script], Deno.cwd(), bin);
      assert.equal(r.stdout, "_tfsync: function\n_tfsync\n", r.stderr);
    } finally {
      await Deno.remove(bin, { recursive: true });
    }
  },
});

const FISH = which("fish");
Deno.test({
  name: `fish loads the completion script and completes through it${
    FISH ? "" : " (skipped: fish is not installed)"
  }`,
  ignore: !FISH,
  fn: async () => {
    const dir = await tempCopy(EXAMPLE);
    const bin = await tfsyncOnPath();
    try {
      const script = "tfsync completion fish | source; complete -C 'tfsync promote --to pr'";
      const r = await shell("fish", ["-c", script], dir, bin);
      assert.equal(r.stdout, "prod\n", r.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(bin, { recursive: true });
    }
  },
});
