import fc from "fast-check";
import { tfvarsFile } from "./_generate.ts";
import { parse } from "../lib/document.ts";
import { readWithHcl } from "../lib/hcl2json.ts";
import { toPlain } from "../lib/value.ts";
import { isDeepStrictEqual } from "node:util";
function diff(a: any, b: any, path = ""): void {
  if (isDeepStrictEqual(a, b)) return;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], path + "/" + JSON.stringify(k));
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) console.log(path, "proto differs", Object.getPrototypeOf(a), Object.getPrototypeOf(b));
    return;
  }
  console.log(path, JSON.stringify(a), JSON.stringify(b), typeof a, typeof b, Object.is(a, b));
}
const samples = fc.sample(tfvarsFile(), { seed: 42, numRuns: 300 });
let n = 0;
for (const s of samples) {
  let ref; try { ref = await readWithHcl(s.text, "g"); } catch { continue; }
  const d = parse(s.text, "g", { tfvars: true });
  const ours = Object.fromEntries(d.attributes.map((a) => [a.name, toPlain(a.value)]));
  if (!isDeepStrictEqual(ours, ref) && n++ < 4) diff(ours, ref);
}
