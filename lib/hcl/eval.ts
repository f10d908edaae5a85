// The evaluator: a constant expression's value as Terraform reads a tfvars file (hcl with no
// variables and no functions). An expression without one becomes an HclExpression of its source
// text that carries the first problem, in Terraform's words.
import { binary, EvalFailure, toBool, toNumber, toText, unary, unifyWith } from "./eval_ops.ts";
import type { ForNode, Node, Part } from "./syntax.ts";
import { HclExpression, type Value } from "./value.ts";

type Scope = ReadonlyMap<string, Value>;
const EMPTY: Scope = new Map();

/** The value of `node`, whose source is text[start, end). */
export function evaluateNode(node: Node, text: string, start: number, end: number): Value {
  if (node.k === "value") return node.value; // most values: no scope, no try
  try {
    return evaluate(node, EMPTY);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    const problem = { summary: e.summary, detail: e.detail, at: e.at };
    return new HclExpression(text.slice(start, end), problem);
  }
}

export function evaluate(node: Node, scope: Scope): Value {
  switch (node.k) {
    case "value":
      return node.value;
    case "template":
      return template(node.parts, scope).normalize("NFC"); // as cty.StringVal
    case "tuple":
      return node.items.map((n) => evaluate(n, scope));
    case "object": {
      const out = new Map<string, Value>();
      for (const item of node.items) {
        const key = typeof item.key === "string" ? item.key : keyText(item.key, scope);
        out.set(key, evaluate(item.value, scope));
      }
      return out;
    }
    case "variable":
      if (scope.has(node.name)) return scope.get(node.name)!;
      throw new EvalFailure("Variables not allowed", "Variables may not be used here.", node.at);
    case "call":
      throw new EvalFailure(
        "Function calls not allowed",
        "Functions may not be called here.",
        node.at,
      );
    case "unary":
      return unary(node.op, evaluate(node.operand, scope), node.operand.at);
    case "binary": {
      const a = evaluate(node.left, scope);
      return binary(node.op, a, evaluate(node.right, scope), node.left.at, node.right.at);
    }
    case "conditional":
      return conditional(node.cond, node.yes, node.no, scope);
    case "paren":
      return evaluate(node.inner, scope);
    case "attr":
      return getAttr(evaluate(node.target, scope), node.name, node.at);
    case "index":
      return index(evaluate(node.target, scope), evaluate(node.key, scope), node.at);
    case "splat": {
      const target = evaluate(node.target, scope);
      const items = target === null ? [] : Array.isArray(target) ? target : [target];
      return items.map((v) => evaluate(node.each, new Map([...scope, [SPLAT, v]])));
    }
    case "item":
      return scope.get(SPLAT)!;
    case "for":
      return forExpr(node, scope);
  }
}

const SPLAT = "\0splat";

function conditional(c: Node, yes: Node, no: Node, scope: Scope): Value {
  const v = evaluate(c, scope);
  if (v === null) {
    throw new EvalFailure(
      "Null condition",
      "The condition value is null. Conditions must either be true or false.",
      c.at,
    );
  }
  const cond = toBool(v);
  if (cond === undefined) {
    throw new EvalFailure(
      "Incorrect condition type",
      "The condition expression must be of type bool.",
      c.at,
    );
  }
  const chosen = evaluate(cond ? yes : no, scope);
  let other: Value = null; // the other result's errors are not reported, as in hcl
  try {
    other = evaluate(cond ? no : yes, scope);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
  }
  const out = unifyWith(chosen, other);
  if (out === undefined) {
    throw new EvalFailure(
      "Inconsistent conditional result types",
      "The true and false result expressions must have consistent types.",
      yes.at,
    );
  }
  return out;
}

function keyText(node: Node, scope: Scope): string {
  const v = evaluate(node, scope);
  if (v === null) {
    throw new EvalFailure("Null value as key", "Can't use a null value as a key.", node.at);
  }
  const key = toText(v);
  if (key === undefined) {
    throw new EvalFailure(
      "Incorrect key type",
      "Can't use this value as a key: string required.",
      node.at,
    );
  }
  return key;
}

function getAttr(target: Value, name: string, at: number): Value {
  if (target instanceof Map) {
    if (target.has(name)) return target.get(name)!;
    throw new EvalFailure(
      "Unsupported attribute",
      `This object does not have an attribute named "${name}".`,
      at,
    );
  }
  if (Array.isArray(target) && /^[0-9]+$/.test(name)) return index(target, name, at);
  if (target === null) {
    throw new EvalFailure(
      "Attempt to get attribute from null value",
      "This value is null, so it does not have any attributes.",
      at,
    );
  }
  throw new EvalFailure("Unsupported attribute", "This value does not have any attributes.", at);
}

