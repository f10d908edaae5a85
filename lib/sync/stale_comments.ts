// Comments a write leaves behind: the comment lines directly above a value a plan overwrites that
// mention the value it replaces (`# pinned to 1.2.3 until INC-42` above `image_tag = "1.2.3"`)
// say something that is no longer true once it is overwritten, so a person should look at them.
import { HclNumber, type Value } from "../hcl/value.ts";
import type { FilePlan } from "./sync_plan.ts";
import type { LinePlace } from "../hcl/errors.ts";

/** A comment line above an overwritten value that mentions its old value. */
export interface StaleComment extends LinePlace {
  name: string;
  /** The old value as the comment spells it (a string without its quotes). */
  value: string;
  /** The comment line, without its indentation and line ending. */
  comment: string;
}

/** The comments above the values the plans overwrite that mention the value replaced. */
export function staleComments(plans: readonly FilePlan[]): StaleComment[] {
  const out: StaleComment[] = [];
  for (const plan of plans) {
    const doc = plan.beforeDoc;
    for (const c of plan.changes) {
      const old = c.action === "update" && !c.keys ? spelled(c.from) : undefined;
      const attr = old === undefined ? undefined : doc.get(c.name);
      if (!attr || attr.leadingStart === attr.start) continue;
      const mention = new RegExp(`(?<![\\w.-])${escape(old!)}(?!\\.?\\w)`);
      let at = attr.leadingStart;
      for (const text of doc.text.slice(attr.leadingStart, attr.start).split("\n")) {
        const comment = text.replace(/\r$/, "").trim();
        if (mention.test(comment)) {
          out.push({ name: c.name, file: plan.file, line: doc.lineOf(at), value: old!, comment });
        }
        at += text.length + 1;
      }
    }
  }
  return out;
}

/** How a comment would write a value: a number or bool as itself, a string without quotes. */
function spelled(v: Value | undefined): string | undefined {
  if (v instanceof HclNumber) return v.text;
  if (typeof v === "boolean") return String(v);
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
