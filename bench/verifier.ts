// What every write pays for hashicorp/hcl to read it, and nothing else: the hcl2json wasm module
// loaded through tfsync's loader (read, decompressed, compiled, Go started) reading one line.
// A row of `deno task bench` (run.ts), as the lower bound of the writing rows.
import { readWithHcl } from "../lib/hcl/hcl2json.ts";

await readWithHcl("a = 1\n", "a.tfvars");
