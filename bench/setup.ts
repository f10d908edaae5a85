// Inputs of `deno task bench` that are not generated repositories: the seed Makefile, taken from
// the design document by path (never copied into the project), and a target of 100,000 attributes.

/** Writes the design document's Makefile (with the colours it uses defined) to `out`. */
export async function seedMakefile(spec: string, out: string): Promise<string> {
  const text = await Deno.readTextFile(spec);
  const block = [...text.matchAll(/```makefile\n([^]*?)```/g)].map((m) => m[1])
    .find((b) => b.includes("\nsync-diff:"));
  if (!block) throw new Error(`${spec}: no makefile block with a sync-diff target`);
  const colours = "SHELL := /bin/bash\nGREEN := \\033[0;32m\nYELLOW := \\033[1;33m\n" +
    "RED := \\033[0;31m\nNC := \\033[0m\n";
  await Deno.writeTextFile(out, colours + block);
  return out;
}

/**
 * A copy of `from` (an example already promoted) where englacial changes one syncable value and
 * prod starts with `n` more attributes: promote edits one variable of a file of n attributes.
 */
export async function addPadding(from: string, to: string, n: number): Promise<void> {
  await Deno.rename(from, to);
  const englacial = `${to}/environments/englacial/terraform.tfvars`;
  const text = await Deno.readTextFile(englacial);
  const changed = text.replace(/^kernel_cull_timeout = 1200/m, "kernel_cull_timeout = 1500");
  if (changed === text) throw new Error(`${englacial}: kernel_cull_timeout = 1200 not found`);
  await Deno.writeTextFile(englacial, changed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `pad_${String(i).padStart(6, "0")}`;
    lines.push(
      [
        `${name} = "value ${i}"`,
        `${name} = ${i}`,
        `${name} = ["a", "b", ${i}]`,
        `${name} = { k = "v${i}", n = ${i} } # a comment`,
      ][i % 4],
    );
  }
  const prod = `${to}/environments/prod/terraform.tfvars`;
  await Deno.writeTextFile(prod, lines.join("\n") + "\n\n" + await Deno.readTextFile(prod));
}
