// tfsync check: every finding about a repository in one pass, for a CI gate. Reads with the
// project's own parser only (no hcl2json), so 50 environments × 1,000 variables stay fast.
import { join } from "../_path.ts";
import { BUILT_IN, type Config, loadConfig } from "../config/config.ts";
import type { Document } from "../hcl/document.ts";
import { driftFindings } from "./check_drift.ts";
import { clip, isSensitive } from "./present.ts";
import { ConfigError } from "../errors.ts";
import { statIfExists } from "../_fs.ts";
import { loadProblem, loadSnapshot, type Snapshot } from "../repo/snapshot.ts";
import {
  checkValue,
  parseType,
  type TfType,
  TypeConstraintError,
  typeToString,
} from "../terraform/types.ts";
import type { Value } from "../hcl/value.ts";
import { CHECKS, type Finding } from "./check_types.ts";
import { unknownGroupVariables } from "./check_groups.ts";
import { run, type Text } from "../words.ts";
export { type CheckName, CHECKS, type CheckValue, type Finding } from "./check_types.ts";

export interface CheckOptions {
  /** Only these environments (unknown names throw ConfigError); default every one. */
  environments?: readonly string[];
  /** Unclassified variables are errors, not warnings. */
  strict?: boolean;
  /** How a path is named in messages (default: relative to the root). */
  display?: (path: string) => string;
}

export interface CheckResult {
  environments: string[];
  syncable: number;
  findings: Finding[];
}

/** Runs every check. Throws ConfigError only for an unknown `--env` name. */
export async function checkRepository(
  config: Config,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const s = await loadSnapshot(config, {
    environments: options.environments,
    tolerant: true,
    display: options.display,
  });
  const findings: Finding[] = s.problems.map((p) => ({
    check: p.kind === "syntax" ? "syntax" : p.file && /\.tf$/.test(p.file) ? "module" : "config",
    severity: "error",
    message: p.message,
    ...(p.file !== undefined && { file: p.file }),
    ...(p.line !== undefined && { line: p.line }),
    ...(p.column !== undefined && { column: p.column }),
  }));
  const display = options.display ?? ((p: string) => config.display(p));
  if (!s.moduleLoaded && !s.moduleBroken) {
    findings.push({
      check: "module",
      severity: "warning",
      message: `module_dir "${
        display(config.moduleDir)
      }" holds no .tf file: undeclared variables and value types are not checked`,
      fix: ["set module_dir in ", ...where(config, display), " to the folder of variables.tf"],
    });
  }
  if (!s.shared && !s.sharedBroken) {
    findings.push({
      check: "shared",
      severity: "warning",
      message: `the shared file does not exist: drift is checked between the environments instead`,
      fix: ["run ", run("extract", ["from", "ENV"]), " to create it"],
      file: display(s.sharedPath),
    });
  }
  findings.push(..._sharedClasses(s), ..._declarations(s), ...driftFindings(s));
  findings.push(..._unclassified(s, options.strict === true, where(config, display)));
  // "No variable block declares it" is known only when every block and var file was read.
  const unread = s.moduleBroken || s.problems.some((p) => p.kind === "syntax");
  if (config.source !== BUILT_IN && !unread) {
    findings.push(...unknownGroupVariables(s, display(config.source)));
  }
  return {
    environments: s.environments.map((e) => e.name),
    syncable: config.syncable.length,
    findings: sortFindings(findings),
  };
}

/** How a fix names the configuration file (there may be none yet). */
function where(config: Config, display: (path: string) => string): Exclude<Text, string> {
  return config.source === BUILT_IN
    ? ["tfsync.hcl (", run("init"), " writes one)"]
    : [display(config.source)];
}

/** By check, then file, then line; stable otherwise. */
function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => CHECKS.indexOf(f.check);
  const byText = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) =>
      rank(a.f) - rank(b.f) || byText(a.f.file, b.f.file) ||
      (a.f.line ?? 0) - (b.f.line ?? 0) || a.i - b.i
    )
    .map(({ f }) => f);
}

/** The documents to look into, each with how messages name it. */
function _docs(s: Snapshot): Array<{ label: string; env?: string; doc: Document }> {
  const out: Array<{ label: string; env?: string; doc: Document }> = [];
  if (s.shared) out.push({ label: "shared file", doc: s.shared });
  // Every var file of an environment; a layer all environments share, once.
  const seen = new Set<Document>();
  for (const e of s.environments) {
    for (const l of e.layers) {
      if (!l.doc || seen.has(l.doc)) continue;
      seen.add(l.doc);
      out.push(
        l.own ? { label: e.name, env: e.name, doc: l.doc } : { label: "shared layer", doc: l.doc },
      );
    }
  }
  return out;
}

function _sharedClasses(s: Snapshot): Finding[] {
  return (s.shared?.attributes ?? []).flatMap((a): Finding[] => {
    const cls = s.config.classify(a.name);
    if (cls === "syncable") return [];
    const what = cls === "environment_specific" ? "environment-specific" : "unclassified";
    return [{
      check: "shared",
      severity: "error",
      message: `the shared file sets "${a.name}", which is ${what}: only syncable variables ` +
        `belong there`,
      fix: `remove it from the shared file, or add it to a group to sync it`,
      file: s.shared!.file,
      line: a.line,
      variable: a.name,
    }];
  });
}

