// action.yml and the example workflows, parsed as YAML: their structure, inputs reaching scripts
// only through env (never `${{ }}` inside a script), and each script valid bash.
import assert from "node:assert/strict";
import { join } from "node:path";
import YAML from "yaml";
import { REPO, which } from "./_cli.ts";

// deno-lint-ignore no-explicit-any
type Yaml = any;

async function load(path: string): Promise<Yaml> {
  return YAML.parse(await Deno.readTextFile(join(REPO, path)));
}

const BASH = which("bash");

/** Every step's script is bash that parses, and takes no `${{ }}` expression. */
function checkScripts(steps: Yaml[], where: string): void {
  for (const step of steps) {
    if (typeof step.run !== "string") continue;
    assert.ok(!step.run.includes("${{"), `${where}: "${step.name}" puts an expression in a script`);
    if (!BASH) continue;
    const out = new Deno.Command(BASH, { args: ["-n", "-c", step.run], stderr: "piped" })
      .outputSync();
    assert.ok(out.success, `${where}: "${step.name}": ${new TextDecoder().decode(out.stderr)}`);
  }
}

Deno.test("action.yml: a composite action with inputs version, command, args; the report as output", async () => {
  const action = await load("action.yml");
  assert.equal(action.runs.using, "composite");
  assert.deepEqual(Object.keys(action.inputs), ["version", "command", "args", "repository"]);
  assert.equal(action.inputs.version.required, true);
  assert.equal(action.inputs.command.default, "check");
  assert.equal(action.outputs.report.value, "${{ steps.run.outputs.report }}");
  assert.equal(action.outputs["exit-code"].value, "${{ steps.run.outputs.exit-code }}");
  const [install, run] = action.runs.steps;
  for (const step of action.runs.steps) assert.equal(step.shell, "bash", step.name);
  assert.match(install.run, /releases\/download\/v\$VERSION/);
  assert.match(install.run, /SHA256SUMS/);
  assert.match(install.run, /sha256sum -c/);
  assert.match(install.run, />> "\$GITHUB_PATH"/);
  assert.equal(run.id, "run");
  assert.match(run.run, /tfsync "\$COMMAND" \$ARGS/);
  assert.match(run.run, />> "\$GITHUB_STEP_SUMMARY"/);
  assert.match(run.run, /report<<\$delimiter/);
  checkScripts(action.runs.steps, "action.yml");
});

Deno.test("examples/ci/tfsync-promote.yml: dispatch from/to/group → promote --yes --format markdown → PR", async () => {
  const wf = await load("examples/ci/tfsync-promote.yml");
  assert.deepEqual(Object.keys(wf.on.workflow_dispatch.inputs), ["from", "to", "group"]);
  assert.deepEqual(wf.permissions, { contents: "write", "pull-requests": "write" });
  const steps: Yaml[] = wf.jobs.promote.steps;
  const scripts = steps.map((s) => s.run ?? "").join("\n");
  assert.match(
    scripts,
    /tfsync promote --from "\$FROM" --to "\$TO" --yes --no-backup \\\n\s+--format markdown/,
  );
  assert.match(scripts, /tfsync sync --from "\$FROM" --to "\$TO" --group "\$GROUP" --yes/);
  assert.match(scripts, /git switch -c "\$branch"/);
  assert.match(scripts, /git commit -am/);
  assert.match(scripts, /gh pr create .*--body-file "\$RUNNER_TEMP\/pr-body.md"/s);
  const promote = steps.find((s) => s.name === "Promote");
  assert.deepEqual(promote.env, {
    FROM: "${{ inputs.from }}",
    TO: "${{ inputs.to }}",
    GROUP: "${{ inputs.group }}",
  });
  checkScripts(steps, "tfsync-promote.yml");
});

Deno.test("examples/ci/tfsync-check.yml and the repository's own workflows parse, scripts valid", async () => {
  const check = await load("examples/ci/tfsync-check.yml");
  assert.ok("pull_request" in check.on);
  const steps: Yaml[] = check.jobs["sync-check"].steps;
  assert.ok(steps.some((s) => /make sync-check FORMAT=markdown/.test(s.run ?? "")));
  checkScripts(steps, "tfsync-check.yml");
  for (const name of ["ci.yml", "release.yml"]) {
    const wf = await load(join(".github", "workflows", name));
    for (const [job, def] of Object.entries(wf.jobs as Record<string, Yaml>)) {
      assert.ok(Array.isArray(def.steps), `${name}: ${job} has steps`);
    }
  }
});
