// tfsync explain VAR: where a variable's value comes from, layer by layer, in each environment.
import type { VariableClass } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { effectiveValue, type Located, sameLocated } from "../terraform/layers.ts";
import { FORMAT_VERSION, isSensitive, jsonValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import { parseType, typeToString } from "../terraform/types.ts";
import type { Value } from "../hcl/value.ts";
import { declaredType } from "../terraform/types_equal.ts";
import { didYouMean } from "../suggest.ts";

export interface Explanation {
  variable: string;
  class: VariableClass;
  group?: { name: string; description: string };
  sensitive: boolean;
  declaration?: {
    file: string;
    line: number;
    type?: string;
    default?: Value;
    description?: string;
  };
  /** The shared file (undefined: there is none) and its value of the variable, when it sets one. */
  shared?: { file: string; line?: number; value?: Value };
  environments: Array<{
    name: string;
    value: Located;
    differsFromShared?: boolean;
    /** Every var file of an environment that has several, in -var-file order. */
    layers?: Layer[];
  }>;
}

/** One var file of an environment and its value of the variable (absent: not set there). */
export interface Layer {
  file: string;
  /** False for a layer every environment shares. */
  own: boolean;
  line?: number;
  value?: Value;
}

/** Explains one variable. A name known nowhere (module, config, files) is a ConfigError. */
export function explain(s: Snapshot, name: string): Explanation {
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
  const group = s.config.groupOf(name);
  const out: Explanation = {
    variable: name,
    class: cls,
    sensitive: isSensitive(s.module, name),
    environments: [],
  };
  if (group) out.group = { name: group.name, description: group.description };
  if (declared) {
    out.declaration = { file: declared.file, line: declared.line };
    if (declared.typeSource !== undefined) out.declaration.type = _typeText(declared.typeSource);
    if (declared.default !== undefined) out.declaration.default = declared.default;
    if (declared.description !== undefined) out.declaration.description = declared.description;
  }
  // The shared layer: the shared file's value, else the default it leaves in place.
  let reference: Located | undefined;
  if (s.shared) {
    const attr = s.shared.get(name);
    out.shared = attr
      ? { file: s.shared.file, line: attr.line, value: attr.value }
      : { file: s.shared.file };
    reference = effectiveValue(name, s.shared, s.module, "shared");
  }
  for (const env of s.environments) {
    const value = effectiveValue(name, layerDocs(env), s.module);
    const row: Explanation["environments"][number] = { name: env.name, value };
    if (env.layers.length > 1) {
      row.layers = env.layers.flatMap((l) => {
        if (!l.doc) return [];
        const a = l.doc.get(name);
        return [{ file: l.doc.file, own: l.own, ...(a && { line: a.line, value: a.value }) }];
      });
    }
    if (cls === "syncable" && reference) {
      row.differsFromShared = !sameLocated(value, reference, declaredType(s.module, name));
    }
    out.environments.push(row);
  }
  return out;
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
        }
        : null,
      environments: x.environments.map((e) => ({
        name: e.name,
        ...place(e.value),
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
    },
    null,
    2,
  ) + "\n";
}
