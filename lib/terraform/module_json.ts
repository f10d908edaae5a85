// The `variable` blocks of a module's JSON files (*.tf.json, *.tofu.json), in Terraform's JSON
// syntax: `{"variable": {"name": {"default": …, "type": "string"}}}`.
import { ConfigError } from "../errors.ts";
import { HclNumber, type Value } from "../hcl/value.ts";
import type { ModuleVariable } from "./module_types.ts";

/** The variables of one JSON module file. Throws ConfigError for invalid JSON or shapes. */
export function parseJsonVariables(text: string, file: string): ModuleVariable[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Invalid JSON: ${(e as Error).message}`, { file });
  }
  if (!isObject(doc)) throw new ConfigError("A module JSON file must hold an object", { file });
  const out: ModuleVariable[] = [];
  // "variable" may be an object of blocks, or a list of such objects.
  const variable = doc.variable;
  const sets = Array.isArray(variable) ? variable : variable === undefined ? [] : [variable];
  for (const set of sets) {
    if (!isObject(set)) {
      throw new ConfigError('"variable" must be an object', {
        file,
        line: lineOf(text, "variable"),
      });
    }
    for (const [name, raw] of Object.entries(set)) {
      const body = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (!isObject(body)) {
        throw new ConfigError(`Variable "${name}" must be an object`, {
          file,
          line: lineOf(text, name),
        });
      }
      const v: ModuleVariable = { name, file, line: lineOf(text, name) };
      if ("default" in body) v.default = fromJson(body.default);
      // In JSON syntax a type is a string holding the type expression.
      if (typeof body.type === "string") v.typeSource = body.type;
      if (typeof body.sensitive === "boolean") v.sensitive = body.sensitive;
      if (typeof body.description === "string") v.description = body.description;
      out.push(v);
    }
  }
  return out;
}

/** A JSON value as a tfsync value (numbers exactly as JSON.parse read them). */
export function fromJson(v: unknown): Value {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return HclNumber.parse(String(v)) ?? new HclNumber(String(v));
  if (Array.isArray(v)) return v.map(fromJson);
  return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The line of a variable's key, for messages (1 when not found). */
function lineOf(text: string, name: string): number {
  const at = text.indexOf(JSON.stringify(name));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
