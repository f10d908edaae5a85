// THE equality of tfsync: two values are the same when they are equal once converted to the
// variable's declared type, as Terraform converts input variables ("true" is true for a bool,
// 60 * 60 * 24 is 86400, a tuple is a list, missing optional attributes take their defaults).
// Without a type (or `any`), as Terraform compares values: same type, same value.
import { toBool, toNumber, toText } from "../hcl/eval_ops.ts";
import { HclExpression, HclNumber, toJson, type Value, valuesEqual } from "../hcl/value.ts";
import type { SameAt } from "../hcl/path_merge.ts";
import type { ModuleVariable, ModuleVars } from "./module.ts";
import { checkValue, parseType, type TfType, typeToString } from "./types.ts";
import { ConfigError, type Place } from "../errors.ts";

/** Whether `a` and `b` are the same value of `type`. */
export function sameValue(a: Value, b: Value, type?: TfType): boolean {
  return valuesEqual(canonical(a, type), canonical(b, type));
}

/**
 * The value as `type` holds it, what sameValue and the banner's fingerprint compare: converted
 * where it converts; a part of an object (the shared file's record of a path, the synced part a
 * fingerprint takes) that does not convert as a whole, key by key; else as read.
 */
export function canonical(v: Value, type: TfType | undefined): Value {
  if (!type || type.kind === "any") return v;
  const converted = convertValue(v, type);
  if (converted !== undefined) return converted;
  if (v instanceof Map && (type.kind === "object" || type.kind === "map")) {
    return new Map([...v.keys()].sort().map((k) => [k, canonical(v.get(k)!, typeAt(type, [k]))]));
  }
  return v;
}

/**
 * The value as terraform reads it for `type`, for display: each primitive converted to its type
 * where it converts ("true" is true for a bool, "3" is 3 for a number); objects keep the keys the
 * file sets and sets their order (nothing is shown that the file does not say).
 */
export function shownAs(v: Value, type: TfType | undefined): Value {
  if (!type || type.kind === "any" || v === null || v instanceof HclExpression) return v;
  // A new object or list only where a part reads differently (most values read as written).
  if (v instanceof Map) {
    let out: Map<string, Value> | undefined;
    for (const [k, x] of v) {
      const y = shownAs(x, typeAt(type, [k]));
      if (out === undefined && y !== x) {
        out = new Map();
        for (const [j, z] of v) {
          if (j === k) break;
          out.set(j, z);
        }
      }
      out?.set(k, y);
    }
    return out ?? v;
  }
  if (Array.isArray(v)) {
    let out: Value[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const y = shownAs(v[i], typeAt(type, [i]));
      if (out === undefined && y !== v[i]) out = v.slice(0, i);
      out?.push(y);
    }
    return out ?? v;
  }
  const primitive = type.kind === "string" || type.kind === "number" || type.kind === "bool";
  return primitive ? convertValue(v, type) ?? v : v;
}

/**
 * The type of the value at `keys` (object attributes, map keys, list indexes) inside a value of
 * `type`; undefined where the type says nothing (none, `any`, an attribute it does not declare).
 */
export function typeAt(
  type: TfType | undefined,
  keys: ReadonlyArray<string | number>,
): TfType | undefined {
  let t = type;
  for (const k of keys) {
    if (t?.kind === "object") t = t.attributes.get(String(k))?.type;
    else if (t?.kind === "map" || t?.kind === "list" || t?.kind === "set") t = t.element;
    else if (t?.kind === "tuple" && typeof k === "number") t = t.elements[k];
    else return undefined;
  }
  return t;
}

const parsed = new WeakMap<ModuleVariable, TfType | null>();

/** The declared type of a variable; undefined when none, or when it does not parse. */
export function declaredType(module: ModuleVars, name: string): TfType | undefined {
  const v = module.variables.get(name);
  if (!v || v.typeSource === undefined) return undefined;
  if (!parsed.has(v)) {
    try {
      parsed.set(v, parseType(v.typeSource));
    } catch {
      parsed.set(v, null); // check reports the type itself
    }
  }
  return parsed.get(v) ?? undefined;
}

