// tfsync explain VAR: where a variable's value comes from, layer by layer, in each environment.
import type { VariableClass } from "../config/config.ts";
import { ConfigError } from "../errors.ts";
import { effectiveValue, type Located, sameLocated, winningLayer } from "../terraform/layers.ts";
import type { Document } from "../hcl/document.ts";
import { isJsonDocument } from "../hcl/json_document.ts";
import { FORMAT_VERSION, isSensitive, jsonValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import { parseType, typeToString } from "../terraform/types.ts";
import { toHcl, type Value } from "../hcl/value.ts";
import { declaredType, shownAs } from "../terraform/types_equal.ts";
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
  /**
   * The shared file (undefined: there is none) and its value of the variable, when it sets one;
   * `written`: its text as written, where it reads otherwise (writtenText).
   */
  shared?: { file: string; line?: number; value?: Value; written?: string };
  environments: Array<{
    name: string;
    value: Located;
    /** The text of an environment's value as written, where it reads otherwise (writtenText). */
    written?: string;
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
  const type = declaredType(s.module, name);
  // Sensitive values are never shown, so neither is their text.
  const written = (doc: Document | undefined, v: Located) =>
    out.sensitive || v.layer === "none" || v.layer === "default"
      ? undefined
      : writtenText(doc!, name, v.value);
  if (s.shared) {
    reference = effectiveValue(name, s.shared, s.module, "shared");
    const text = written(s.shared, reference);
    out.shared = reference.layer === "shared"
      ? {
        file: s.shared.file,
        line: reference.line,
        value: reference.value,
        ...(text && { written: text }),
      }
      : { file: s.shared.file };
  }
  for (const env of s.environments) {
    const value = effectiveValue(name, layerDocs(env), s.module);
    const row: Explanation["environments"][number] = { name: env.name, value };
    const text = written(winningLayer(name, layerDocs(env)), value);
    if (text) row.written = text;
    if (env.layers.length > 1) {
      row.layers = env.layers.flatMap((l) => {
        if (!l.doc) return [];
        const a = l.doc.get(name);
        const at = a && { line: a.line, value: shownAs(a.value, type) };
        return [{ file: l.doc.file, own: l.own, ...at }];
      });
    }
    if (cls === "syncable" && reference) {
      row.differsFromShared = !sameLocated(value, reference, type);
    }
    out.environments.push(row);
  }
  return out;
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
    },
    null,
    2,
  ) + "\n";
}
