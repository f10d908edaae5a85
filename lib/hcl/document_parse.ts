// Reading HCL text into a document's items: attributes, blocks, and the trivia between them,
// each item's span exact so that the items' texts concatenate back to the file.
import type { Cursor } from "./cursor.ts";
import { parseExpression } from "./expression.ts";
import { readLiteral } from "./expression_literal.ts";
import { SkipRecordingCursor } from "./encoding.ts";
import { TfvarsValueError } from "./errors.ts";
import { HclExpression, type Value } from "./value.ts";
import type { Attribute, Block, Item, ParseOptions, Span, Trivia } from "./document_types.ts";

export function parseBody(
  c: Cursor,
  items: Item[],
  open: number | null,
  options: ParseOptions,
): void {
  const seen = new Map<string, Attribute>();
  for (;;) {
    const lineStart = c.pos;
    c.skipBlanks();
    if (c.done()) {
      if (open !== null) throw c.error('Unclosed block: missing "}"', open);
      if (c.pos > lineStart) items.push(trivia(lineStart, c.pos, false));
      return;
    }
    let ch = c.peek();
    if (ch === "\n" || ch === "\r" || ch === "#" || (ch === "/" && /[/*]/.test(c.peekAt(1)))) {
      const isComment = ch !== "\n" && ch !== "\r";
      c.skipSpace(false);
      // `/* note */ name = value`: a block comment before a name belongs to the item's line.
      if (!isComment || atLineEnd(c) || !/[A-Za-z_]/.test(c.peek())) {
        endOfLine(c, "Unexpected text after a comment");
        items.push(trivia(lineStart, c.pos, isComment));
        continue;
      }
      ch = c.peek();
    }
    if (ch === "}" && open !== null) {
      c.pos = lineStart; // the closing line belongs to the block
      return;
    }
    if (!/[A-Za-z_]/.test(ch)) {
      throw c.error(
        `Argument or block definition required: found ${
          JSON.stringify(ch)
        } where an attribute name should be`,
      );
    }
    const item = parseItem(c, lineStart, options);
    if (item.kind === "attribute") {
      if (options.tfvars) refuseUnevaluable(c, item);
      const prior = seen.get(item.name);
      if (prior) {
        throw c.error(
          `Attribute redefined: "${item.name}" was already set at line ${prior.line}`,
          item.nameStart,
        );
      }
      seen.set(item.name, item);
      item.leadingStart = leadingCommentsStart(items, item.start);
    }
    items.push(item);
  }
}

function parseItem(
  c: Cursor,
  lineStart: number,
  options: ParseOptions,
  inline = false,
): Attribute | Block {
  const nameStart = c.pos;
  const name = c.readName();
  const { line } = c.location(nameStart);
  c.skipSpace(false);
  if (c.peek() === "=" && c.peekAt(1) !== "=") {
    c.pos++;
    c.skipSpace(false);
    const expr = parseValue(c);
    c.skipBlanks();
    let comment: Span | null = null;
    if (!atLineEnd(c)) {
      const start = c.pos;
      c.skipSpace(false);
      if (c.pos > start) comment = { start, end: c.pos };
    }
    const endLine = c.location(expr.end).line;
    if (!inline) {
      endOfLine(
        c,
        "Missing newline after argument: an argument definition must end with a newline",
      );
    }
    return {
      kind: "attribute",
      name,
      start: lineStart,
      end: c.pos,
      nameStart,
      valueStart: expr.start,
      valueEnd: expr.end,
      comment,
      leadingStart: lineStart,
      line,
      endLine,
      value: expr.value,
    };
  }
  if (options.tfvars) {
    throw c.error(
      `Unexpected block "${name}": a tfvars file may only set variables ("${name} = value")`,
      nameStart,
    );
  }
  const labels: string[] = [];
  while (c.peek() !== "{") {
    if (c.peek() === '"') labels.push(parseLabel(c));
    else if (/[A-Za-z_]/.test(c.peek())) labels.push(c.readName());
    else {
      throw c.error(
        `Invalid argument or block: expected "=" or "{" after "${name}"`,
      );
    }
    c.skipSpace(false);
  }
  const open = c.pos;
  c.pos++;
  const items: Item[] = [];
  c.skipSpace(false);
  if (c.peek() === "}") c.pos++;
  else if (atLineEnd(c)) {
    endOfLine(c, "");
    parseBody(c, items, open, options);
    c.skipBlanks();
    c.expect("}", "Unclosed block");
  } else {
    // A one-line block: `name { attr = value }`.
    items.push(parseItem(c, c.pos, options, true));
    c.skipSpace(false);
    c.expect("}", "Single-line block");
  }
  c.skipSpace(false);
  endOfLine(c, "Missing newline after block definition");
  return { kind: "block", type: name, labels, start: lineStart, end: c.pos, line, items };
}

/** An attribute's value: a literal read straight into its value, anything else by the full parser. */
function parseValue(c: Cursor): { start: number; end: number; value: Value } {
  const start = c.pos;
  // A cursor that records what it skips (encoding.ts) sees every skip of the full parser only.
  const value = c instanceof SkipRecordingCursor ? undefined : readLiteral(c);
  return value === undefined ? parseExpression(c, false) : { start, end: c.pos, value };
}

const LABEL = /"(?:[^"\\\n]|\\.)*"/y;

function parseLabel(c: Cursor): string {
  LABEL.lastIndex = c.pos;
  const m = LABEL.exec(c.text);
  if (!m) throw c.error("Invalid block label: unterminated string");
  c.pos += m[0].length;
  return JSON.parse(m[0]);
}

/** A tfvars value must be constant: a reference or a call is an error, as in terraform. */
function refuseUnevaluable(c: Cursor, a: Attribute): void {
  const problem = a.value instanceof HclExpression ? a.value.problem : undefined;
  if (!problem) return;
  const e = c.error(`${problem.summary}: ${problem.detail.replace(/\.$/, "")}`, problem.at);
  throw new TfvarsValueError(e.file, e.line, e.column, e.detail, e.sourceLine);
}

function atLineEnd(c: Cursor): boolean {
  return c.done() || c.peek() === "\n" || c.startsWith("\r\n");
}

function endOfLine(c: Cursor, what: string): void {
  if (c.done()) return;
  if (c.peek() === "\n") c.pos++;
  else if (c.startsWith("\r\n")) c.pos += 2;
  else throw c.error(`${what}; found ${JSON.stringify(c.peek())}`);
}

function trivia(start: number, end: number, isComment: boolean): Trivia {
  return { kind: "trivia", start, end, isComment };
}

function leadingCommentsStart(items: Item[], start: number): number {
  let i = items.length - 1;
  let leading = start;
  while (i >= 0 && items[i].kind === "trivia" && (items[i] as Trivia).isComment) {
    leading = items[i].start;
    i--;
  }
  return leading;
}