/** sameValue with the declared type of variable `name`, or of the value at `keys` inside it. */
export function sameFor(
  module: ModuleVars,
  name: string,
  a: Value,
  b: Value,
  keys: ReadonlyArray<string | number> = [],
): boolean {
  return sameValue(a, b, typeAt(declaredType(module, name), keys));
}

/** sameFor of variable `name` as lib/hcl's path merge asks it: at keys inside the value. */
export function sameAtKeys(module: ModuleVars, name: string): SameAt {
  return (keys, a, b) => sameFor(module, name, a, b, keys);
}

/**
 * The value converted to `type` as Terraform converts a variable's value; undefined when it does
 * not convert. Sets come out sorted and without duplicates, so equal sets are equal arrays.
 */
export function convertValue(v: Value, type: TfType): Value | undefined {
  if (v === null || v instanceof HclExpression) return v;
  switch (type.kind) {
    case "any":
      return v;
    case "string":
      return toText(v);
    case "number":
      return toNumber(v);
    case "bool":
      return toBool(v);
    case "list":
    case "set": {
      if (!Array.isArray(v)) return undefined;
      const items = convertAll(v, type.element);
      if (!items) return undefined;
      if (type.kind === "list") return items;
      const byKey = new Map(items.map((x) => [toJson(x), x]));
      return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
    }
    case "tuple": {
      if (!Array.isArray(v) || v.length !== type.elements.length) return undefined;
      const out = v.map((x, i) => convertValue(x, type.elements[i]));
      return out.includes(undefined) ? undefined : out as Value[];
    }
    case "map": {
      if (!(v instanceof Map)) return undefined;
      // In key order, as terraform holds a map (so a fingerprint ignores the order written).
      const keys = [...v.keys()].sort();
      const values = convertAll(keys.map((k) => v.get(k)!), type.element);
      return values && new Map(keys.map((k, i) => [k, values[i]]));
    }
    case "object": {
      if (!(v instanceof Map)) return undefined;
      const out = new Map<string, Value>();
      for (const [name, attr] of type.attributes) {
        const given = v.has(name) ? v.get(name)! : attr.optional ? attr.default ?? null : undefined;
        if (given === undefined) return undefined;
        const x = convertValue(given, attr.type);
        if (x === undefined) return undefined;
        out.set(name, x);
      }
      return out;
    }
  }
}

/** The elements converted to one type; `any` unifies them (["a", 1] is ["a", "1"]). */
function convertAll(items: Value[], element: TfType): Value[] | undefined {
  const out = items.map((x) => convertValue(x, element));
  if (out.includes(undefined)) return undefined;
  if (element.kind !== "any") return out as Value[];
  const strings = out.some((x) => typeof x === "string");
  const primitive = (x: Value | undefined) =>
    x === null || typeof x === "string" || typeof x === "boolean" || x instanceof HclNumber;
  return strings && out.every(primitive)
    ? out.map((x) => x === null ? null : toText(x!)!)
    : out as Value[];
}

/**
 * Refuses to copy a value that does not convert to the variable's declared type (`"lots"` for a
 * number) into another environment: the error is placed at the value in its file, and names the
 * file it would have been copied into.
 */
export function checkCopy(
  module: ModuleVars,
  name: string,
  value: Value,
  from: Place,
  into: string,
): void {
  const type = declaredType(module, name);
  if (!type) return;
  const [problem] = checkValue(value, type, name);
  if (!problem) return;
  const v = module.variables.get(name)!;
  throw new ConfigError(
    `Cannot copy ${problem.path} into ${into}: ${problem.message} (type ${
      typeToString(type)
    } at ${v.file}:${v.line})`,
    from,
  );
}
