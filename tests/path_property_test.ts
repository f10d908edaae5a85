// Property test of edits by path (issue 11): random nested objects (multi-line and one-line,
// "=" and ":", trailing commas, comments, heredoc values; LF or CRLF files) and random batches of
// path edits (set, to a scalar or a heredoc; insert; remove) change exactly the intended paths as
// hashicorp/hcl (hcl2json) reads the result, leave every line no edit touched as it was but for
// its alignment spaces, and keep fmt-clean files fmt-clean.
import assert from "node:assert/strict";
import fc from "fast-check";
import { type Document, parse } from "../lib/hcl/document.ts";
import { applyEdits, type Edit } from "../lib/hcl/edit.ts";
import { readWithHcl } from "../lib/hcl/hcl2json.ts";
import { type Entry, nodeAtKeys, type ValueNode, valueNode } from "../lib/hcl/path_tree.ts";
import { terraformFmt } from "./_generate.ts";

const SEED = Number(Deno.env.get("TFSYNC_SEED") ?? 20_261_202);
const RUNS = Number(Deno.env.get("TFSYNC_RUNS") ?? 80);

const key = fc.constantFrom("a", "b", "name", "ami_version", "long_key_name", "x-y", "Data Class");
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 500 }).map(String),
  fc.constantFrom("true", "false", "null", '"v1"', '"hello world"', '"1.31.2-20250101"'),
);

/** A heredoc value at an indentation: `<<EOT` (its lines as written) or `<<-EOT` (indented). */
function heredoc(indent: string): fc.Arbitrary<string> {
  const lines = fc.array(fc.constantFrom("hello", "a = b", "  two spaces", "# no comment", ""), {
    minLength: 1,
    maxLength: 3,
  });
  return fc.tuple(fc.constantFrom("EOT", "END"), fc.boolean(), lines).map(([marker, dash, ls]) =>
    dash
      ? `<<-${marker}\n${
        ls.map((l) => `${indent}    ${l}`.trimEnd() + "\n").join("")
      }${indent}  ${marker}`
      : `<<${marker}\n${ls.map((l) => l + "\n").join("")}${marker}`
  );
}

const isHeredoc = (v: string) => v.startsWith("<<");

/**
 * An object's text at an indentation: multi-line (with comments, "=" or ":", heredoc values, which
 * take no comma or comment after them) or one line.
 */
function object(depth: number, indent: string): fc.Arbitrary<string> {
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: heredoc(indent) },
    ...(depth <= 1 ? [] : [{
      weight: 2,
      arbitrary: fc.constant(null).chain(() => object(depth - 1, indent + "  ")),
    }]),
  );
  const entries = fc.uniqueArray(fc.tuple(key, value), {
    minLength: 1,
    maxLength: 4,
    selector: ([k]) => k,
  });
  const name = (k: string) => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k);
  const oneLine = entries.filter((es) => es.every(([, v]) => !v.includes("\n"))).map((es) =>
    `{ ${es.map(([k, v]) => `${name(k)} = ${v}`).join(", ")} }`
  );
  const multi = fc.tuple(entries, fc.constantFrom("=", ":"), fc.boolean(), fc.boolean()).map(
    ([es, sep, comma, comments]) => {
      const lines = es.map(([k, v], i) =>
        (comments && i === 1 ? `${indent}  # about ${k}\n` : "") +
        `${indent}  ${name(k)} ${sep} ${v}${comma && !isHeredoc(v) ? "," : ""}${
          comments && i === 0 && !isHeredoc(v) ? " # first" : ""
        }\n`
      );
      return `{\n${lines.join("")}${indent}}`;
    },
  );
  return fc.oneof({ weight: 3, arbitrary: multi }, { weight: 1, arbitrary: oneLine });
}

const file = fc.tuple(object(3, ""), object(2, ""), fc.boolean()).map(([a, b, crlf]) =>
  `# settings\nfirst = ${a}\n\nsecond = ${b}\nlast = 1\n`.replaceAll("\n", crlf ? "\r\n" : "\n")
);

