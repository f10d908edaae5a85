// The syntax tree of an HCL expression, as the parser builds it and the evaluator reads it.
// Every node carries `at`, the offset where it starts, for the place of an evaluation error.
import type { Cursor } from "./cursor.ts";
import type { Value } from "./value.ts";

/** The expression parser (expression.ts), passed to the template and `for` parsers. */
export type ParseNode = (c: Cursor, multiline: boolean) => Node;

export type Node =
  | { k: "value"; at: number; value: Value }
  | { k: "template"; at: number; parts: Part[] }
  | { k: "tuple"; at: number; items: Node[] }
  | { k: "object"; at: number; items: ObjectItem[] }
  | { k: "variable"; at: number; name: string }
  | { k: "call"; at: number; name: string }
  | { k: "unary"; at: number; op: "-" | "!"; operand: Node }
  | { k: "binary"; at: number; op: string; left: Node; right: Node }
  | { k: "conditional"; at: number; cond: Node; yes: Node; no: Node }
  | { k: "paren"; at: number; inner: Node }
  | { k: "attr"; at: number; target: Node; name: string }
  | { k: "index"; at: number; target: Node; key: Node }
  | { k: "splat"; at: number; target: Node; each: Node }
  /** The element a splat's traversal applies to. */
  | { k: "item"; at: number }
  | ForNode;

export interface ForNode {
  k: "for";
  at: number;
  keyVar?: string;
  valVar: string;
  coll: Node;
  /** Set for `{for …}`: the key expression before `=>`. */
  keyExpr?: Node;
  valExpr: Node;
  cond?: Node;
  /** `…` after the value: values of equal keys are grouped into tuples. */
  group: boolean;
}

export interface ObjectItem {
  /** A bare name (`a = 1`) is its own text; anything else is evaluated. */
  key: Node | string;
  value: Node;
}

/** Template parts: literal text, `${…}`, and the `%{if}` / `%{for}` directives. */
export type Part =
  | { k: "text"; text: string }
  | { k: "interp"; at: number; expr: Node }
  | { k: "if"; at: number; cond: Node; then: Part[]; else: Part[] }
  | { k: "for"; at: number; keyVar?: string; valVar: string; coll: Node; body: Part[] };
