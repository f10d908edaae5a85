// Differential fuzzing of the reader: generated tfvars files and mutated corpus files (read by
// path from /work/shared/corpus), each read by tfsync and by hcl2json (structure: what it
// accepts, the attributes, the values it evaluates), and every value by terraform console
// (batched, one call for many values). Prints its seed; `--cases N --seed S` replay a run.
//
//   deno task fuzz [--cases 20000] [--seed 1234]
import { parseArgs } from "node:util";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "../lib/hcl/document.ts";
import { TfvarsSyntaxError } from "../lib/hcl/errors.ts";
import { disagreement } from "../lib/hcl/eval_agree.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { HclExpression, type Value } from "../lib/hcl/value.ts";
import { tfvarsFile } from "../tests/_generate.ts";
import { canonical, noTerraform, terraformRead } from "../tests/_terraform.ts";
import { CORPUS } from "../tests/_cli.ts";

export interface FuzzReport {
  cases: number;
  seed: number;
  /** Corpus files the mutated cases were drawn from (none: generated files only). */
  corpusFiles: number;
  values: number;
  /** Each disagreement, with the text that shows it. */
  disagreements: string[];
  /** Why values were not checked against terraform, when they were not. */
  skipped?: string;
}

/** Corpus tfvars files, by path, sorted. */
async function corpusFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else if (e.name.endsWith(".tfvars")) out.push(p);
    }
  };
  try {
    await walk(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

// Mutations of a corpus file: expressions terraform evaluates put where values were, a typo,
// CRLF line endings, long numbers; each keeps the file valid HCL.
const MUTATIONS: Array<(text: string, r: number) => string> = [
  (t, r) => nth(t, /(?<== )(\d+)(?=\s*(#|\/\/|$))/gm, r, (n) => `${n} * 1`),
  (t, r) => nth(t, /(?<== )(\d+)(?=\s*(#|\/\/|$))/gm, r, (n) => `-(${n}) + 2 * ${n}`),
  (t, r) => nth(t, /(?<== )(\d+)(?=\s*(#|\/\/|$))/gm, r, (n) => `(${n} / 3)`),
  (t, r) =>
    nth(
      t,
      /(?<== )(true|false)(?=\s*(#|\/\/|$))/gm,
      r,
      (b) => `!${b === "true" ? "false" : "true"}`,
    ),
  (t, r) => nth(t, /(?<== )(true|false)(?=\s*(#|\/\/|$))/gm, r, (b) => `1 < 2 ? ${b} : !${b}`),
  (t, r) =>
    nth(
      t,
      /(?<== )"([^"\\$%]*)"(?=\s*(#|\/\/|$))/gm,
      r,
      (s) => `"${s.slice(0, 1)}${"${1 + 1}"}${s.slice(1)}"`,
    ),
  (t, r) =>
    nth(t, /(?<== )"([^"\\$%]*)"(?=\s*(#|\/\/|$))/gm, r, (s) => `"%{ if true }${s}%{ endif }"`),
  (t, r) =>
    nth(t, /(?<== )(\d+)(?=\s*(#|\/\/|$))/gm, r, (n) => `${n}${"7".repeat(40 + (r % 120))}`),
  (t) => t.replace(/\r?\n/g, "\r\n"),
  (t, r) => nth(t, /(?<== )(\[[^\n\]]*\])(?=\s*(#|\/\/|$))/gm, r, (l) => `[for x in ${l} : x]`),
];

/** Replaces the `r`-th match (modulo their count) of `re`'s first group. */
function nth(text: string, re: RegExp, r: number, f: (s: string) => string): string {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return text;
  const m = matches[r % matches.length];
  return text.slice(0, m.index) + m[0].replace(m[1], f(m[1])) + text.slice(m.index + m[0].length);
}

/** The case texts: generated files and mutated corpus files, half and half. */
async function cases(
  count: number,
  seed: number,
  files: string[],
): Promise<Array<{ name: string; text: string }>> {
  const generated = fc.sample(tfvarsFile(), {
    seed,
    numRuns: files.length ? Math.ceil(count / 2) : count,
  });
  const out = generated.map((g, i) => ({ name: `generated #${i}`, text: g.text }));
  if (files.length === 0) return out;
  const picks = fc.sample(
    fc.tuple(
      fc.nat(files.length - 1),
      fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.nat()), { minLength: 1, maxLength: 4 }),
    ),
    { seed: seed + 1, numRuns: count - out.length },
  );
  const texts = new Map<string, string>();
  for (const [f, mutations] of picks) {
    const path = files[f];
    let text = texts.get(path) ?? await Deno.readTextFile(path);
    texts.set(path, text);
    for (const [m, r] of mutations) text = MUTATIONS[m](text, r);
    out.push({
      name: `${path} (mutations ${mutations.map(([m, r]) => `${m}:${r}`).join(",")})`,
      text,
    });
  }
  return out;
}

export async function fuzz(
  count: number,
  seed: number,
  { corpus = CORPUS, log = (_: string) => {} } = {},
): Promise<FuzzReport> {
  const files = await corpusFiles(corpus);
  const report: FuzzReport = {
    cases: 0,
    seed,
    corpusFiles: files.length,
    values: 0,
    disagreements: [],
  };
  const values = new Map<string, { ours: Value; where: string }>();
  for (const { name, text } of await cases(count, seed, files)) {
    report.cases++;
    let theirs: Record<string, unknown> | undefined;
    let hclError = "";
    try {
      theirs = await readWithHcl(text, "fuzz.tfvars");
    } catch (e) {
      if (!(e instanceof TfvarsSyntaxError)) throw e;
      hclError = e.detail;
    }
    let doc;
    try {
      doc = parse(text, "fuzz.tfvars");
    } catch (e) {
      if (!(e instanceof TfvarsSyntaxError)) throw e;
      if (theirs) report.disagreements.push(`${name}: tfsync rejects (${e.message}), hcl accepts`);
      continue;
    }
    if (!theirs) {
      report.disagreements.push(`${name}: hcl rejects (${hclError}), tfsync accepts`);
      continue;
    }
    const names = doc.attributes.map((a) => a.name).sort();
    if (names.join() !== Object.keys(theirs).filter((k) => !isBlock(doc, k)).sort().join()) {
      report.disagreements.push(`${name}: attributes ${names} vs hcl's ${Object.keys(theirs)}`);
    }
    for (const a of doc.attributes) {
      const d = disagreement(a.value, theirs[a.name]);
      if (d) report.disagreements.push(`${name}: ${a.name}: ${d}`);
      const source = doc.text.slice(a.valueStart, a.valueEnd);
      if (!values.has(source)) values.set(source, { ours: a.value, where: `${name}: ${a.name}` });
    }
    if (report.cases % 1000 === 0) log(`${report.cases} cases, ${values.size} distinct values`);
  }
  report.values = values.size;
  if (noTerraform) {
    report.skipped = noTerraform;
    return report;
  }
  const sources = [...values.keys()];
  for (let i = 0; i < sources.length; i += 400) {
    const batch = sources.slice(i, i + 400);
    const readings = await terraformRead(batch);
    batch.forEach((source, j) => {
      const { ours, where } = values.get(source)!;
      const r = readings[j];
      const mine = ours instanceof HclExpression
        ? `error ${ours.problem?.summary ?? "(not evaluated)"}`
        : canonical(ours);
      const tf = "value" in r ? canonical(r.value) : `error ${r.error}`;
      if (mine !== tf) {
        report.disagreements.push(
          `${where}: ${JSON.stringify(source)}: tfsync ${mine}, terraform ${tf}`,
        );
      }
    });
    log(`${Math.min(i + 400, sources.length)} of ${sources.length} values read by terraform`);
  }
  return report;
}

function isBlock(doc: ReturnType<typeof parse>, name: string): boolean {
  return doc.blocks.some((b) => b.type === name);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      cases: { type: "string", default: "20000" },
      seed: { type: "string" },
      corpus: { type: "string", default: CORPUS },
    },
  });
  const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
  const count = Number(values.cases);
  console.log(
    `tfsync fuzz: ${count} cases, seed ${seed} (replay: deno task fuzz --cases ${count} --seed ${seed})`,
  );
  const r = await fuzz(count, seed, { corpus: values.corpus, log: (l) => console.log(`  ${l}`) });
  for (const d of r.disagreements) console.log(`DISAGREEMENT ${d}`);
  console.log(
    `${r.cases} cases (${r.corpusFiles} corpus files), ${r.values} distinct values, ${r.disagreements.length} disagreements` +
      (r.skipped ? ` (values not checked: ${r.skipped})` : ""),
  );
  Deno.exitCode = r.disagreements.length ? 1 : 0;
}