/** Undeclared variables, invalid type constraints, values (and defaults) that do not fit. */
function _declarations(s: Snapshot): Finding[] {
  if (!s.moduleLoaded) return [];
  const out: Finding[] = [];
  const types = new Map<string, TfType | undefined>();
  for (const v of s.module.variables.values()) {
    if (v.typeSource === undefined) continue;
    try {
      const type = parseType(v.typeSource);
      types.set(v.name, type);
      if (v.default !== undefined) {
        out.push(..._fit(s, v.name, v.default, type, "default of ", v));
      }
    } catch (e) {
      if (!(e instanceof TypeConstraintError)) throw e;
      out.push({
        check: "module",
        severity: "error",
        message: `variable "${v.name}": ${e.message}`,
        file: v.file,
        line: v.line,
        variable: v.name,
      });
    }
  }
  for (const { label, env, doc } of _docs(s)) {
    for (const a of doc.attributes) {
      const declared = s.module.variables.get(a.name);
      if (!declared) {
        out.push({
          check: "undeclared",
          // terraform itself only warns: "Value for undeclared variable".
          severity: "warning",
          message:
            `${label}: "${a.name}" is declared in no variable block of module_dir "${s.module.dir}" (terraform: "Value for undeclared variable")`,
          fix: "declare it in a variable block, or remove it from the file",
          file: doc.file,
          line: a.line,
          variable: a.name,
          ...(env && { environment: env }),
        });
        continue;
      }
      const type = types.get(a.name);
      // The shared file records only the synced part of a value synced by path: no whole value.
      if (!type || (doc === s.shared && s.config.rules(a.name))) continue;
      const at = { file: doc.file, line: a.line, env };
      out.push(..._fit(s, a.name, a.value, type, `${label}: `, at));
    }
  }
  return out;
}

function _fit(
  s: Snapshot,
  name: string,
  value: Value,
  type: TfType,
  label: string,
  at: { file: string; line: number; env?: string },
): Finding[] {
  const problems = checkValue(value, type, name);
  if (problems.length === 0) return [];
  const declared = s.module.variables.get(name)!;
  const sensitive = isSensitive(s.module, name);
  const typeText = clip(typeToString(type), 40);
  return problems.map((p) => ({
    check: "type",
    severity: "error",
    message: `${label}${p.path}: ${sensitive ? "the value does not fit" : p.message} ` +
      `(type ${typeText} at ${declared.file}:${declared.line})`,
    fix: "change the value to fit the type, or the type to fit the value",
    file: at.file,
    line: at.line,
    variable: name,
    ...(at.env && { environment: at.env }),
  }));
}

function _unclassified(s: Snapshot, strict: boolean, configFile: Text): Finding[] {
  const seen = new Map<string, { envs: string[]; file: string; line: number }>();
  for (const e of s.environments) {
    for (const a of e.doc?.attributes ?? []) {
      if (s.config.classify(a.name) !== "unclassified") continue;
      const prior = seen.get(a.name);
      if (prior) prior.envs.push(e.name);
      else seen.set(a.name, { envs: [e.name], file: e.doc!.file, line: a.line });
    }
  }
  const total = s.environments.length;
  const where = (envs: string[]) =>
    envs.length > 5 && envs.length === total
      ? `all ${total} environments`
      : envs.length > 5
      ? `${envs.slice(0, 4).join(", ")} and ${envs.length - 4} more`
      : envs.join(", ");
  return [...seen].map(([name, { envs, file, line }]) => ({
    check: "unclassified",
    severity: strict ? "error" : "warning",
    message: `"${name}" is in no group and not in environment_specific, so it is never synced ` +
      `(set in ${where(envs)})`,
    fix: ["classify it in ", ...configFile],
    file,
    line,
    variable: name,
  }));
}

/**
 * The configuration to check, or the finding that it is invalid. A root that is not a folder, or
 * a `configPath` that does not exist, is bad usage: a ConfigError.
 */
export async function loadCheckConfig(
  root: string,
  configPath: string | undefined,
  display: (path: string) => string,
): Promise<Config | Finding> {
  const info = await statIfExists(root);
  if (!info?.isDirectory) {
    const why = info ? "not a directory" : "not found";
    throw new ConfigError(`Cannot use root "${display(root)}": ${why}`);
  }
  if (configPath !== undefined && !(await statIfExists(configPath))) {
    throw new ConfigError(`Cannot read config file "${display(configPath)}": not found`);
  }
  try {
    return await loadConfig(root, configPath);
  } catch (e) {
    const p = loadProblem(e, display);
    return {
      check: "config",
      severity: "error",
      message: p.message,
      file: p.file === undefined
        ? display(configPath ?? join(root, "tfsync.hcl"))
        : display(p.file),
      ...(p.line !== undefined && { line: p.line }),
      ...(p.column !== undefined && { column: p.column }),
    };
  }
}
