// Reads a Makefile written after the environment-sync design: its SYNCABLE_VARS and
// ENV_SPECIFIC_VARS lists (with `\` continuations) and the variable lists of its `sync-<name>`
// targets' `for var in …; do` loops, which become groups. Make is not run: only literal lists and
// references to other literal variables (`$(IMAGE_VARS)`) are understood.
import type { ConfigSettings, Group } from "./config.ts";
import { ConfigError } from "../errors.ts";

export interface ImportedGroup {
  name: string;
  description: string;
  variables: string[];
  /** 1-based line of the target. */
  line: number;
}

export interface MakefileImport {
  syncable: string[];
  environmentSpecific: string[];
  groups: ImportedGroup[];
  /** SHARED_FEATURES, when a literal path. */
  sharedFile?: string;
  /** From a `<dir>/$(SYNC_SOURCE)/<file>` path in a recipe. */
  environmentsDir?: string;
  tfvarsFile?: string;
  warnings: string[];
}

interface Line {
  text: string;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const GROUP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const LISTS = new Set(["SYNCABLE_VARS", "ENV_SPECIFIC_VARS"]);

/** Joins `\`-continued lines; each logical line keeps the number of its first physical line. */
function _logicalLines(text: string): Line[] {
  const out: Line[] = [];
  let pending: Line | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const continued = /(^|[^\\])(\\\\)*\\$/.test(raw);
    const part = continued ? raw.slice(0, -1) : raw;
    if (pending) pending.text += " " + part.replace(/^\s+/, "");
    else pending = { text: part, line: i + 1 };
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/** The text before an unescaped `#`. */
function _uncomment(text: string): string {
  const m = /(^|[^\\])#/.exec(text);
  return m ? text.slice(0, m.index + m[1].length) : text;
}

/** Parses the Makefile. Throws ConfigError when it has no SYNCABLE_VARS list. */
export function parseMakefile(text: string, file = "Makefile"): MakefileImport {
  const lines = _logicalLines(text);
  const vars = new Map<string, string>();
  const warnings: string[] = [];
  const rules: Array<
    { targets: string[]; help: string; comment: string; line: number; recipe: string[] }
  > = [];
  let comment = "";
  for (const l of lines) {
    if (l.text.startsWith("\t")) {
      rules.at(-1)?.recipe.push(l.text);
      continue;
    }
    const t = l.text.trim();
    if (t.startsWith("#")) {
      comment = t.replace(/^#+\s*/, "");
      continue;
    }
    const assign =
      /^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/
        .exec(t);
    if (assign && !/^[^=]*:[^=]/.test(t.slice(0, t.indexOf(assign[2])))) {
      const [, name, op, value] = assign;
      const v = _uncomment(value).trim();
      if (op === "!=") {
        warnings.push(`${file}:${l.line}: ${name} is set by a shell command: ignored`);
      } else if (op === "+=") vars.set(name, `${vars.get(name) ?? ""} ${v}`.trim());
      else if (op !== "?=" || !vars.has(name)) vars.set(name, v);
    } else {
      const rule = /^([^:=#]+?)\s*::?(?!=)(.*)$/.exec(t);
      if (rule) {
        const help = /##\s*(.*)$/.exec(rule[2])?.[1] ?? "";
        rules.push({ targets: rule[1].split(/\s+/), help, comment, line: l.line, recipe: [] });
      }
    }
    if (t !== "") comment = "";
  }
  if (!vars.has("SYNCABLE_VARS")) {
    throw new ConfigError(
      "Cannot import it: it has no SYNCABLE_VARS list (SYNCABLE_VARS := name name …)",
      { file },
    );
  }
  const expand = (value: string, seen: string[] = []): string[] | undefined => {
    const words: string[] = [];
    for (const w of value.split(/\s+/).filter(Boolean)) {
      const ref = /^\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]$/.exec(w);
      if (ref && vars.has(ref[1]) && !seen.includes(ref[1])) {
        const inner = expand(vars.get(ref[1])!, [...seen, ref[1]]);
        if (!inner) return undefined;
        words.push(...inner);
      } else if (NAME.test(w)) words.push(w);
      else return undefined;
    }
    return words;
  };
  const list = (name: string): string[] => {
    const words = vars.has(name) ? expand(vars.get(name)!, [name]) : [];
    if (!words) {
      throw new ConfigError(`Cannot import it: ${name} holds something other than names`, { file });
    }
    return [...new Set(words)];
  };
  const out: MakefileImport = {
    syncable: list("SYNCABLE_VARS"),
    environmentSpecific: list("ENV_SPECIFIC_VARS"),
    groups: [],
    warnings,
  };
  const shared = vars.get("SHARED_FEATURES")?.trim();
  if (shared && /^[^\s$]+$/.test(shared)) out.sharedFile = shared;
  for (const r of rules) {
    const body = r.recipe.join("\n");
    const layout = /([^\s"'=;]+)\/\$[({]SYNC_(?:SOURCE|TARGET)[)}]\/([^\s"';/]+)/.exec(body);
    if (layout && !out.environmentsDir && !layout[1].includes("$")) {
      [out.environmentsDir, out.tfvarsFile] = [layout[1], layout[2]];
    }
    for (const target of r.targets) {
      const m = /^sync-(.+)$/.exec(target);
      if (!m || target.includes("%")) continue;
      const variables: string[] = [];
      let whole = false;
      for (const loop of body.matchAll(/\bfor\s+\w+\s+in\s+([^;]*?)\s*;\s*do\b/g)) {
        if (
          [...loop[1].matchAll(/\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]/g)].some((x) =>
            LISTS.has(x[1])
          )
        ) {
          whole = true; // sync-features-from and friends: the whole list, not a group
          continue;
        }
        const words = expand(loop[1]);
        if (words) variables.push(...words);
        else warnings.push(`${file}:${r.line}: ${target}'s loop list is not plain names: ignored`);
      }
      if (variables.length === 0) continue;
      if (whole || !GROUP_NAME.test(m[1])) {
        warnings.push(`${file}:${r.line}: ${target} is not usable as a group name: ignored`);
        continue;
      }
      out.groups.push({
        name: m[1],
        description: _describe(r.help || r.comment),
        variables: [...new Set(variables)],
        line: r.line,
      });
    }
  }
  return out;
}

/** "Sync only container image settings" → "Container image settings". */
function _describe(text: string): string {
  const t = text.replace(/^sync\s+(only\s+)?/i, "").trim();
  return t ? t[0].toUpperCase() + t.slice(1) : "";
}

/**
 * Settings for tfsync.hcl: the imported groups, then the syncable variables of no group in one
 * more group; ENV_SPECIFIC_VARS as environment_specific. Conflicts are resolved and reported in
 * the warnings (a variable in two groups stays in the first; one in both lists stays syncable).
 */
export function importedSettings(imp: MakefileImport, defaults: ConfigSettings): {
  settings: ConfigSettings;
  warnings: string[];
} {
  const warnings = [...imp.warnings];
  const envSpecific = new Set(imp.environmentSpecific);
  const taken = new Map<string, string>();
  const groups: Group[] = [];
  for (const g of imp.groups) {
    const variables = g.variables.filter((v) => {
      const first = taken.get(v);
      if (first) {
        warnings.push(
          `"${v}" is synced by sync-${first} and sync-${g.name}: kept in group "${first}"`,
        );
        return false;
      }
      if (!imp.syncable.includes(v)) {
        warnings.push(
          `"${v}" is synced by sync-${g.name} but is not in SYNCABLE_VARS: kept as syncable`,
        );
      }
      taken.set(v, g.name);
      return true;
    });
    if (variables.length) groups.push({ name: g.name, description: g.description, variables });
  }
  const rest = imp.syncable.filter((v) => !taken.has(v));
  if (rest.length) {
    const names = new Set(groups.map((g) => g.name));
    const name = ["features", "syncable", "other"].find((n) => !names.has(n)) ?? "other-vars";
    // The description heads the group's section in every var file a sync writes it into.
    groups.push({ name, description: "Other syncable variables", variables: rest });
  }
  for (const g of groups) {
    for (const v of g.variables) {
      if (envSpecific.delete(v)) {
        warnings.push(`"${v}" is in SYNCABLE_VARS and ENV_SPECIFIC_VARS: kept as syncable`);
      }
    }
  }
  return {
    settings: {
      ...defaults,
      ...(imp.environmentsDir && { environmentsDir: imp.environmentsDir }),
      ...(imp.tfvarsFile && { tfvarsFile: imp.tfvarsFile }),
      ...(imp.sharedFile && { sharedFile: imp.sharedFile }),
      groups,
      environmentSpecific: imp.environmentSpecific.filter((v) => envSpecific.has(v)),
    },
    warnings,
  };
}
