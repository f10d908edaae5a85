// The infrastructure repository's layout: which environments exist, and reading their tfvars.
import { type Config, hasEnv } from "../config/config.ts";
import {
  environmentLayers,
  findEnvironments,
  invalidEnvironmentReason,
  ownFile,
} from "./layout.ts";
export { invalidEnvironmentReason };
import type { Document } from "../hcl/document.ts";
import { parseExplained } from "../hcl/diagnose.ts";
import { isJsonPath, parseVarFile } from "../hcl/var_file.ts";
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import { readTextIfExists } from "../_fs.ts";

/** A tfvars file read and parsed. */
export interface TfvarsFile {
  /** The path it was read from. */
  path: string;
  text: string;
  /** Parsed with `{ tfvars: true }`; `doc.file` is the name shown in messages. */
  doc: Document;
}

/**
 * The environments (see findEnvironments: by default the folders of envDir that hold the tfvars
 * file, directly or through a symlink), sorted.
 */
export async function listEnvironments(config: Config): Promise<string[]> {
  const found = await findEnvironments(config, (n) => invalidEnvironmentReason(n) === undefined);
  checkPromotionOrder(config, found);
  return found;
}

/** Every name in promotion_order is an environment. Throws ConfigError at its tfsync.hcl line. */
function checkPromotionOrder(config: Config, known: readonly string[]): void {
  const { promotionOrder = [], promotionOrderLines = [] } = config.settings;
  const i = promotionOrder.findIndex((n) => !known.includes(n));
  if (i < 0) return;
  const name = promotionOrder[i];
  throw new ConfigError(
    `"promotion_order" names "${name}", which is no environment${didYouMean(name, known)}: ` +
      (known.length ? `the environments are ${known.join(", ")}` : lookedFor(config)),
    { file: config.display(config.source), line: promotionOrderLines[i] },
  );
}

/** What an environment is, for "none found" messages. */
export function lookedFor(config: Config): string {
  if (config.settings.environmentFiles) {
    return `no file matches "${config.patterns.findLast(hasEnv)}"`;
  }
  return `no folder of ${config.display(config.envDir)}/ holds a ${config.settings.tfvarsFile}`;
}

/**
 * Checks that `name` is an existing environment and returns its tfvars path. A malformed name
 * ("../x", "a/b", "-x", "") or an unknown one is a ConfigError; the latter lists those that exist.
 */
export async function checkEnvironmentName(name: string, config: Config): Promise<string> {
  const reason = invalidEnvironmentReason(name);
  if (reason !== undefined) {
    throw new ConfigError(`Invalid environment name ${JSON.stringify(name)}: ${reason}`);
  }
  const known = await listEnvironments(config);
  if (!known.includes(name)) {
    throw new ConfigError(
      known.length === 0
        ? `Unknown environment "${name}": ${lookedFor(config)}`
        : `Unknown environment "${name}"${didYouMean(name, known)}: the environments are ${
          known.join(", ")
        }`,
    );
  }
  return ownFile(config, await environmentLayers(config, name), name);
}

/**
 * Reads and parses a tfvars file. `name` is how messages name it (default: `path`). A missing or
 * unreadable file (or one that is not a regular file, or outside `root`) is a ConfigError; invalid
 * text a TfvarsSyntaxError.
 */
export async function readTfvars(
  path: string,
  name: string = path,
  root?: string,
): Promise<TfvarsFile> {
  const file = await readTfvarsIfExists(path, name, { root });
  if (!file) throw new ConfigError("Cannot read the file: not found", { file: name });
  return file;
}

/**
 * As readTfvars, but a missing file gives undefined (the shared file before the first extract).
 * `explain: false` reports a syntax error in tfsync's words, without loading hashicorp/hcl.
 */
export async function readTfvarsIfExists(
  path: string,
  name: string = path,
  { explain = true, root }: { explain?: boolean; root?: string } = {},
): Promise<TfvarsFile | undefined> {
  const text = await readTextIfExists(path, { name, root });
  if (text === undefined) return undefined;
  // JSON is tfsync's own to explain: hashicorp/hcl's JSON reader is not what hcl2json loads.
  const doc = explain && !isJsonPath(path)
    ? await parseExplained(text, name, { tfvars: true })
    : parseVarFile(text, name, path);
  return { path, text, doc };
}
