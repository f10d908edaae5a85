// Layer 1: the `variable` blocks of the Terraform or OpenTofu module (every *.tf, *.tofu,
// *.tf.json and *.tofu.json file of module_dir), which give each variable its default and type.
import { join } from "../_path.ts";
import { type Attribute, type Block, parse } from "../hcl/document.ts";
import { ConfigError } from "../errors.ts";
import { fsReason, readTextIfExists, statIfExists } from "../_fs.ts";
import type { ModuleVariable, ModuleVars } from "./module_types.ts";
export type { ModuleVariable, ModuleVars } from "./module_types.ts";

/** An empty module: no file, no variable. */
export function emptyModule(dir = "."): ModuleVars {
  return { dir, files: [], variables: new Map() };
}

/**
 * Reads the `variable` blocks of every module file in `moduleDir` (not its subfolders).
 * `label` names the folder in messages (default: `moduleDir`). A missing folder gives an empty
 * module. A variable declared twice is a ConfigError; `override.tf` and `*_override.tf` files
 * override as Terraform does, by merging their arguments into the declared variable.
 */
export async function loadModule(moduleDir: string, label = moduleDir): Promise<ModuleVars> {
  const names = await _tfFiles(moduleDir);
  const module = emptyModule(label);
  const overrides: ModuleVariable[] = [];
  const isOverride = (n: string) => /(^|_)override$/.test(n.replace(MODULE_FILE, ""));
  // Terraform reads primary files first, then override files, each set in lexical order.
  for (const name of [...names.filter((n) => !isOverride(n)), ...names.filter(isOverride)]) {
    const file = label === "." ? name : join(label, name);
    const text = await readTextIfExists(join(moduleDir, name), { name: file });
    if (text === undefined) throw new ConfigError("Cannot read the file: not found", { file });
    module.files.push(file);
    // A JSON module file's reader is loaded for one only.
    const json = name.endsWith(".json") && await import("./module_json.ts");
    for (const v of json ? json.parseJsonVariables(text, file) : parseVariables(text, file)) {
      if (isOverride(name)) {
        overrides.push(v);
        continue;
      }
      const prior = module.variables.get(v.name);
      if (prior) {
        throw new ConfigError(`Variable "${v.name}" is declared twice`, { file, line: v.line }, [
          { what: "first at", place: { file: prior.file, line: prior.line } },
        ]);
      }
      module.variables.set(v.name, v);
    }
  }
  for (const o of overrides) {
    const base = module.variables.get(o.name);
    if (!base) {
      throw new ConfigError(
        `Variable "${o.name}" is overridden but not declared in a primary file`,
        { file: o.file, line: o.line },
      );
    }
    module.variables.set(o.name, _merge(base, o));
  }
  return module;
}

/** The `variable` blocks of one file's text. Throws TfvarsSyntaxError or ConfigError. */
export function parseVariables(text: string, file: string): ModuleVariable[] {
  const doc = parse(text, file);
  const out: ModuleVariable[] = [];
  for (const block of doc.blocks) {
    if (block.type !== "variable") continue;
    if (block.labels.length !== 1) {
      throw new ConfigError("A variable block needs exactly one name", { file, line: block.line });
    }
    const attr = (n: string) => _attribute(block, n);
    const v: ModuleVariable = {
      name: block.labels[0],
      file,
      line: block.line,
    };
    const def = attr("default");
    if (def) v.default = def.value;
    const type = attr("type");
    if (type) v.typeSource = doc.text.slice(type.valueStart, type.valueEnd);
    const sensitive = attr("sensitive")?.value;
    if (typeof sensitive === "boolean") v.sensitive = sensitive;
    const description = attr("description")?.value;
    if (typeof description === "string") v.description = description;
    out.push(v);
  }
  return out;
}

function _attribute(block: Block, name: string): Attribute | undefined {
  return block.items.find((i): i is Attribute => i.kind === "attribute" && i.name === name);
}

/** An override file's variable block: its arguments replace the declared ones; position stays. */
function _merge(base: ModuleVariable, o: ModuleVariable): ModuleVariable {
  const merged: ModuleVariable = { ...base };
  if ("default" in o) merged.default = o.default;
  if (o.typeSource !== undefined) merged.typeSource = o.typeSource;
  if (o.description !== undefined) merged.description = o.description;
  if (o.sensitive !== undefined) merged.sensitive = o.sensitive;
  return merged;
}

/** The names of the files a module is read from, and their extension. */
const MODULE_FILE = /\.(tf|tofu)(\.json)?$/;

/**
 * The module's files, sorted. Where `x.tofu` and `x.tf` both exist OpenTofu reads `x.tofu` only
 * (and `x.tofu.json` over `x.tf.json`); so does tfsync.
 */
async function _tfFiles(dir: string): Promise<string[]> {
  const names = await _moduleFiles(dir);
  const shadowed = (n: string) =>
    /\.tf(\.json)?$/.test(n) && names.includes(n.replace(/\.tf(?=\.json$|$)/, ".tofu"));
  return names.filter((n) => !shadowed(n));
}

async function _moduleFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!MODULE_FILE.test(entry.name)) continue;
      if (entry.isFile) names.push(entry.name);
      else if (entry.isSymlink && (await statIfExists(join(dir, entry.name)))?.isFile) {
        names.push(entry.name);
      }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return [];
    throw new ConfigError(`Cannot read the module folder: ${fsReason(e)}`, { file: dir });
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
