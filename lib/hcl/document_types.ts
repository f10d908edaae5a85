// The items of a lossless document (document.ts): what the parser (document_parse.ts) builds and
// edits and reports read.
import type { Value } from "./value.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Attribute extends Span {
  kind: "attribute";
  name: string;
  /** Offset of the name (after the line's indentation). */
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  /** The trailing comment on the value's last line (a line or block comment), without its newline. */
  comment: Span | null;
  /** Start of the comment lines directly above (no blank line between); `start` when there are none. */
  leadingStart: number;
  /** 1-based line of the name, and of the value's last line. */
  line: number;
  endLine: number;
  value: Value;
}

export interface Block extends Span {
  kind: "block";
  type: string;
  labels: string[];
  line: number;
  items: Item[];
}

/** Blank lines and comments between attributes: one item a line (a block comment: its lines). */
export interface Trivia extends Span {
  kind: "trivia";
  isComment: boolean;
}

export type Item = Attribute | Block | Trivia;

export interface ParseOptions {
  /** A tfvars file: attributes only, each set once (blocks are an error). */
  tfvars?: boolean;
}
