// Terraform type constraints (a `variable` block's `type =`) and whether a tfvars value fits one,
// with the conversions Terraform applies to input variables (hashicorp/go-cty's convert package).

import { HclExpression, HclNumber, toHcl, type Value } from "../hcl/value.ts";
import { parseTypeSyntax } from "./types_parse.ts";
import { TypeConstraintError } from "./types_tokens.ts";

export { TypeConstraintError };
export type { TfAttribute, TfType } from "./type_model.ts";
import type { TfAttribute, TfType } from "./type_model.ts";

/** A place where a value does not fit its type. */
export interface TypeProblem {
  /** Where, as Terraform writes it: `node_groups["main"].min_size`, `[2]`; "" for the value itself. */
  path: string;
  /** What is wrong, lowercase like Terraform's detail: `a string "yes" is not a bool`. */
  message: string;
}

/**
 * Parses a type constraint expression as written after `type =`; comments, newlines and trailing
 * commas are allowed. Legacy forms are accepted: bare `list` and `map` (of `any`) and the quoted
 * `"string"`, `"list"` and `"map"` (Terraform 1.x rejects the quoted ones, but they still say
 * what was meant). A literal default of `optional(T, default)` must fit T, as Terraform checks.
 *
 * @throws {TypeConstraintError} (a TypeError) on malformed input:
 *   `Invalid type constraint "list(": expected a type, found end of input`.
 */
export function parseType(source: string): TfType {
  let type = parsedTypes.get(source);
  if (type === undefined) {
    type = parseTypeSyntax(source);
    _checkDefaults(type, source);
    parsedTypes.set(source, type);
  }
  return type;
}

// Types are never changed once parsed, and thousands of variables share a few sources ("string"):
// each is parsed once.
const parsedTypes = new Map<string, TfType>();

function _checkDefaults(type: TfType, source: string): void {
  if (type.kind === "list" || type.kind === "set" || type.kind === "map") {
    _checkDefaults(type.element, source);
  } else if (type.kind === "tuple") {
    type.elements.forEach((t) => _checkDefaults(t, source));
  } else if (type.kind === "object") {
    for (const [name, attr] of type.attributes) {
      _checkDefaults(attr.type, source);
      if (attr.default === undefined) continue;
      const [problem] = checkValue(attr.default, attr.type);
      if (problem) {
        const where = problem.path ? ` at ${problem.path}` : "";
        const detail =
          `the default of attribute "${name}" does not fit${where}: ${problem.message}`;
        throw new TypeConstraintError(source, 0, detail);
      }
    }
  }
}

