// Terraform type constraints as data: what types_parse.ts builds and types.ts checks values against.
import type { Value } from "../hcl/value.ts";

export type TfType =
  | { kind: "string" | "number" | "bool" | "any" }
  | { kind: "list" | "set" | "map"; element: TfType }
  | { kind: "tuple"; elements: TfType[] }
  | { kind: "object"; attributes: Map<string, TfAttribute> };

/** One attribute of an `object({…})` type, in declaration order. */
export interface TfAttribute {
  type: TfType;
  /** Declared with `optional(…)`: a value may leave it out. */
  optional: boolean;
  /** The default of `optional(T, default)`: a literal value, or an HclExpression of its source. */
  default?: Value;
}
