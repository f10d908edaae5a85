// tfsync explain VAR: where a variable's value comes from, layer by layer, in each environment.
import type { VariableClass } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { effectiveValue, type Located, winningLayer } from "../terraform/layers.ts";
import type { Document } from "../hcl/document.ts";
import { isJsonDocument } from "../hcl/json_document.ts";
import { anySyncs, hasDescendants, parsePath, pathJson, rulesAt } from "../hcl/path.ts";
import { valueAtKeys } from "../hcl/path_merge.ts";
import { classifiedKeys, syncedPart } from "../hcl/path_select.ts";
import { lineOf } from "../hcl/path_tree.ts";
import { effectiveAt, sameAt } from "./path_values.ts";
import { FORMAT_VERSION, isSensitive, jsonValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import { parseType, typeToString } from "../terraform/types.ts";
import { toHcl, type Value } from "../hcl/value.ts";
import { declaredType, shownAs } from "../terraform/types_equal.ts";
import { didYouMean } from "../suggest.ts";
import type { LinePlace, Place } from "../hcl/errors.ts";

export interface Explanation {
  variable: string;
  /** The keys of the path explained inside the variable's value (absent: the whole variable). */
  keys?: string[];
  class: VariableClass;
  group?: { name: string; description: string };
  sensitive: boolean;
  declaration?: LinePlace & {
    type?: string;
    default?: Value;
    description?: string;
  };
  /**
   * The shared file (undefined: there is none) and its value of the variable, when it sets one;
   * `written`: its text as written, where it reads otherwise (writtenText).
   */
  shared?: Place & { value?: Value; written?: string };
  environments: Array<{
    name: string;
    value: Located;
    /** The text of an environment's value as written, where it reads otherwise (writtenText). */
    written?: string;
    differsFromShared?: boolean;
    /** Every var file of an environment that has several, in -var-file order. */
    layers?: Layer[];
  }>;
  /** A value whose keys tfsync.hcl classifies apart: each path inside it and its class. */
  paths?: Array<{ keys: string[]; class: VariableClass; group?: Explanation["group"] }>;
}

/** One var file of an environment and its value of the variable (absent: not set there). */
export interface Layer extends Place {
  /** False for a layer every environment shares. */
  own: boolean;
  value?: Value;
}

/**
 * Explains one variable, or a path inside its value (`forms_admin_settings.enable_opentelemetry`).
 * A name known nowhere (module, config, files), or a path that does not parse, is a ConfigError.
 */
export function explain(s: Snapshot, target: string): Explanation {
  const { name, keys } = _path(target);
  const declared = s.module.variables.get(name);
  const cls = s.config.classify(name);
  const setSomewhere = s.shared?.get(name) ||
    s.environments.some((e) => layerDocs(e).some((d) => d.get(name) !== undefined));
  if (!declared && cls === "unclassified" && !setSomewhere) {
    const near = didYouMean(name, [
      ...s.module.variables.keys(),
      ...s.config.syncable,
      ...s.config.environmentSpecific,
    ]);
    throw new ConfigError(
      `Unknown variable "${name}": declared in no variable block, set in no tfvars file and ` +
        `named in no list of the config${near}`,
    );
  }
  // The rules at the path: the variable's class, or the most specific path of tfsync.hcl's.
  const tree = cls === "syncable" ? s.config.rules(name) : undefined;
  const rules = tree ? rulesAt(tree, keys) : { syncs: cls === "syncable", keys: new Map() };
  const group = (k: string[]) => {
    const g = s.config.groups.find((g) =>
      g.variables.includes(name) && (!tree || rulesAt(s.config.rules(name, [g.name])!, k).syncs)
    );
    return g && { name: g.name, description: g.description };
  };
  const out: Explanation = {
    variable: name,
    ...(keys.length > 0 && { keys }),
    class: tree ? (rules.syncs ? "syncable" : "environment_specific") : cls,
    sensitive: isSensitive(s.module, name),
    environments: [],
  };
  if (rules.syncs && group(keys)) out.group = group(keys);
  if (declared) {
    out.declaration = { file: declared.file, line: declared.line };
    if (declared.typeSource !== undefined) out.declaration.type = _typeText(declared.typeSource);
    if (declared.default !== undefined) out.declaration.default = declared.default;
    if (declared.description !== undefined) out.declaration.description = declared.description;
  }
  const type = declaredType(s.module, name);
  const envs = s.environments.map((e) => ({
    env: e,
    e: effectiveValue(name, layerDocs(e), s.module),
  }));
  const shared = s.shared && effectiveValue(name, s.shared, s.module, "shared");
  if (hasDescendants(rules)) {
    const found = new Map<string, { keys: string[]; syncs: boolean }>();
    for (const e of [...(shared ? [shared] : []), ...envs.map((x) => x.e)]) {
      const v = e.layer === "none" ? undefined : valueAtKeys(e.value, keys);
      for (const c of v === undefined ? [] : classifiedKeys(v, rules)) {
        const k = [...keys, ...c.keys];
        found.set(JSON.stringify(k), { keys: k, syncs: c.syncs });
      }
    }
    out.paths = [...found.values()].map((p) => ({
      keys: p.keys,
      class: p.syncs ? "syncable" : "environment_specific",
      ...(p.syncs && group(p.keys) && { group: group(p.keys) }),
    }));
  }
  // What a value compares as: its synced part when only some paths below sync.
  const compared = (e: Located) => {
    const c = e.layer === "none" ? undefined : valueAtKeys(e.value, keys);
    return c !== undefined && hasDescendants(rules) ? syncedPart(c, rules) : c;
  };
  // Sensitive values are never shown, so neither is their text; a path's is its variable's.
  const written = (doc: Document | undefined, v: Located) =>
    out.sensitive || keys.length > 0 || v.layer === "none" || v.layer === "default"
      ? undefined
      : writtenText(doc!, name, v.value);
  // The shared layer: the shared file's value, else the default it leaves in place.
  let reference: Value | undefined;
  if (s.shared && shared) {
    const at = effectiveAt(shared, s.shared, name, keys);
    const text = written(s.shared, shared);
    out.shared = at.layer === "shared"
      ? { file: s.shared.file, line: at.line, value: at.value, ...(text && { written: text }) }
      : { file: s.shared.file };
    reference = compared(shared);
  }
  for (const { env, e } of envs) {
    const value = effectiveAt(e, layerDocs(env), name, keys);
    const row: Explanation["environments"][number] = { name: env.name, value };
    const text = written(winningLayer(name, layerDocs(env)), e);
    if (text) row.written = text;
    if (env.layers.length > 1) {
      row.layers = env.layers.flatMap((l) => {
        if (!l.doc) return [];
        const a = l.doc.get(name);
        const v = a && valueAtKeys(shownAs(a.value, type), keys);
        const at = v !== undefined && { line: lineOf(l.doc, name, keys), value: v };
        return [{ file: l.doc.file, own: l.own, ...at }];
      });
    }
    if (s.shared && anySyncs(rules, false)) {
      row.differsFromShared = !sameAt(s.module, name, keys, compared(e), reference);
    }
    out.environments.push(row);
  }
  return out;
}

/** The variable and keys of a path to explain; ConfigError when it is no single path. */
function _path(text: string): { name: string; keys: string[] } {
  let p;
  try {
    p = parsePath(text);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  if (p.steps.includes(null)) {
    throw new ConfigError(`"${text}": explain one path at a time: name a key instead of "*"`);
  }
  return { name: p.name, keys: p.steps as string[] };
}

/**
 * The text of a one-line value as the file writes it, when it reads otherwise than it is shown
 * (`60 * 60 * 24` shown as 86400, `"true"` for a bool shown as true); undefined when the two agree
 * but for spaces, and for values over several lines (objects and lists as laid out).
 */
function writtenText(doc: Document, name: string, shown: Value): string | undefined {
  const a = doc.get(name)!;
  if (a.line !== a.endLine) return undefined;
  const text = doc.text.slice(a.valueStart, a.valueEnd);
  // JSON states its values literally: its text says otherwise only where the type converts them.
  const literal = isJsonDocument(doc) ? toHcl(a.value) : text;
  const squash = (t: string) => t.replace(/\s+/g, "");
  return squash(literal) === squash(toHcl(shown)) ? undefined : text;
}

/** Canonical type text (`object({ a = string, b = optional(number, 1) })`), else the source. */
function _typeText(source: string): string {
  try {
    return typeToString(parseType(source));
  } catch {
    return source.replace(/\s+/g, " ").trim();
  }
}

/** The explanation as JSON; values exact, sensitive ones left out. */
export function explanationJson(x: Explanation): string {
  const value = (v: Value | undefined) =>
    v === undefined ? {} : x.sensitive ? { sensitive: true } : { value: jsonValue(v) };
  const place = (p: Located) => ({
    layer: p.layer,
    ...value(p.value),
    ...(p.file !== undefined && { file: p.file }),
    ...(p.line !== undefined && { line: p.line }),
  });
  const d = x.declaration;
  return JSON.stringify(
    {
      format_version: FORMAT_VERSION,
      variable: x.variable,
      ...(x.keys && { path: pathJson({ name: x.variable, keys: x.keys }) }),
      class: x.class,
      group: x.group?.name ?? null,
      group_description: x.group?.description ?? null,
      sensitive: x.sensitive,
      declaration: d
        ? {
          file: d.file,
          line: d.line,
          type: d.type ?? null,
          required: d.default === undefined,
          ...(d.default !== undefined && !x.sensitive && { default: jsonValue(d.default) }),
          description: d.description ?? null,
        }
        : null,
      shared: x.shared
        ? {
          file: x.shared.file,
          set: x.shared.value !== undefined,
          ...(x.shared.line !== undefined && { line: x.shared.line }),
          ...value(x.shared.value),
          ...(x.shared.written !== undefined && { written: x.shared.written }),
        }
        : null,
      environments: x.environments.map((e) => ({
        name: e.name,
        ...place(e.value),
        ...(e.written !== undefined && { written: e.written }),
        ...(e.differsFromShared !== undefined && { differs_from_shared: e.differsFromShared }),
        ...(e.layers && {
          layers: e.layers.map((l) => ({
            file: l.file,
            shared: !l.own,
            set: l.value !== undefined,
            ...(l.line !== undefined && { line: l.line }),
            ...value(l.value),
          })),
        }),
      })),
      ...(x.paths && {
        paths: x.paths.map((p) => ({
          path: pathJson({ name: x.variable, keys: p.keys }),
          class: p.class,
          group: p.group?.name ?? null,
        })),
      }),
    },
    null,
    2,
  ) + "\n";
}
