// Reading tfsync.hcl's text into settings, strictly: every mistake is a ConfigError naming the line.
import { type Attribute, type Block, type Document, parse } from "../hcl/document.ts";
import { ConfigError } from "../errors.ts";
import { HclExpression, HclNumber, type Value } from "../hcl/value.ts";
import type { ConfigSettings, Group } from "./config_types.ts";
import { formatPath, parsePath } from "../hcl/path.ts";

const PATHS = {
  environments_dir: "environmentsDir",
  tfvars_file: "tfvarsFile",
  shared_file: "sharedFile",
  module_dir: "moduleDir",
} as const;
const TOP_LEVEL = [
  ...Object.keys(PATHS),
  "environment_files",
  "environment_specific",
  "promotion_order",
  "group",
];
const GROUP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** One mention of a variable in a list, to find the ones named twice. */
interface Mention {
  name: string;
  where: string;
  line: number;
}

export function parseConfigText(
  text: string,
  file: string,
  defaults: ConfigSettings,
): ConfigSettings {
  const doc = parse(text, file);
  const settings = { ...defaults, groups: [] as Group[], environmentSpecific: [] as string[] };
  const fail = (line: number, message: string, firstLine?: number) =>
    new ConfigError(
      message,
      { file, line },
      firstLine === undefined ? [] : [{ what: "first at", place: { file, line: firstLine } }],
    );
  const groupLines = new Map<string, number>();
  const mentions: Mention[] = [];
  let sawEnvironmentSpecific = false;
  // environment_files replaces environments_dir + tfvars_file: both is a mistake, not a merge.
  const layoutLines: Array<[string, number]> = [];

  for (const item of doc.items) {
    if (item.kind === "trivia") continue;
    if (item.kind === "block") {
      if (item.type !== "group") {
        throw fail(item.line, `Unknown block "${item.type}": expected ${_oneOf(TOP_LEVEL)}`);
      }
      const group = _group(doc, item, fail, mentions);
      const first = groupLines.get(group.name);
      if (first !== undefined) {
        throw fail(item.line, `Group "${group.name}" is defined twice`, first);
      }
      groupLines.set(group.name, item.line);
      settings.groups.push(group);
    } else if (item.name in PATHS) {
      settings[PATHS[item.name as keyof typeof PATHS]] = _path(item, fail);
      if (item.name !== "shared_file" && item.name !== "module_dir") {
        layoutLines.push([item.name, item.line]);
      }
    } else if (item.name === "environment_files") {
      settings.environmentFiles = _patterns(item, fail);
      layoutLines.push([item.name, item.line]);
    } else if (item.name === "promotion_order") {
      [settings.promotionOrder, settings.promotionOrderLines] = _order(doc, item, fail);
    } else if (item.name === "environment_specific") {
      settings.environmentSpecific = _names(doc, item, "environment_specific", fail, mentions);
      sawEnvironmentSpecific = true;
    } else {
      throw fail(item.line, `Unknown setting "${item.name}": expected ${_oneOf(TOP_LEVEL)}`);
    }
  }
  // A file that classifies anything owns the whole classification: mixing in half of the
  // built-in lists would classify variables the user never named. Paths alone keep both lists.
  if (groupLines.size === 0 && !sawEnvironmentSpecific) {
    settings.groups = [...defaults.groups];
    settings.environmentSpecific = [...defaults.environmentSpecific];
  } else if (groupLines.size === 0) {
    settings.groups = [];
  } else if (!sawEnvironmentSpecific) {
    settings.environmentSpecific = [];
  }
  _rejectNamedTwice(mentions, fail);
  const files = layoutLines.find(([n]) => n === "environment_files");
  const old = layoutLines.find(([n]) => n !== "environment_files");
  if (files && old) {
    const [later, earlier] = files[1] > old[1] ? [files, old] : [old, files];
    throw fail(
      later[1],
      `"${later[0]}" and "${earlier[0]}" (line ${earlier[1]}) are alternatives: ` +
        `environment_files replaces environments_dir and tfvars_file; set one or the other`,
    );
  }
  return settings;
}

function _group(
  doc: Document,
  block: Block,
  fail: (line: number, message: string) => ConfigError,
  mentions: Mention[],
): Group {
  if (block.labels.length !== 1) {
    throw fail(block.line, `A group needs exactly one name: group "NAME" { … }`);
  }
  const name = block.labels[0];
  if (!GROUP_NAME.test(name)) {
    throw fail(block.line, `Invalid group name "${name}": use letters, digits, "_" and "-"`);
  }
  let description = "";
  let variables: string[] | undefined;
  for (const item of block.items) {
    if (item.kind === "trivia") continue;
    if (item.kind === "block") {
      throw fail(item.line, `Unexpected block "${item.type}" in group "${name}"`);
    }
    if (item.name === "description") {
      if (typeof item.value !== "string") {
        throw fail(
          item.line,
          `"description" of group "${name}" must be a string, not ${_kind(item.value)}`,
        );
      }
      description = item.value;
    } else if (item.name === "variables") {
      variables = _names(doc, item, `group "${name}"`, fail, mentions);
    } else {
      throw fail(
        item.line,
        `Unknown setting "${item.name}" in group "${name}": expected description or variables`,
      );
    }
  }
  if (variables === undefined) throw fail(block.line, `Group "${name}" has no "variables" list`);
  return { name, description, variables };
}

