// `for` expressions: `[for k, v in coll : value if cond]`, `{for x in coll : key => value...}`.
import { type Cursor, IDENT_CHAR } from "./cursor.ts";
import type { Node, ParseNode } from "./syntax.ts";

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
export function parseFor(c: Cursor, parseNode: ParseNode): Node {
  const at = c.pos;
  const open = c.peek();
  const close = open === "[" ? "]" : "}";
  c.pos++;
  c.skipSpace(true);
  c.pos += 3; // "for"
  c.skipSpace(true);
  let valVar = c.readIdent("Invalid 'for' expression");
  let keyVar: string | undefined;
  c.skipSpace(true);
  if (c.peek() === ",") {
    c.pos++;
    c.skipSpace(true);
    keyVar = valVar;
    valVar = c.readIdent("Invalid 'for' expression");
    c.skipSpace(true);
  }
  c.expect("in", "Invalid 'for' expression");
  c.skipSpace(true);
  const coll = parseNode(c, true);
  c.skipSpace(true);
  c.expect(":", "Invalid 'for' expression");
  c.skipSpace(true);
  let keyExpr: Node | undefined;
  let valExpr = parseNode(c, true);
  c.skipSpace(true);
  if (open === "{") {
    c.expect("=>", "Invalid 'for' expression");
    c.skipSpace(true);
    keyExpr = valExpr;
    valExpr = parseNode(c, true);
    c.skipSpace(true);
  }
  let group = false;
  if (open === "{" && c.startsWith("...")) {
    c.pos += 3;
    group = true;
    c.skipSpace(true);
  }
  let cond: Node | undefined;
  if (c.startsWith("if") && !IDENT_CHAR.test(c.peekAt(2))) {
    c.pos += 2;
    c.skipSpace(true);
    cond = parseNode(c, true);
    c.skipSpace(true);
  }
  if (c.peek() !== close) {
    c.pos = at;
    throw c.error(`Unterminated "for" expression: missing "${close}" for "${open}"`);
  }
  c.pos++;
  return { k: "for", at, keyVar, valVar, coll, keyExpr, valExpr, cond, group };
}
