// Everything the read-only commands (check, explain, matrix) look at, read in one pass: the
// module's variable blocks, the shared file and the environments' tfvars. Strict by default (the
// first problem is thrown); `tolerant` collects problems instead, so check can report them all.
import type { Config } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import { ConfigError, type Place, TfvarsSyntaxError } from "../errors.ts";
import { emptyModule, type ModuleVars } from "../terraform/module.ts";
import { checkEnvironmentName, listEnvironments, readTfvars, readTfvarsIfExists } from "./repo.ts";
import { environmentLayers, loadConfigModule, ownFile } from "./layout.ts";

/** A file that could not be read or parsed, or a module that could not be loaded. */
export interface LoadProblem extends Partial<Place> {
  kind: "syntax" | "config";
  message: string;
}

export interface EnvironmentFile {
  name: string;
  /** The environment's own file (the last with {env}), where new values go. */
  path: string;
  /** Undefined when the file did not parse (tolerant mode only). */
  doc?: Document;
  /** Every var file in -var-file order, the own file among them (a one-file layout: just it). */
  layers: Array<{ path: string; own: boolean; doc?: Document }>;
}

/** The parsed var files of an environment, in -var-file order (for effectiveValue). */
export function layerDocs(e: EnvironmentFile): Document[] {
  return e.layers.flatMap((l) => l.doc ?? []);
}

export interface Snapshot {
  config: Config;
  module: ModuleVars;
  /** False when module_dir holds no .tf file, or it could not be read (tolerant mode). */
  moduleLoaded: boolean;
  /** True when reading module_dir failed (tolerant mode; the problem is in `problems`). */
  moduleBroken: boolean;
  sharedPath: string;
  /** Undefined when the shared file is missing or did not parse (see sharedBroken). */
  shared?: Document;
  sharedBroken: boolean;
  environments: EnvironmentFile[];
  problems: LoadProblem[];
}

export interface SnapshotOptions {
  /** Only these environments (each must exist); default every one. */
  environments?: readonly string[];
  /**
   * Collect syntax and module problems instead of throwing them, and read with the project's own
   * parser only: hcl2json (which explains a syntax error in hashicorp/hcl's words) is never loaded.
   */
  tolerant?: boolean;
  /** How a path is named in messages (default: relative to the root). */
  display?: (path: string) => string;
}

/**
 * Reads the repository. Unknown environment names are always a ConfigError; an unreadable
 * environments folder is one too, unless `tolerant`.
 */
export async function loadSnapshot(
  config: Config,
  options: SnapshotOptions = {},
): Promise<Snapshot> {
  const display = options.display ?? ((p: string) => config.display(p));
  const problems: LoadProblem[] = [];
  const keep = (e: unknown): undefined => {
    if (!options.tolerant) throw e;
    problems.push(loadProblem(e, display));
    return undefined;
  };
  let names: string[] = [];
  if (options.environments) names = await _checkNames(options.environments, config);
  else {
    try {
      names = await listEnvironments(config);
    } catch (e) {
      keep(e);
    }
  }

  let module = emptyModule(display(config.moduleDir));
  let moduleLoaded = false;
  let moduleBroken = false;
  try {
    module = await loadConfigModule(config, display);
    moduleLoaded = module.files.length > 0;
  } catch (e) {
    moduleBroken = true;
    keep(e);
  }
  let shared: Document | undefined;
  let sharedBroken = false;
  try {
    shared = options.tolerant
      ? (await readTfvarsIfExists(config.sharedFile, display(config.sharedFile), {
        ...NO_HCL,
        root: config.root,
      }))?.doc
      : (await readTfvarsIfExists(config.sharedFile, display(config.sharedFile), {
        root: config.root,
      }))?.doc;
  } catch (e) {
    sharedBroken = true;
    keep(e);
  }
  const environments: EnvironmentFile[] = [];
  const read = async (path: string): Promise<Document | undefined> => {
    try {
      return options.tolerant
        ? (await readTfvarsIfExists(path, display(path), { ...NO_HCL, root: config.root }))?.doc
        : (await readTfvars(path, display(path), config.root)).doc;
    } catch (e) {
      return keep(e);
    }
  };
  // A layer every environment shares is read once.
  const sharedLayers = new Map<string, Promise<Document | undefined>>();
  for (const name of names) {
    const files = await environmentLayers(config, name);
    const path = ownFile(config, files, name);
    const layers = [];
    for (const f of files) {
      if (!f.own && !sharedLayers.has(f.path)) sharedLayers.set(f.path, read(f.path));
      layers.push({
        path: f.path,
        own: f.own,
        doc: await (f.own ? read(f.path) : sharedLayers.get(f.path)),
      });
    }
    if (!files.some((f) => f.path === path)) {
      layers.push({ path, own: true, doc: await read(path) });
    }
    const doc = layers.find((l) => l.path === path)!.doc;
    environments.push({ name, path, doc, layers });
  }
  return {
    config,
    module,
    moduleLoaded,
    moduleBroken,
    sharedPath: config.sharedFile,
    shared,
    sharedBroken,
    environments,
    problems,
  };
}

// check never loads hcl2json (its start-up would dominate the command): tfsync's own messages.
const NO_HCL = { explain: false };

async function _checkNames(names: readonly string[], config: Config): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    await checkEnvironmentName(name, config);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** A thrown load error as a problem (related places named by `show`); anything else is rethrown. */
export function loadProblem(e: unknown, show: (path: string) => string): LoadProblem {
  if (e instanceof TfvarsSyntaxError) {
    return {
      kind: "syntax",
      message: e.detail,
      file: e.file,
      line: e.line,
      column: e.column,
    };
  }
  if (e instanceof ConfigError) {
    const related = e.related.map((r) => `; ${r.what} ${show(r.place.file)}:${r.place.line}`)
      .join("");
    const message = e.message + related;
    return e.place ? { kind: "config", message, file: e.place.file, line: e.place.line } : {
      kind: "config",
      message,
    };
  }
  throw e;
}
