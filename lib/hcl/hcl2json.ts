// hashicorp/hcl's reading of a file, through the hcl2json wasm module (Go). Loaded on first use
// only: its start-up costs far more than a whole read-only command. The package's JavaScript
// bridge is not loaded: it costs a third of the start-up (fs-extra, graceful-fs, node:zlib and
// the CommonJS loader) and copies the module twice. The module is read, decompressed and
// compiled here, and run by Go's wasm_exec.js, a plain script the package ships.
import { TfvarsSyntaxError } from "./errors.ts";

type Hcl2Json = (file: string, text: string) => Promise<Record<string, unknown>>;
type Callback = (error: string | null, json: string) => void;
type Exports = Record<string, (...args: [...string[], Callback]) => void>;
let loaded: Promise<Hcl2Json> | undefined;

function load(): Promise<Hcl2Json> {
  return loaded ??= start();
}

/**
 * The global object wasm_exec.js and the Go program see: Deno's own, but for `process`, which
 * Deno builds on first access from its Node compatibility layer (≈ 10 ms, more than the rest of
 * wasm_exec.js): unset here, wasm_exec.js puts its own small stand-in in its place, as it does
 * wherever there is none. What they define (`Go`, the stand-ins, the exports) stays off Deno's
 * global, except `fs`, which wasm_exec.js also names without `globalThis.`.
 */
function goGlobal(exports: Exports): Record<string, unknown> {
  // deno-lint-ignore no-explicit-any
  const real = globalThis as any;
  const scope = Object.create(globalThis);
  Object.defineProperties(scope, {
    process: { value: undefined, writable: true },
    fs: { get: () => real.fs, set: (fs) => real.fs = fs },
    // The Go program looks its exports up under `global` (Node's name for the global object).
    global: { value: scope },
    __parse_terraform_config_wasm__: { value: exports },
  });
  return scope;
}

async function start(): Promise<Hcl2Json> {
  // Beside the package's entry point (build/index.js), as its bridge finds them.
  const file = (path: string) => new URL(`../${path}`, import.meta.resolve("@cdktn/hcl2json"));
  // The Go program registers its functions here and waits for calls.
  const exports: Exports = {};
  const scope = goGlobal(exports);
  new Function("globalThis", await Deno.readTextFile(file("wasm/wasm_exec.js")))(scope);
  const gzip = new Blob([await Deno.readFile(file("main.wasm.gz"))]).stream();
  const wasm = await new Response(gzip.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  // deno-lint-ignore no-explicit-any
  const go = new (scope.Go as any)();
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  void go.run(instance);
  return (name, text) =>
    new Promise((resolve, reject) =>
      exports.parse(name, text, (error, json) => {
        // As the package's bridge does: its errors read "Error: parse config: […]".
        if (error) reject(new Error(error));
        else resolve(JSON.parse(json));
      })
    );
}

/** The file's top-level values as hcl2json reads them (numbers as doubles). Throws TfvarsSyntaxError. */
export async function readWithHcl(text: string, file: string): Promise<Record<string, unknown>> {
  const parse = await load();
  try {
    return await parse(file, text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw toSyntaxError(String(e), text, file);
  }
}

/** hcl's diagnostic for text that our parser rejected, or undefined when hcl accepts it. */
export async function hclDiagnostic(
  text: string,
  file: string,
): Promise<TfvarsSyntaxError | undefined> {
  try {
    await readWithHcl(text, file);
    return undefined;
  } catch (e) {
    if (e instanceof TfvarsSyntaxError) return e;
    throw e;
  }
}

// hcl2json reports "parse config: [file:L,C-…: Summary; Detail.]".
function toSyntaxError(message: string, text: string, file: string): TfvarsSyntaxError {
  // Several diagnostics are joined by spaces; the first is the cause.
  const first = message.split(new RegExp(`(?<=\\.)[ ,]+(?=${escapeRegExp(file)}:\\d+,\\d+)`))
    .find((part) => /:\d+,\d+-/.test(part)) ?? message;
  const m = /:(\d+),(\d+)-[^:]*: ([^;\]]+)(?:; ([^\]]*))?/.exec(first);
  const line = m ? Number(m[1]) : 1;
  const column = m ? Number(m[2]) : 1;
  const detail = m ? `${m[3]}${m[4] ? ": " + m[4].replace(/\.$/, "") : ""}` : message;
  const sourceLine = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  return new TfvarsSyntaxError(file, line, column, detail, sourceLine);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
