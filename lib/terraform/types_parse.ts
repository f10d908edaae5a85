// The parser behind parseType(): type constraint text → TfType. Follows hashicorp/hcl's typeexpr
// and HCL's syntax: object attributes end at a comma or a newline, `=` or `:` before the type,
// trailing commas allowed in argument lists, tuples and objects.

import { HclExpression, HclNumber, type Value } from "../hcl/value.ts";
import type { TfAttribute, TfType } from "./type_model.ts";
import { describe, tokenize, TokenReader } from "./types_tokens.ts";

/** Parses type constraint text; defaults of `optional()` are parsed but not checked here. */
export function parseTypeSyntax(source: string): TfType {
  const p = new _Parser(source, tokenize(source));
  const type = p.type();
  const rest = p.peek();
  if (rest.kind !== "eof") {
    p.fail(rest, `unexpected ${describe(rest)} after the type`);
  }
  return type;
}

const LEGACY: Record<string, TfType> = {
  string: { kind: "string" },
  list: { kind: "list", element: { kind: "any" } },
  map: { kind: "map", element: { kind: "any" } },
};

const KEYWORDS = new Map<string, Value>([
  ["true", true],
  ["false", false],
  ["null", null],
]);

class _Parser extends TokenReader {
  type(): TfType {
    const t = this.next();
    if (t.kind === "string" && t.value !== undefined) {
      if (Object.hasOwn(LEGACY, t.value)) {
        return structuredClone(LEGACY[t.value]);
      }
      this.fail(
        t,
        `only "string", "list" and "map" may be quoted (legacy syntax); write ${t.value}`,
      );
    }
    if (t.kind !== "ident") {
      this.fail(t, `expected a type, found ${describe(t)}`);
    }
    const name = t.text;
    const call = this.is("(");
    switch (name) {
      case "string":
      case "number":
      case "bool":
      case "any":
        if (call) this.fail(this.peek(), `${name} takes no arguments`);
        return { kind: name };
      case "list":
      case "set":
      case "map": {
        const usage = `${name}() takes one argument, the element type, as in ${name}(string)`;
        if (!call && name !== "set") return structuredClone(LEGACY[name]);
        if (!call || this.is(")", 1)) this.fail(this.peek(), usage);
        this.next();
        const element = this.type();
        this.close(usage);
        return { kind: name, element };
      }
      case "tuple": {
        const usage = "tuple() takes one list of element types, as in tuple([string, number])";
        if (!call || !this.is("[", 1)) this.fail(this.peek(), usage);
        this.next();
        this.next();
        const elements: TfType[] = [];
        while (!this.is("]")) {
          elements.push(this.type());
          if (this.is(",")) this.next();
          else if (!this.is("]")) {
            this.fail(
              this.peek(),
              `expected "," or "]" after a tuple element, found ${describe(this.peek())}`,
            );
          }
        }
        this.next();
        this.close(usage);
        return { kind: "tuple", elements };
      }
      case "object": {
        const usage = "object() takes one map of attribute types, as in object({ name = string })";
        if (!call || !this.is("{", 1)) this.fail(this.peek(), usage);
        this.next();
        this.next();
        const attributes = this.attributes();
        this.close(usage);
        return { kind: "object", attributes };
      }
      case "optional":
        return this.fail(
          t,
          "optional() is only valid for an attribute of object({…})",
        );
      default:
        return this.fail(t, `unknown type "${name}"`);
    }
  }

  /** The attributes of `object({…})`, after the "{" up to and including the "}". */
  attributes(): Map<string, TfAttribute> {
    const attributes = new Map<string, TfAttribute>();
    while (!this.is("}")) {
      const key = this.next();
      if (key.kind === "string") {
        this.fail(key, `attribute name ${key.text} must not be quoted`);
      }
      if (key.kind !== "ident") {
        this.fail(
          key,
          `expected an attribute name or "}", found ${describe(key)}`,
        );
      }
      if (attributes.has(key.text)) {
        this.fail(key, `duplicate attribute "${key.text}"`);
      }
      if (this.is(":")) this.next();
      else this.expect("=", `after attribute "${key.text}"`);
      attributes.set(key.text, this.attribute());
      const after = this.peek();
      if (this.is("}") || after.nl) continue;
      if (!this.is(",")) {
        this.fail(
          after,
          `expected "," or a newline after attribute "${key.text}", found ${describe(after)}`,
        );
      }
      this.next();
    }
    this.next();
    return attributes;
  }

  attribute(): TfAttribute {
    if (!(this.peek().text === "optional" && this.is("(", 1))) {
      return { type: this.type(), optional: false };
    }
    const at = this.next();
    this.next();
    if (this.is(")")) {
      this.fail(
        at,
        "optional() needs the attribute type, as in optional(string)",
      );
    }
    const type = this.type();
    if (this.is(",")) this.next();
    if (this.is(")")) {
      this.next();
      return { type, optional: true };
    }
    const value = this.default();
    this.close(
      "optional() takes at most two arguments: the attribute type and a default",
    );
    return { type, optional: true, default: value };
  }

  /** A literal default, or the source text up to the next "," or ")" as an HclExpression. */
  default(): Value {
    const start = this.i;
    const value = this.literal();
    if (value !== undefined && (this.is(",") || this.is(")"))) return value;
    this.i = start;
    let depth = 0;
    for (let t = this.peek(); t.kind !== "eof"; t = this.peek()) {
      if (depth === 0 && (this.is(",") || this.is(")"))) break;
      if (t.kind === "punct" && "([{".includes(t.text)) depth++;
      if (t.kind === "punct" && ")]}".includes(t.text)) depth--;
      this.next();
    }
    const first = this.tokens[start];
    if (this.i === start) {
      this.fail(first, `expected a default value, found ${describe(first)}`);
    }
    const end = this.tokens[this.i - 1];
    return new HclExpression(
      this.source.slice(first.start, end.start + end.text.length),
    );
  }

  /** An HCL literal value; undefined (position unspecified) when the tokens are not one. */
  literal(): Value | undefined {
    const t = this.next();
    if (t.kind === "string") return t.value;
    if (t.kind === "number") return HclNumber.parse(t.text);
    if (t.kind === "ident") {
      return KEYWORDS.get(t.text);
    }
    if (t.text === "-" && this.peek().kind === "number") {
      return HclNumber.parse("-" + this.next().text);
    }
    if (t.text === "[") {
      const items: Value[] = [];
      while (!this.is("]")) {
        const item = this.literal();
        if (item === undefined) return undefined;
        items.push(item);
        if (this.is(",")) this.next();
        else if (!this.is("]")) return undefined;
      }
      this.next();
      return items;
    }
    if (t.text !== "{") return undefined;
    const map = new Map<string, Value>();
    while (!this.is("}")) {
      const key = this.next();
      const name = key.kind === "ident" ? key.text : key.value;
      if (name === undefined || !(this.is("=") || this.is(":"))) {
        return undefined;
      }
      this.next();
      const item = this.literal();
      if (item === undefined) return undefined;
      map.set(name, item);
      if (this.is(",")) this.next();
      else if (!this.is("}") && !this.peek().nl) return undefined;
    }
    this.next();
    return map;
  }
}
