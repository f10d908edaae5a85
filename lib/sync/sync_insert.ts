// Where a variable that a file does not set yet goes: next to its group's neighbours, else as a
// new group block (a comment heading and its lines) beside the neighbouring groups, all inside the
// SYNCED FEATURES section of an environment file (created at the end with the design's banner when
// absent) or anywhere in the shared file. Only the "=" and comment runs the new lines join are
// re-aligned.
import type { Attribute, Document, Item } from "../hcl/document.ts";
import type { Group } from "../config/config.ts";
import { applyEdits, type Edit } from "../hcl/edit.ts";
import { withEol } from "../hcl/eol.ts";

/** A variable to add: its raw value text (as written in the source) and trailing comment. */
export interface NewAttribute {
  name: string;
  value: string;
  comment?: string;
}

/** The banner heading line of the synced section (not a comment that merely mentions it). */
export const SECTION_HEADING = /^[ \t]*(#|\/\/)[ \t]*SYNCED FEATURES\b/;
/** A comment line holding only a rule: `# =====`. */
export const RULE = /^[ \t]*(#|\/\/)[ \t]*[=\-#*]{5,}[ \t]*\r?\n?$/;
export const RULE_LINE = "# " + "=".repeat(77);

export interface Layout {
  /** Config groups: their order places variables and groups, their descriptions head new blocks. */
  groups: readonly Group[];
  /** "section": an environment file (SYNCED FEATURES); "shared": the whole shared file. */
  style: "section" | "shared";
  /** The banner lines of a new SYNCED FEATURES section (style "section"), without line endings. */
  banner?: string[];
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

/** The span of the SYNCED FEATURES section: past its banner, up to the next rule line or the end. */
export function findSection(doc: Document): { start: number; end: number } | undefined {
  const items = doc.items;
  const heading = items.findIndex((i) => isComment(i) && SECTION_HEADING.test(doc.raw(i)));
  if (heading < 0) return undefined;
  let i = heading + 1;
  while (i < items.length && isComment(items[i])) i++;
  const start = items[i - 1].end;
  for (let j = i; j < items.length; j++) {
    if (isComment(items[j]) && RULE.test(doc.raw(items[j]))) return { start, end: items[j].start };
  }
  return { start, end: doc.text.length };
}

/** Adds the attributes (none of which the document sets); returns the new text. */
export function insertAttributes(doc: Document, attrs: NewAttribute[], layout: Layout): string {
  if (attrs.length === 0) return doc.text;
  const eol = doc.eol;
  const edits: Edit[] = [];
  const add = (at: number, text: string) => edits.push({ kind: "lines", at, text });
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const groups = layout.groups.filter((g) => g.variables.some((v) => byName.has(v)));
  const region = layout.style === "section" ? findSection(doc) : { start: 0, end: doc.text.length };
  if (!region) {
    // No section: a new one at the end, holding every new attribute in group blocks.
    const blocks = groups.map((g) => groupBlock(g, byName, layout.style, eol));
    add(
      doc.text.length,
      padBlock(
        doc.text,
        doc.text.length,
        [
          layout.banner!.map((l) => l + eol).join(""),
          ...blocks,
        ].join(eol),
        eol,
      ),
    );
  } else {
    const inRegion = (a: Attribute) => a.start >= region.start && a.start < region.end;
    const present = new Map(doc.attributes.filter(inRegion).map((a) => [a.name, a]));
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
          if (after) add(after.end, lineAt(doc.text, after.end, eol) + line);
          else before.push(byName.get(v)!);
        }
      }
      if (before.length > 0) {
        const first = present.get(members[0])!;
        add(beforeMember(doc, first), before.map((a) => attributeLine(a, eol)).join(""));
      }
    }
    for (const g of missingGroups) {
      const at = placeGroup(doc, g, layout.groups, present, region);
      add(at, padBlock(doc.text, at, groupBlock(g, byName, layout.style, eol), eol));
    }
  }
  return applyEdits(doc, edits);
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
  doc: Document,
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
    if (members.length > 0) return members[0].leadingStart;
  }
  return region.end;
}

/** The end of an attribute's block: it, and the comment lines after it that are not the next
 * attribute's own (a note such as `// x is left to its default`). */
function blockEnd(doc: Document, a: Attribute): number {
  const items = doc.items;
  let j = items.indexOf(a) + 1;
  while (j < items.length && isComment(items[j]) && !RULE.test(doc.raw(items[j]))) j++;
  if (j < items.length && items[j].kind === "attribute") return a.end;
  return items[j - 1].end;
}

/** Where lines go before a member: above its own comments, but below a heading. */
function beforeMember(doc: Document, a: Attribute): number {
  if (a.leadingStart === a.start) return a.start;
  const items = doc.items;
  let i = items.indexOf(a) - 1;
  while (i >= 0 && isComment(items[i])) i--;
  return i >= 0 && items[i].kind === "attribute" ? a.leadingStart : a.start;
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