/** Every object below a value and its path of keys. */
function objects(node: ValueNode, keys: string[] = []): Array<{ node: ValueNode; keys: string[] }> {
  if (node.kind !== "object") return [];
  return [{ node, keys }, ...node.entries.flatMap((e) => objects(e.value, [...keys, e.key]))];
}

/** A batch of path edits: at most one per object (a set, an insert or a remove). */
function edits(text: string): fc.Arbitrary<Edit[]> {
  const doc = parse(text, "gen.tfvars", { tfvars: true });
  const targets = ["first", "second"].flatMap((name) =>
    objects(valueNode(doc, doc.get(name)!.valueStart)).map((o) => ({ name, ...o }))
  );
  const one = (t: typeof targets[number]): fc.Arbitrary<Edit | undefined> => {
    // Into a one-line object a heredoc goes as the same string, quoted.
    const value = fc.oneof({ weight: 3, arbitrary: scalar }, heredoc(""));
    const present = t.node.entries.map((e) => e.key);
    const heredocFree = t.node.entries.filter((e) => e.value.kind !== "object").map((e) => e.key);
    const choices: fc.Arbitrary<Edit | undefined>[] = [fc.constant(undefined)];
    if (heredocFree.length) {
      choices.push(
        fc.tuple(fc.constantFrom(...heredocFree), value).map(([k, value]) => ({
          kind: "path" as const,
          name: t.name,
          keys: [...t.keys, k],
          value,
        })),
      );
    }
    if (present.length > 1) {
      choices.push(
        fc.constantFrom(...present).map((k) => ({
          kind: "path" as const,
          name: t.name,
          keys: [...t.keys, k],
        })),
      );
    }
    choices.push(
      fc.tuple(key.filter((k) => !present.includes(k)), value).map(([k, value]) => ({
        kind: "path" as const,
        name: t.name,
        keys: [...t.keys, k],
        value,
      })),
    );
    return fc.oneof(...choices);
  };
  return fc.tuple(...targets.map(one)).map((es) =>
    es.filter((e): e is Edit => e !== undefined).filter((e, _, all) =>
      // no edit inside a key another edit removes
      !all.some((o) =>
        o !== e && o.kind === "path" && e.kind === "path" && o.value === undefined &&
        o.name === e.name && o.keys.length < e.keys.length &&
        o.keys.every((k, i) => e.keys[i] === k)
      )
    )
  );
}

