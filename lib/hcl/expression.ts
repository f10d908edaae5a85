// HCL expressions: where an expression ends, and its syntax tree. Its value is the evaluator's
// (eval.ts): a constant expression is read as Terraform reads it; a reference or a function
// call keeps its source text as an HclExpression that says why it has no value.
import { type Cursor, IDENT_START } from "./cursor.ts";
import { evaluateNode } from "./eval.ts";
import { parseFor } from "./expression_for.ts";
import { parseHeredoc, parseQuoted } from "./expression_template.ts";
import type { Node, ObjectItem } from "./syntax.ts";
import { HclNumber, type Value } from "./value.ts";

const FOR = /[[{]\s*for(?![A-Za-z0-9_-])/y;
// Binary operators by precedence, loosest first.
const LEVELS = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];
const OPERATORS = LEVELS.flat(); // two-character ones before their first character
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0]));

export interface ParsedExpression {
  start: number;
  end: number;
  node: Node;
  value: Value;
}

/**
 * Parses the expression at the cursor. `multiline` is true inside `(` and `[`, where newlines
 * are insignificant; at the top level and inside objects a newline ends the expression.
 */
export function parseExpression(c: Cursor, multiline: boolean): ParsedExpression {
  const start = c.pos;
  const node = parseNode(c, multiline);
  return { start, end: c.pos, node, value: evaluateNode(node, c.text, start, c.pos) };
}

/** The syntax tree of the expression at the cursor. */
export function parseNode(c: Cursor, multiline: boolean): Node {
  const at = c.pos;
  const cond = parseBinary(c, multiline, 0);
  const save = c.pos;
  c.skipSpace(multiline);
  if (c.peek() !== "?") {
    c.pos = save;
    return cond;
  }
  c.pos++;
  // Outside ( and [ a newline ends the expression, after an operator too: hcl rejects
  // `a = 1 +⏎ 2` and `a = c ?⏎ 1 : 2` ("Invalid expression").
  c.skipSpace(multiline);
  const yes = parseNode(c, multiline);
  c.skipSpace(multiline);
  c.expect(":", "Missing false expression in conditional");
  c.skipSpace(multiline);
  const no = parseNode(c, multiline);
  return { k: "conditional", at, cond, yes, no };
}

/** Binary operators by precedence climbing: one frame a nesting level, however many levels. */
function parseBinary(c: Cursor, multiline: boolean, min: number): Node {
  const at = c.pos;
  let left = parseUnary(c, multiline);
  for (;;) {
    const save = c.pos;
    c.skipSpace(multiline);
    // Most values are followed by no operator: one look at the next character says so.
    const op = OPERATOR_START.has(c.peek()) ? OPERATORS.find((o) => c.startsWith(o)) : undefined;
    const level = op === undefined ? -1 : LEVELS.findIndex((l) => l.includes(op));
    if (level < min || (op === "/" && (c.startsWith("//") || c.startsWith("/*")))) {
      c.pos = save;
      return left;
    }
    c.pos += op!.length;
    c.skipSpace(multiline);
    const right = parseBinary(c, multiline, level + 1);
    left = { k: "binary", at, op: op!, left, right };
  }
}

/**
 * How deep brackets, braces and unary operators may nest: deeper input is refused with an error
 * rather than overflowing the stack (terraform reads deeper; no real file comes close).
 */
export const MAX_DEPTH = 1000;
let depth = 0;

function parseUnary(c: Cursor, multiline: boolean): Node {
  if (depth >= MAX_DEPTH) {
    throw c.error(`Nesting too deep: tfsync reads at most ${MAX_DEPTH} levels of nested values`);
  }
  depth++;
  try {
    return parseUnaryAt(c, multiline);
  } finally {
    depth--;
  }
}

function parseUnaryAt(c: Cursor, multiline: boolean): Node {
  const at = c.pos;
  const ch = c.peek();
  if (ch === "-" || ch === "!") {
    c.pos++;
    c.skipSpace(false);
    return { k: "unary", at, op: ch, operand: parseUnary(c, multiline) };
  }
  return parseTraversals(c, multiline, parsePrimary(c), at, false);
}

/**
 * Postfix traversals: `.name`, `.0`, `[key]`, and splats. Inside a splat (`inSplat`: ".*" or
 * "[*]") the traversals that follow apply to each element; a second splat ends it.
 */
