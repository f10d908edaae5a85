// The lossless document model: a file is a list of items (attributes, blocks, and the trivia
// between them: blank lines and comments) whose raw texts concatenate back to the file, byte for
// byte. Edits replace spans of the text and re-parse; nothing is ever re-printed from a tree.
import { Cursor } from "./cursor.ts";
import { hasEscapedBytes, SkipRecordingCursor } from "./encoding.ts";
import { parseBody } from "./document_parse.ts";
import type { Attribute, Block, Item, ParseOptions, Span, Trivia } from "./document_types.ts";

export type { Attribute, Block, Item, ParseOptions, Span, Trivia } from "./document_types.ts";

export class Document {
  /** The syntax: HCL's native one, or its JSON one (`.tfvars.json`, json_document.ts). */
  readonly format: "hcl" | "json" = "hcl";
  readonly file: string;
  readonly text: string;
  readonly items: Item[];
  /** The file's line ending, used for every line an edit adds. */
  readonly eol: "\n" | "\r\n";
  readonly bom: boolean;
  #attributes: Attribute[] | undefined;
  #byName: Map<string, Attribute> | undefined;
  #index: Map<Item, number> | undefined;
  #cursor: Cursor | undefined;

  constructor(file: string, text: string, items: Item[]) {
    this.file = file;
    this.text = text;
    this.items = items;
    const nl = text.indexOf("\n");
    this.eol = nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
    this.bom = text.startsWith("\uFEFF");
  }

  /** The attributes, in order (one array per document: a check looks at each document often). */
  get attributes(): readonly Attribute[] {
    return this.#attributes ??= this.items.filter((i): i is Attribute => i.kind === "attribute");
  }
  get blocks(): Block[] {
    return this.items.filter((i): i is Block => i.kind === "block");
  }
  get(name: string): Attribute | undefined {
    if (!this.#byName) {
      this.#byName = new Map();
      for (const i of this.items) if (i.kind === "attribute") this.#byName.set(i.name, i);
    }
    return this.#byName.get(name);
  }
  /** The position of a top-level item in `items` (-1 for none). */
  indexOf(item: Item): number {
    this.#index ??= new Map(this.items.map((x, i) => [x, i]));
    return this.#index.get(item) ?? -1;
  }
  raw(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
  /** 1-based line number of an offset. */
  lineOf(offset: number): number {
    return this.location(offset).line;
  }
  /** 1-based line and column of an offset. */
  location(offset: number): { line: number; column: number } {
    this.#cursor ??= new Cursor(this.text, this.file);
    return this.#cursor.location(offset);
  }
  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    this.#cursor ??= new Cursor(this.text, this.file);
    return this.#cursor.lineText(line);
  }
}

/** Parses HCL text. Throws TfvarsSyntaxError with file, line and column. */
export function parse(text: string, file = "<input>", options: ParseOptions = {}): Document {
  // Bytes that were not UTF-8 (see encoding.ts) are kept in comments, refused anywhere else.
  const c = hasEscapedBytes(text) ? new SkipRecordingCursor(text, file) : new Cursor(text, file);
  const items: Item[] = [];
  if (c.peek() === "\uFEFF") {
    c.pos = 1;
    items.push({ kind: "trivia", start: 0, end: 1, isComment: false });
  }
  try {
    parseBody(c, items, null, options);
  } catch (e) {
    // A stray byte is what terraform names first, whatever it broke after it.
    if (c instanceof SkipRecordingCursor) c.checkEncoding(c.pos);
    throw e;
  }
  if (c instanceof SkipRecordingCursor) c.checkEncoding();
  return new Document(file, text, items);
}

/** The document's text: the concatenation of its items, which is the text it was parsed from. */
export function print(doc: Document): string {
  return doc.items.map((i) => doc.raw(i)).join("");
}

/** The first comment line (a whole line) matching the pattern. */
export function commentLine(doc: Document, match: RegExp): Trivia | undefined {
  return doc.items.find((i): i is Trivia =>
    i.kind === "trivia" && i.isComment && match.test(doc.raw(i))
  );
}