function _path(attr: Attribute, fail: (line: number, message: string) => ConfigError): string {
  if (typeof attr.value !== "string") {
    throw fail(attr.line, `"${attr.name}" must be a string, not ${_kind(attr.value)}`);
  }
  if (attr.value.trim() === "") throw fail(attr.line, `"${attr.name}" must not be empty`);
  return attr.value;
}

/** environment_files: paths, at least one with {env}; `*` only in a path's last part. */
function _patterns(
  attr: Attribute,
  fail: (line: number, message: string) => ConfigError,
): string[] {
  const value = attr.value;
  const list = `"environment_files" must be a list of paths`;
  if (!Array.isArray(value)) throw fail(attr.line, `${list}, not ${_kind(value)}`);
  if (value.length === 0) throw fail(attr.line, `"environment_files" must not be empty`);
  const out = value.map((v) => {
    if (typeof v !== "string") throw fail(attr.line, `${list}, not a list holding ${_kind(v)}`);
    if (v.trim() === "") throw fail(attr.line, `"environment_files" holds an empty path`);
    const parts = v.split("/");
    if (parts.slice(0, -1).some((p) => p.includes("*"))) {
      throw fail(attr.line, `"${v}": a glob (*) is allowed only in a path's last part`);
    }
    return v;
  });
  if (!out.some((p) => p.includes("{env}"))) {
    throw fail(
      attr.line,
      `"environment_files" needs a path with {env} (the environment's own file): ${
        out.map((p) => JSON.stringify(p)).join(", ")
      } are all shared`,
    );
  }
  return out;
}

/** promotion_order: environment names, each once, and the line of each. */
function _order(
  doc: Document,
  attr: Attribute,
  fail: (line: number, message: string, firstLine?: number) => ConfigError,
): [string[], number[]] {
  const v = attr.value;
  if (!Array.isArray(v) || v.length < 2 || v.some((e) => typeof e !== "string" || e === "")) {
    throw fail(
      attr.line,
      `"promotion_order" must be a list of two or more environment names, as in ["test", "prod"]`,
    );
  }
  const names = v as string[];
  const lines = _lines(doc, attr, names);
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0) {
    const first = lines[names.indexOf(names[twice])];
    throw fail(lines[twice], `"promotion_order" names "${names[twice]}" twice`, first);
  }
  return [names, lines];
}

/** The line of each string of a list attribute (lists may span many). */
function _lines(doc: Document, attr: Attribute, strings: readonly string[]): number[] {
  let from = attr.valueStart;
  return strings.map((v) => {
    const at = doc.text.indexOf(JSON.stringify(v), from);
    if (at < 0 || at >= attr.valueEnd) return attr.line;
    from = at + 1;
    return doc.lineOf(at);
  });
}

/** A list of variable names; each is recorded with its own line (lists may span many). */
function _names(
  doc: Document,
  attr: Attribute,
  where: string,
  fail: (line: number, message: string) => ConfigError,
  mentions: Mention[],
): string[] {
  const label = where === "environment_specific" ? `"${where}"` : `"variables" of ${where}`;
  const value = attr.value;
  if (!Array.isArray(value)) {
    throw fail(attr.line, `${label} must be a list of variable names, not ${_kind(value)}`);
  }
  const bad = value.find((v) => typeof v !== "string");
  if (bad !== undefined) {
    throw fail(
      attr.line,
      `${label} must be a list of variable names, not a list holding ${_kind(bad)}`,
    );
  }
  const lines = _lines(doc, attr, value as string[]);
  return (value as string[]).map((v, i) => {
    const line = lines[i];
    // A variable, or a path into its value (`name.key["other key"].*`), written canonically.
    let path: string;
    try {
      const p = parsePath(v);
      path = formatPath(p.name, p.steps);
    } catch (e) {
      throw fail(line, (e as Error).message);
    }
    mentions.push({ name: path, where, line });
    return path;
  });
}

function _rejectNamedTwice(
  mentions: Mention[],
  fail: (line: number, message: string) => ConfigError,
): void {
  const first = new Map<string, Mention>();
  for (const m of [...mentions].sort((a, b) => a.line - b.line)) {
    const prior = first.get(m.name);
    if (!prior) {
      first.set(m.name, m);
      continue;
    }
    const detail = prior.where === m.where
      ? `is named twice in ${m.where}`
      : prior.where.startsWith("group") && m.where.startsWith("group")
      ? `is in groups ${prior.where.slice(6)} and ${m.where.slice(6)}`
      : `is in ${prior.where} and in ${m.where}`;
    throw fail(m.line, `Variable "${m.name}" ${detail}`);
  }
}

function _kind(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "a bool";
  if (typeof v === "string") return "a string";
  if (v instanceof HclNumber) return "a number";
  if (v instanceof HclExpression) return `the expression "${v.source}"`;
  if (Array.isArray(v)) return "a list";
  return "a map";
}

function _oneOf(names: string[]): string {
  return names.join(", ");
}
