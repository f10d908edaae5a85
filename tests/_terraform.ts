// terraform as the oracle for values: many expressions, one `terraform console` call.
//
// Each expression becomes `vN = <expression>` in a tfvars file next to `variable "vN" { type =
// any }`; the console prints the jsonencode of every value. Numbers are kept as the text
// terraform prints, so 512-bit results compare exactly.
import { join } from "node:path";
import { HclNumber, type Value } from "../lib/hcl/value.ts";

/** Why terraform cannot be asked, for `ignore:`; undefined when it is on PATH. */
export const noTerraform: string | undefined = await (async () => {
  try {
    const out = await new Deno.Command("terraform", {
      args: ["version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return out.success ? undefined : "terraform version failed";
  } catch {
    return "terraform is not on PATH";
  }
})();

const BATCH = 400;

export type Reading = { value: Value } | { error: string };

/**
 * terraform's reading of each expression: its value, or the summary of the error terraform
 * reports on its line ("Variables not allowed"). `typed` declares types (`vN` → `number`).
 */
export async function terraformRead(
  expressions: readonly string[],
  types: readonly (string | undefined)[] = [],
): Promise<Reading[]> {
  // One console line of thousands of values prints nothing: read them 400 at a time.
  if (expressions.length > BATCH) {
    const out: Reading[] = [];
    for (let i = 0; i < expressions.length; i += BATCH) {
      const end = i + BATCH;
      out.push(...await terraformRead(expressions.slice(i, end), types.slice(i, end)));
    }
    return out;
  }
  const dir = await Deno.makeTempDir({ prefix: "tfsync-oracle-" });
  try {
    const lines: number[] = [];
    let tfvars = "";
    expressions.forEach((e, i) => {
      lines.push(tfvars.split("\n").length);
      tfvars += `v${i} = ${e}\n`;
    });
    const tf = expressions.map((_, i) => `variable "v${i}" { type = ${types[i] ?? "any"} }\n`);
    await Deno.writeTextFile(join(dir, "v.tf"), tf.join(""));
    await Deno.writeTextFile(join(dir, "t.tfvars"), tfvars);
    const all = expressions.map((_, i) => `jsonencode(var.v${i})`).join(", ");
    const out = await terraformConsole(dir, `jsonencode([${all}])`);
    if (out.success) {
      return (JSON.parse(JSON.parse(out.stdout)) as string[]).map((t) => ({ value: fromJson(t) }));
    }
    // Every failing line reports its error; the others are read again without them.
    const errors = new Map<number, string>();
    for (const m of out.stderr.matchAll(/Error: ([^\n]+)\n\n\s+on t\.tfvars line (\d+)/g)) {
      errors.set(Number(m[2]), m[1].trim());
    }
    if (errors.size === 0) throw new Error(`terraform console failed:\n${out.stderr}`);
    const failed = lines.map((line) => errors.get(line));
    const rest = expressions.flatMap((e, i) => failed[i] ? [] : [e]);
    const restTypes = types.filter((_, i) => !failed[i]);
    const readings = rest.length ? await terraformRead(rest, restTypes) : [];
    return failed.map((error) => error ? { error } : readings.shift()!);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** One `terraform console` call in `dir` (its v.tf and var file), `input` on stdin. */
export async function terraformConsole(dir: string, input: string, varFile = "t.tfvars") {
  const child = new Deno.Command("terraform", {
    args: ["console", "-no-color", `-var-file=${varFile}`],
    cwd: dir,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(input + "\n"));
  await w.close();
  const out = await child.output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { success: out.success, stdout: text(out.stdout), stderr: text(out.stderr) };
}

const NUMBER = "\0number";

/** JSON text as a Value, numbers kept as written (JSON.parse's source text access). */
export function fromJson(text: string): Value {
  const marked = JSON.parse(
    text,
    (_k, v, ctx?: { source?: string }) => typeof v === "number" ? { [NUMBER]: ctx!.source! } : v,
  );
  const convert = (v: unknown): Value => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (Array.isArray(v)) return v.map(convert);
    const o = v as Record<string, unknown>;
    if (typeof o[NUMBER] === "string") return new HclNumber(o[NUMBER] as string);
    return new Map(Object.entries(o).map(([k, x]) => [k, convert(x)]));
  };
  return convert(marked);
}

/** A canonical text of a value for exact comparison: keys sorted, numbers as their text. */
export function canonical(v: Value): string {
  if (v instanceof HclNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v.get(k)!)}`).join(",")}}`;
  }
  if (v !== null && typeof v === "object") return `<expression ${v.source}>`;
  return JSON.stringify(v);
}
