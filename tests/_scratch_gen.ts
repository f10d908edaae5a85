import fc from "fast-check";
import { tfvarsFile } from "./_generate.ts";
import { parse, print } from "../lib/document.ts";
import { readWithHcl } from "../lib/hcl2json.ts";
import { toPlain } from "../lib/value.ts";
import { isDeepStrictEqual } from "node:util";
const samples = fc.sample(tfvarsFile(), { seed: 42, numRuns: 300 });
let bad = 0, len = 0;
for (const s of samples) {
  len += s.text.length;
  let ref, ours;
  try { ref = await readWithHcl(s.text, "g.tfvars"); } catch (e) { if (bad++ < 5) console.log("HCL REJECT", JSON.stringify(s.text), String(e)); continue; }
  try { const d = parse(s.text, "g.tfvars", { tfvars: true }); if (print(d) !== s.text) console.log("RT"); ours = Object.fromEntries(d.attributes.map((a) => [a.name, toPlain(a.value)])); } catch (e) { if (bad++ < 10) console.log("OURS REJECT", JSON.stringify(s.text), String(e)); continue; }
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(JSON.stringify(ref)))) { if (bad++ < 10) console.log("DIFF", JSON.stringify(s.text), "\n ours", JSON.stringify(ours), "\n ref ", JSON.stringify(ref)); }
}
console.log("bad", bad, "avg len", len / samples.length);
console.log(samples[3].text);
console.log(samples[7].text);
