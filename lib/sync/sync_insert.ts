// Where a variable that a file does not set yet goes: next to its group's neighbours, else as a
// new group block (a comment heading and its lines) beside the neighbouring groups, all inside the
// SYNCED FEATURES section of an environment file (created at the end with the design's banner when
// absent) or anywhere in the shared file. Only the "=" and comment runs the new lines join are
// re-aligned.
import type { Attribute, Document, Item } from "../hcl/document.ts";
import type { Group } from "../config/config.ts";
import { type Edit, removalSpan, removedNames, spliceOf } from "../hcl/edit.ts";
import { withEol } from "../hcl/eol.ts";
import { RULE, RULE_LINE, SECTION_HEADING } from "./markers.ts";

/** A variable to add: its raw value text (as written in the source) and trailing comment. */
export interface NewAttribute {
  name: string;
  value: string;
  comment?: string;
}

export interface Layout {
  /** Config groups: their order places variables and groups, their descriptions head new blocks. */
  groups: readonly Group[];
  /** "section": an environment file (SYNCED FEATURES); "shared": the whole shared file. */
  style: "section" | "shared";
  /** The banner lines of a new SYNCED FEATURES section (style "section"), without line endings. */
  banner?: string[];
  /** A comment to add right below an existing section's heading, without its `#` (style "section"). */
  underHeading?: string;
}

/** The heading lines of a new group block. */
export function groupHeading(group: Group, style: Layout["style"]): string[] {
  // Each line of a description is a comment line of its own: a newline must not end the comment.
  const title = (group.description || group.name).split(/\r?\n|\r/).map((l) => `# ${l}`.trimEnd());
  return style === "shared" ? [RULE_LINE, ...title, RULE_LINE] : title;
}

/** `name = value # comment` with the file's line endings, ending with one. */
export function attributeLine(a: NewAttribute, eol: string): string {
  const value = withEol(a.value, eol);
  return `${a.name} = ${value}${a.comment ? " " + a.comment : ""}${eol}`;
}

/** The index of the section's heading line among the items, if they have one. */
function headingOf(doc: Document, items: readonly Item[]): number | undefined {
  const i = items.findIndex((i) => isComment(i) && SECTION_HEADING.test(doc.raw(i)));
  return i < 0 ? undefined : i;
}

function sectionOf(
  doc: Document,
  items: readonly Item[],
): { start: number; end: number } | undefined {
  const heading = headingOf(doc, items);
  if (heading === undefined) return undefined;
  let i = heading + 1;
  while (i < items.length && isComment(items[i])) i++;
  const start = items[i - 1].end;
  for (let j = i; j < items.length; j++) {
    if (isComment(items[j]) && RULE.test(doc.raw(items[j]))) return { start, end: items[j].start };
  }
  return { start, end: doc.text.length };
}

/**
 * The edits that add the attributes (none of which the document sets), at offsets of the
 * document, placed as in the document the `others` edits of the same batch leave: a file's every
 * change is one batch of edits.
 */