/** Canonical text: `list(string)`, `object({ name = string, size = optional(number, 1) })`. */
export function typeToString(type: TfType): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind}(${typeToString(type.element)})`;
    case "tuple":
      return `tuple([${type.elements.map(typeToString).join(", ")}])`;
    case "object": {
      if (type.attributes.size === 0) return "object({})";
      const attrs = [...type.attributes].map(([name, a]) => `${name} = ${_attributeText(a)}`);
      return `object({ ${attrs.join(", ")} })`;
    }
    default:
      return type.kind;
  }
}

function _attributeText(a: TfAttribute): string {
  if (!a.optional) return typeToString(a.type);
  if (a.default === undefined) return `optional(${typeToString(a.type)})`;
  return `optional(${typeToString(a.type)}, ${toHcl(a.default)})`;
}

/**
 * The places where `value` does not fit `type` once Terraform's conversions are applied; empty
 * when it fits. Like Terraform for input variables:
 * - a string converts to a number when it reads as one (`"3"`, `"1e2"`, `"-.5"`; not `" 3"`), to a
 *   bool when it is `"true"`, `"false"`, `"1"` or `"0"`; numbers and bools convert to strings;
 * - a list (tuple) value fits list(T) and set(T) when every element fits T, and tuple([…]) when its
 *   length matches and each element fits;
 * - an object value fits map(T) when every value fits T, and object({…}) when every required
 *   attribute is present and fits; missing optional attributes take their default, and extra
 *   attributes are silently dropped (Terraform neither errors nor warns);
 * - null fits every type, at any depth (whether a null variable is allowed is `nullable`'s concern);
 * - `any` accepts everything. Terraform also requires the elements of `list(any)`/`set(any)`/
 *   `map(any)` to unify to one type (`[1, {a = 1}]` fails); that is not checked here.
 *
 * Values that are not literals (HclExpression, anywhere in the value) are skipped: their type is
 * unknown until Terraform evaluates them, so they produce no problem.
 *
 * `path` prefixes every problem's path, e.g. the variable's name.
 */
export function checkValue(
  value: Value,
  type: TfType,
  path = "",
): TypeProblem[] {
  const problems: TypeProblem[] = [];
  _check(value, type, path, problems);
  return problems;
}

function _check(
  value: Value,
  type: TfType,
  path: string,
  out: TypeProblem[],
): void {
  if (value === null || value instanceof HclExpression || type.kind === "any") {
    return;
  }
  const mismatch = (hint = ""): void => {
    out.push({
      path,
      message: `${_describe(value)} is not ${_article(type)}${hint}`,
    });
  };
  switch (type.kind) {
    case "string":
      if (Array.isArray(value) || value instanceof Map) mismatch();
      return;
    case "number":
      if (value instanceof HclNumber) return;
      if (typeof value === "string" && _isNumberText(value)) return;
      return mismatch();
    case "bool":
      if (typeof value === "boolean") return;
      if (
        typeof value === "string" && ["true", "false", "1", "0"].includes(value)
      ) return;
      if (
        typeof value === "string" &&
        ["true", "false"].includes(value.toLowerCase())
      ) {
        return mismatch(`: write lowercase "${value.toLowerCase()}"`);
      }
      return mismatch();
    case "list":
    case "set":
      if (!Array.isArray(value)) return mismatch();
      value.forEach((v, i) => _check(v, type.element, `${path}[${i}]`, out));
      return;
    case "tuple":
      if (!Array.isArray(value)) return mismatch();
      if (value.length !== type.elements.length) {
        const n = type.elements.length;
        return mismatch(`: it needs ${n} element${n === 1 ? "" : "s"}`);
      }
      value.forEach((v, i) => _check(v, type.elements[i], `${path}[${i}]`, out));
      return;
    case "map":
      if (!(value instanceof Map)) return mismatch();
      for (const [k, v] of value) {
        _check(v, type.element, `${path}[${JSON.stringify(k)}]`, out);
      }
      return;
    case "object":
      if (!(value instanceof Map)) return mismatch();
      for (const [name, attr] of type.attributes) {
        if (value.has(name)) {
          _check(value.get(name)!, attr.type, _attrPath(path, name), out);
        } else if (!attr.optional) {
          out.push({ path, message: `attribute "${name}" is required` });
        }
      }
  }
}

// What hashicorp/go-cty accepts as a number in a string: Go's big.Float syntax in base 10 (a
// sign, digits with an optional point, an e or p exponent). "Inf" converts too, but Terraform then
// fails to plan it, so it is refused here.
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEpP][+-]?\d+)?$/;

function _isNumberText(s: string): boolean {
  return NUMBER_TEXT.test(s);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function _attrPath(path: string, name: string): string {
  return IDENT.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function _describe(v: Value): string {
  if (typeof v === "string") return `a string ${JSON.stringify(_clip(v))}`;
  if (typeof v === "boolean") return `the bool ${v}`;
  if (v instanceof HclNumber) return `the number ${v.text}`;
  if (Array.isArray(v)) {
    return `a list of ${v.length} element${v.length === 1 ? "" : "s"}`;
  }
  return "an object";
}

function _article(t: TfType): string {
  if (t.kind === "object") return "an object";
  const text = _brief(t);
  return /^[aeiou]/.test(text) ? `an ${text}` : `a ${text}`;
}

/** Type text for messages: nested objects shortened to `object({…})`. */
function _brief(t: TfType): string {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${_brief(t.element)})`;
    case "tuple":
      return `tuple([${t.elements.map(_brief).join(", ")}])`;
    case "object":
      return "object({…})";
    default:
      return t.kind;
  }
}

function _clip(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + "…" : s;
}