function index(target: Value, key: Value, at: number): Value {
  if (target === null) {
    throw new EvalFailure(
      "Attempt to index null value",
      "This value is null, so it does not have any indices.",
      at,
    );
  }
  if (key === null) {
    throw new EvalFailure("Invalid index", "Can't use a null value as an indexing key.", at);
  }
  if (Array.isArray(target)) {
    const n = toNumber(key);
    const i = n && /^[0-9]+$/.test(n.text) ? Number(n.text) : -1;
    if (i >= 0 && i < target.length) return target[i];
  } else if (target instanceof Map) {
    const k = toText(key);
    if (k !== undefined && target.has(k)) return target.get(k)!;
  } else {
    throw new EvalFailure("Invalid index", "This value does not have any indices.", at);
  }
  throw new EvalFailure(
    "Invalid index",
    "The given key does not identify an element in this collection value.",
    at,
  );
}

/** The (key, value) pairs a `for` iterates: a tuple's by index, an object's in key order. */
function pairs(coll: Value, at: number): [Value, Value][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [toNumber(String(i))!, v]);
  if (coll instanceof Map) {
    return [...coll.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((
      k,
    ) => [k, coll.get(k)!]);
  }
  if (coll === null) {
    throw new EvalFailure(
      "Iteration over null value",
      "A null value cannot be used as the collection in a 'for' expression.",
      at,
    );
  }
  throw new EvalFailure(
    "Iteration over non-iterable value",
    `A value of type ${typeName(coll)} cannot be used as the collection in a 'for' expression.`,
    at,
  );
}

function typeName(v: Value): string {
  return typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : "number";
}

function bind(scope: Scope, keyVar: string | undefined, valVar: string, k: Value, v: Value): Scope {
  const inner = new Map(scope);
  if (keyVar) inner.set(keyVar, k);
  inner.set(valVar, v);
  return inner;
}

function forExpr(node: ForNode, scope: Scope): Value {
  const tuple: Value[] = [];
  const object = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs(evaluate(node.coll, scope), node.coll.at)) {
    const inner = bind(scope, node.keyVar, node.valVar, k, v);
    if (node.cond) {
      const c = evaluate(node.cond, inner);
      const ok = c === null ? undefined : toBool(c);
      if (ok === undefined) {
        throw new EvalFailure(
          "Invalid 'for' condition",
          "The 'if' clause value is invalid: bool required.",
          node.cond.at,
        );
      }
      if (!ok) continue;
    }
    if (!node.keyExpr) {
      tuple.push(evaluate(node.valExpr, inner));
      continue;
    }
    const key = keyText(node.keyExpr, inner);
    const value = evaluate(node.valExpr, inner);
    if (node.group) groups.set(key, [...(groups.get(key) ?? []), value]);
    else if (object.has(key)) {
      throw new EvalFailure(
        "Duplicate object key",
        `Two different items produced the key "${key}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
        node.keyExpr.at,
      );
    } else object.set(key, value);
  }
  if (!node.keyExpr) return tuple;
  return node.group ? new Map([...groups].map(([k, vs]) => [k, vs])) : object;
}

function template(parts: Part[], scope: Scope): string {
  let out = "";
  for (const p of parts) {
    if (p.k === "text") out += p.text;
    else if (p.k === "interp") out += interpolate(evaluate(p.expr, scope), p.at);
    else if (p.k === "if") {
      const c = evaluate(p.cond, scope);
      const ok = c === null ? undefined : toBool(c);
      if (ok === undefined) {
        throw new EvalFailure(
          "Invalid template if condition",
          "The condition value must be a bool.",
          p.cond.at,
        );
      }
      out += template(ok ? p.then : p.else, scope);
    } else {
      for (const [k, v] of pairs(evaluate(p.coll, scope), p.coll.at)) {
        out += template(p.body, bind(scope, p.keyVar, p.valVar, k, v));
      }
    }
  }
  return out;
}

function interpolate(v: Value, at: number): string {
  if (v === null) {
    throw new EvalFailure(
      "Invalid template interpolation value",
      "The expression result is null. Cannot include a null value in a string template.",
      at,
    );
  }
  const s = toText(v);
  if (s === undefined) {
    throw new EvalFailure(
      "Invalid template interpolation value",
      "Cannot include the given value in a string template: string required.",
      at,
    );
  }
  return s;
}