function parseTraversals(
  c: Cursor,
  multiline: boolean,
  target: Node,
  at: number,
  inSplat: ".*" | "[*]" | false,
): Node {
  let node = target;
  for (;;) {
    const save = c.pos;
    c.skipSpace(multiline);
    if (c.peek() === "." && c.peekAt(1) !== ".") {
      if (c.peekAt(1) === "*") {
        if (inSplat) return restore(c, save, node);
        c.pos += 2;
        const each = parseTraversals(c, multiline, { k: "item", at }, at, ".*");
        node = { k: "splat", at, target: node, each };
        continue;
      }
      c.pos++;
      const name = /[0-9]/.test(c.peek())
        ? c.readWhile(/[0-9]/)
        : c.readIdent("Invalid attribute name");
      node = { k: "attr", at, target: node, name };
    } else if (c.peek() === "[" && c.pos === save) {
      if (inSplat === ".*") return restore(c, save, node);
      c.pos++;
      c.skipSpace(true);
      if (c.peek() === "*") {
        if (inSplat) return restore(c, save, node);
        c.pos++;
        c.skipSpace(true);
        c.expect("]", "Missing close bracket on index");
        const each = parseTraversals(c, multiline, { k: "item", at }, at, "[*]");
        node = { k: "splat", at, target: node, each };
        continue;
      }
      const key = parseNode(c, true);
      c.skipSpace(true);
      c.expect("]", "Missing close bracket on index");
      node = { k: "index", at, target: node, key };
    } else return restore(c, save, node);
  }
}

function restore(c: Cursor, pos: number, node: Node): Node {
  c.pos = pos;
  return node;
}

function parsePrimary(c: Cursor): Node {
  const at = c.pos;
  const ch = c.peek();
  if (/[0-9]/.test(ch)) return { k: "value", at, value: HclNumber.parse(c.readNumber())! };
  if (ch === '"') return parseQuoted(c, parseNode);
  if (ch === "<" && c.peekAt(1) === "<") return parseHeredoc(c, parseNode);
  FOR.lastIndex = at;
  if ((ch === "[" || ch === "{") && FOR.test(c.text)) return parseFor(c, parseNode);
  if (ch === "[") {
    c.pos++;
    return { k: "tuple", at, items: parseList(c, "]", 'Unterminated tuple: missing "]"') };
  }
  if (ch === "{") return parseObject(c);
  if (ch === "(") {
    c.pos++;
    c.skipSpace(true);
    const inner = parseNode(c, true);
    c.skipSpace(true);
    c.expect(")", "Unbalanced parentheses");
    return { k: "paren", at, inner };
  }
  if (IDENT_START.test(ch)) {
    let name = c.readName();
    while (c.startsWith("::") && IDENT_START.test(c.peekAt(2))) { // provider::p::f()
      c.pos += 2;
      name += "::" + c.readName();
    }
    if (c.peek() === "(") {
      c.pos++;
      parseList(c, ")", "Missing close parenthesis in function call", true);
      return { k: "call", at, name };
    }
    if (name === "true" || name === "false") return { k: "value", at, value: name === "true" };
    if (name === "null") return { k: "value", at, value: null };
    return { k: "variable", at, name };
  }
  throw c.error(
    ch === ""
      ? "Invalid expression: expected the start of an expression, but found the end of the file"
      : ch === "\n" || ch === "\r"
      ? "Invalid expression: expected the start of an expression, but found a newline"
      : `Invalid expression: expected the start of an expression, but found "${ch}"`,
  );
}

/** Comma-separated expressions up to `close`; newlines are insignificant. */
function parseList(c: Cursor, close: string, unclosed: string, allowEllipsis = false): Node[] {
  const items: Node[] = [];
  const open = c.pos - 1;
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === close) {
      c.pos++;
      return items;
    }
    if (c.done()) {
      c.pos = open;
      throw c.error(unclosed);
    }
    items.push(parseNode(c, true));
    c.skipSpace(true);
    if (allowEllipsis && c.startsWith("...")) c.pos += 3, c.skipSpace(true);
    if (c.done()) {
      c.pos = open;
      throw c.error(unclosed);
    }
    if (c.peek() === ",") c.pos++;
    else if (c.peek() !== close) {
      throw c.error(`Missing item separator: expected a comma or "${close}"`);
    }
  }
}

function parseObject(c: Cursor): Node {
  const at = c.pos;
  c.pos++;
  const items: ObjectItem[] = [];
  for (;;) {
    c.skipSpace(true);
    if (c.peek() === "}") {
      c.pos++;
      return { k: "object", at, items };
    }
    if (c.done()) {
      c.pos = at;
      throw c.error('Unterminated object: missing "}"');
    }
    const keyNode = parseNode(c, false);
    const key = keyNode.k === "variable" ? keyNode.name : keyNode;
    c.skipSpace(false);
    if (c.peek() !== "=" && c.peek() !== ":") {
      throw c.error('Missing key/value separator: expected "=" or ":" after the key');
    }
    c.pos++;
    c.skipSpace(false);
    items.push({ key, value: parseNode(c, false) });
    c.skipSpace(false);
    if (c.peek() === ",") c.pos++;
    else if (c.peek() === "\n" || c.startsWith("\r\n")) c.skipSpace(true);
    else if (c.peek() !== "}") {
      throw c.error('Missing attribute separator: expected a newline, a comma or "}"');
    }
  }
}