export function insertionEdits(
  doc: Document,
  attrs: NewAttribute[],
  layout: Layout,
  others: readonly Edit[] = [],
): Edit[] {
  const eol = doc.eol;
  let view = new Remaining(doc, others);
  const edits: Edit[] = [];
  const add = (at: number, text: string) => edits.push({ kind: "lines", at, text });
  const heading = layout.style === "section" ? headingOf(doc, view.items) : undefined;
  if (heading !== undefined && layout.underHeading !== undefined) {
    const prefix = /^[ \t]*(#|\/\/)/.exec(doc.raw(view.items[heading]))![0];
    const at = view.items[heading].end;
    const lead = doc.text[at - 1] === "\n" ? "" : eol;
    add(at, `${lead}${prefix} ${layout.underHeading}${eol}`);
    // What follows is placed in the text with that line.
    if (attrs.length > 0) view = new Remaining(doc, [...others, ...edits]);
  }
  if (attrs.length === 0) return edits;
  const pad = (at: number, block: string) => padBlock(view.text, view.at(at), block, eol);
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const groups = layout.groups.filter((g) => g.variables.some((v) => byName.has(v)));
  const region = layout.style === "section"
    ? sectionOf(doc, view.items)
    : { start: 0, end: doc.text.length };
  if (!region) {
    // No section: a new one at the end, holding every new attribute in group blocks.
    const blocks = groups.map((g) => groupBlock(g, byName, layout.style, eol));
    add(
      doc.text.length,
      pad(doc.text.length, [layout.banner!.map((l) => l + eol).join(""), ...blocks].join(eol)),
    );
    return edits;
  }
  const inRegion = (a: Attribute) => a.start >= region.start && a.start < region.end;
  const present = new Map(view.attributes().filter(inRegion).map((a) => [a.name, a]));
  const missingGroups: Group[] = [];
  for (const g of groups) {
    const members = g.variables.filter((v) => present.has(v));
    if (members.length === 0) {
      missingGroups.push(g);
      continue;
    }
    // Each new variable goes after the closest member before it (config order), else before
    // the first member present.
    let after: Attribute | undefined;
    const before: NewAttribute[] = [];
    for (const v of g.variables) {
      const a = present.get(v);
      if (a) after = a;
      else if (byName.has(v)) {
        const line = attributeLine(byName.get(v)!, eol);
        if (after) add(after.end, lineAt(view.text, view.at(after.end), eol) + line);
        else before.push(byName.get(v)!);
      }
    }
    if (before.length > 0) {
      const first = present.get(members[0])!;
      add(beforeMember(view, first), before.map((a) => attributeLine(a, eol)).join(""));
    }
  }
  for (const g of missingGroups) {
    const at = placeGroup(view, g, layout.groups, present, region);
    add(at, pad(at, groupBlock(g, byName, layout.style, eol)));
  }
  return edits;
}

/**
 * The document as the other edits of the batch leave it: its items (without the removed
 * attributes) and their leading comments, and its text (`at` maps an offset of the document to
 * it). Offsets stay the document's: the insertions are spliced into it with those edits.
 */
class Remaining {
  readonly items: readonly Item[];
  readonly text: string;
  readonly #doc: Document;
  /** The other edits' splices, in order, and how much each shifts the text after it. */
  readonly #cuts: Array<{ end: number; shift: number }> = [];
  #index: Map<Item, number> | undefined;

  constructor(doc: Document, edits: readonly Edit[]) {
    this.#doc = doc;
    const names = removedNames(edits);
    const splices = edits.map((e) => spliceOf(doc, e, names)).sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    let last = 0, shift = 0;
    for (const s of splices) {
      parts.push(doc.text.slice(last, s.start), s.text);
      shift += s.text.length - (s.end - s.start);
      this.#cuts.push({ end: s.end, shift });
      last = s.end;
    }
    parts.push(doc.text.slice(last));
    this.text = parts.join("");
    const removed = edits.flatMap((e) =>
      e.kind === "remove" ? [removalSpan(doc, doc.get(e.name)!, names)] : []
    )
      .sort((a, b) => a.start - b.start);
    // Removals are of whole items, in order: an item is gone when the next one not before it holds it.
    let k = 0;
    this.items = removed.length === 0 ? doc.items : doc.items.filter((i) => {
      while (k < removed.length && removed[k].end <= i.start) k++;
      return !(k < removed.length && removed[k].start <= i.start && i.end <= removed[k].end);
    });
  }

  /** The offset in `text` of an offset of the document outside the spans the edits replace. */
  at(offset: number): number {
    // The last splice ending at or before the offset: a binary search (-1: none).
    let lo = -1, hi = this.#cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#cuts[mid].end <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset + (lo < 0 ? 0 : this.#cuts[lo].shift);
  }

  attributes(): Attribute[] {
    return this.items.filter((i): i is Attribute => i.kind === "attribute");
  }

  indexOf(item: Item): number {
    if (this.items === this.#doc.items) return this.#doc.indexOf(item);
    this.#index ??= new Map(this.items.map((x, i) => [x, i]));
    return this.#index.get(item)!;
  }

  /** Where the comment lines right above an attribute start, once the removals are done. */
  leadingStart(a: Attribute): number {
    if (this.items === this.#doc.items) return a.leadingStart;
    let i = this.indexOf(a) - 1;
    let start = a.start;
    while (i >= 0 && isComment(this.items[i])) start = this.items[i--].start;
    return start;
  }

  raw(item: Item): string {
    return this.#doc.raw(item);
  }
}

function groupBlock(
  g: Group,
  byName: Map<string, NewAttribute>,
  style: Layout["style"],
  eol: string,
): string {
  const lines = g.variables.filter((v) => byName.has(v)).map((v) =>
    attributeLine(byName.get(v)!, eol)
  );
  return groupHeading(g, style).map((l) => l + eol).join("") + lines.join("");
}

/** Where a group none of whose members is present goes: after the closest earlier group's block,
 * else before the closest later group's block, else at the end of the region. */
function placeGroup(
  doc: Remaining,
  g: Group,
  groups: readonly Group[],
  present: Map<string, Attribute>,
  region: { start: number; end: number },
): number {
  const index = groups.indexOf(g);
  const membersOf = (other: Group) =>
    other.variables.flatMap((v) => present.get(v) ?? []).sort((a, b) => a.start - b.start);
  for (let i = index - 1; i >= 0; i--) {
    const members = membersOf(groups[i]);
    if (members.length > 0) return blockEnd(doc, members[members.length - 1]);
  }
  for (let i = index + 1; i < groups.length; i++) {
    const members = membersOf(groups[i]);
    if (members.length > 0) return doc.leadingStart(members[0]);
  }
  return region.end;
}

/** The end of an attribute's block: it, and the comment lines after it that are not the next
 * attribute's own (a note such as `// x is left to its default`). */
function blockEnd(doc: Remaining, a: Attribute): number {
  const items = doc.items;
  let j = doc.indexOf(a) + 1;
  while (j < items.length && isComment(items[j]) && !RULE.test(doc.raw(items[j]))) j++;
  if (j < items.length && items[j].kind === "attribute") return a.end;
  return items[j - 1].end;
}

/** Where lines go before a member: above its own comments, but below a heading. */
function beforeMember(doc: Remaining, a: Attribute): number {
  const leading = doc.leadingStart(a);
  if (leading === a.start) return a.start;
  const items = doc.items;
  let i = doc.indexOf(a) - 1;
  while (i >= 0 && isComment(items[i])) i--;
  return i >= 0 && items[i].kind === "attribute" ? leading : a.start;
}

/** A line break first when `at` is not at the start of a line. */
function lineAt(text: string, at: number, eol: string): string {
  return at > 0 && text[at - 1] !== "\n" ? eol : "";
}

/** A block with one blank line before it and after it, unless the text already has them. */
function padBlock(text: string, at: number, block: string, eol: string): string {
  let prefix = lineAt(text, at, eol);
  const before = text.slice(0, at) + prefix;
  if (at > 0 && !/(^|\n)[ \t]*\r?\n$/.test(before)) prefix += eol;
  const next = /^[^\n]*/.exec(text.slice(at))![0];
  const suffix = at < text.length && next.trim() !== "" ? eol : "";
  return prefix + block + suffix;
}

function isComment(item: Item): boolean {
  return item.kind === "trivia" && item.isComment;
}
