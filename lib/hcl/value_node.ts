// The nodes of a value's tree (path_tree.ts for HCL, json_tree.ts for JSON): the keys and
// elements of an object or tuple value, each with its span and decor.
import type { Span } from "./document.ts";
import type { Value } from "./value.ts";

export interface ValueNode extends Span {
  value: Value;
  /** "object": a literal object whose keys are all known; "tuple": a literal list. */
  kind: "object" | "tuple" | "other";
  /** An object's entries, in source order. */
  entries: Entry[];
  /** A tuple's elements. */
  elements: ValueNode[];
  /** The object or tuple is written on one line (`{ a = 1, b = 2 }`). */
  oneLine: boolean;
}

export interface Entry {
  key: string;
  /** The key as written (an identifier or a quoted string). */
  keySpan: Span;
  separator: "=" | ":";
  /** Offset of the separator. */
  separatorAt: number;
  value: ValueNode;
  /** Offset just past the comma that follows the value, or null when there is none. */
  commaEnd: number | null;
  /** A comment after the value (and its comma) on the value's last line. */
  comment: Span | null;
  /** The key is the first thing on its line. */
  ownLine: boolean;
  /** Start of the key's line (its indentation) when the key is first on it, else the key. */
  lineStart: number;
  /** Start of the comment lines directly above a key that starts its line; lineStart if none. */
  leadingStart: number;
  /** End of the entry's decor: past its line's newline when the next entry is on another line. */
  end: number;
}