/** What hashicorp/hcl reads after the batch: the values before, the edited paths as it reads them. */
async function expected(
  before: Record<string, unknown>,
  batch: Edit[],
): Promise<Record<string, unknown>> {
  const want = structuredClone(before);
  for (const e of batch) {
    if (e.kind !== "path") continue;
    let at = want[e.name] as Record<string, unknown>;
    for (const k of e.keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    const last = e.keys[e.keys.length - 1];
    if (e.value === undefined) delete at[last];
    else at[last] = (await readWithHcl(`x = ${e.value}\n`, "value.tfvars")).x;
  }
  return want;
}

/** The entry a path edit names in a document, if it is there. */
function entryAt(doc: Document, e: Edit): Entry | undefined {
  if (e.kind !== "path") return undefined;
  const at = nodeAtKeys(valueNode(doc, doc.get(e.name)!.valueStart), e.keys);
  return "entry" in at ? at.entry : undefined;
}

/**
 * The text without what the batch edits, on one side of it: before, the entries it removes (their
 * lines go with them) and the values it replaces; after, the entries it inserts (the keys that
 * were not in `before`) and the values it wrote. What is left must be the same on both sides, but
 * for spaces.
 */
function withoutEdited(text: string, batch: Edit[], before: Document): string {
  const doc = parse(text, "gen.tfvars", { tfvars: true });
  const after = doc.text !== before.text;
  const spans = batch.flatMap((e) => {
    const entry = entryAt(doc, e);
    if (e.kind !== "path" || !entry) return []; // inserted (before) or removed (after)
    if (after ? !entryAt(before, e) : e.value === undefined) {
      return [{ start: entry.leadingStart, end: entry.end }];
    }
    // A heredoc's closing marker ends its line: the comment after the value moves above it.
    const moved = !after && isHeredoc(e.value ?? "") ? entry.comment : null;
    return moved ? [entry.value, moved] : [entry.value];
  }).sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + out.slice(s.end);
  return out;
}

/**
 * The lines of a text without their spaces, blank lines aside, and without the commas a cut entry
 * leaves (`{a=1,}`, `{,b=2}`, at a line's end) or its insertion adds. (Values are compared as
 * hashicorp/hcl reads them above: spaces inside strings are its part.)
 */
function lines(text: string): string[] {
  return text.split("\n").map((l) =>
    l.replace(/\s+/g, "").replace(/,,+/g, ",").replace(/\{,/g, "{").replace(/,\}/g, "}")
      .replace(/,$/, "")
  ).filter((l) => l !== "");
}

Deno.test("path edits change exactly the intended paths, as hashicorp/hcl reads them", async () => {
  await fc.assert(
    fc.asyncProperty(
      file.chain((t) => fc.tuple(fc.constant(t), edits(t))),
      async ([text, batch]) => {
        const doc = parse(text, "gen.tfvars", { tfvars: true });
        const output = applyEdits(doc, batch);
        const context = `input ${JSON.stringify(text)}\nedits ${JSON.stringify(batch)}\noutput ${
          JSON.stringify(output)
        }`;
        const want = await expected(await readWithHcl(text, "gen.tfvars"), batch);
        assert.deepStrictEqual(await readWithHcl(output, "gen.tfvars"), want, context);
        // Every other byte is as it was, but for spaces (alignment), blank lines and commas.
        // A removed key's comment lines go with it, or stay to head the key right after it; the
        // comment after a value set to a heredoc moves to its own line.
        const optional = new Set(batch.flatMap((e) => {
          const entry = entryAt(doc, e);
          if (e.kind !== "path" || !entry) return [];
          if (e.value === undefined) return lines(text.slice(entry.leadingStart, entry.lineStart));
          const c = entry.comment;
          return c && isHeredoc(e.value) ? lines(text.slice(c.start, c.end)) : [];
        }));
        const kept = (t: string) => lines(t).filter((l) => !optional.has(l));
        assert.deepStrictEqual(
          kept(withoutEdited(output, batch, doc)),
          kept(withoutEdited(text, batch, doc)),
          context,
        );
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

const fmtAvailable = await terraformFmt([]) !== undefined;
Deno.test({
  name: fmtAvailable
    ? "path edits keep fmt-clean files fmt-clean (terraform fmt)"
    : "path edits keep fmt-clean files fmt-clean (ignored: terraform is not on PATH)",
  ignore: !fmtAvailable,
  fn: async () => {
    const inputs = fc.sample(file, { seed: SEED + 1, numRuns: RUNS });
    const clean = (await terraformFmt(inputs))!;
    const cases = clean.map((text, i) => ({
      text,
      batch: fc.sample(edits(text), { seed: SEED + i, numRuns: 1 })[0],
    })).filter((c) => c.batch.length > 0);
    const outputs = cases.map((c) => applyEdits(parse(c.text, "gen.tfvars"), c.batch));
    const formatted = (await terraformFmt(outputs))!;
    const dirty = outputs.flatMap((o, i) => o === formatted[i] ? [] : [i]);
    assert.equal(
      dirty.length,
      0,
      `${dirty.length} of ${outputs.length} outputs are not fmt-clean; the first:\n` +
        JSON.stringify({ ...cases[dirty[0]], output: outputs[dirty[0]], fmt: formatted[dirty[0]] }),
    );
    assert.ok(cases.length > RUNS / 2, `only ${cases.length} cases`);
  },
});
