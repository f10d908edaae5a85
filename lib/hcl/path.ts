// Paths into a variable's value: the variable's name, then `.key` or `["key"]` steps into objects
// and maps, and `.*` for every key of a map. Lists are addressed whole: there are no index steps.

/** A step of a path pattern: a key, or `null` for `*` (every key of a map). */
export type Step = string | null;

export interface PathPattern {
  name: string;
  steps: Step[];
}

/** A concrete path: a variable and the keys down to one value inside it. */
export interface ValuePath {
  name: string;
  keys: string[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** Parses `name.key["other key"].*`; throws a plain Error saying what is wrong. */
export function parsePath(text: string): PathPattern {
  const name = IDENT.exec(text)?.[0];
  if (!name) throw new Error(`"${text}" is not a valid variable name or path`);
  const steps: Step[] = [];
  let i = name.length;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith(".*")) {
      steps.push(null);
      i += 2;
      continue;
    }
    if (rest[0] === ".") {
      const key = IDENT.exec(rest.slice(1))?.[0];
      if (!key) throw new Error(`"${text}": expected a key after "." at character ${i + 2}`);
      steps.push(key);
      i += 1 + key.length;
      continue;
    }
    const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (quoted) {
      steps.push(JSON.parse(`"${quoted[1]}"`));
      i += quoted[0].length;
      continue;
    }
    if (!/^[.[]/.test(rest)) throw new Error(`"${text}" is not a valid variable name or path`);
    const why = /^\[\s*\d/.test(rest)
      ? "lists are addressed whole (no index steps)"
      : `expected ".key", ["key"] or ".*" at character ${i + 1}`;
    throw new Error(`"${text}": ${why}`);
  }
  return { name, steps };
}

/** A step as written in a path: `.key`, `["key"]` for a key that is no identifier, `.*`. */
function formatStep(step: Step): string {
  if (step === null) return ".*";
  return IDENT.exec(step)?.[0] === step ? `.${step}` : `[${JSON.stringify(step)}]`;
}

export function formatPath(name: string, steps: readonly Step[]): string {
  return name + steps.map(formatStep).join("");
}

/** A path as --json carries it: the steps (the name first) and the string. */
export function pathJson(p: ValuePath): { steps: string[]; string: string } {
  return { steps: [p.name, ...p.keys], string: formatPath(p.name, p.keys) };
}

/** What the rules of tfsync.hcl say about a value and the values inside it. */
export interface RuleTree {
  /** This path's own rule: syncs (a group) or not (environment_specific); absent: inherited. */
  syncs?: boolean;
  /** The config line of the rule, for messages. */
  line?: number;
  keys: Map<string, RuleTree>;
  /** The rule of `*`: every key of a map. */
  any?: RuleTree;
}

/** Adds a rule at a path's steps below a tree. Returns the node of the path. */
export function addRule(tree: RuleTree, steps: readonly Step[]): RuleTree {
  let node = tree;
  for (const step of steps) {
    if (step === null) node = node.any ??= { keys: new Map() };
    else {
      let next = node.keys.get(step);
      if (!next) node.keys.set(step, next = { keys: new Map() });
      node = next;
    }
  }
  return node;
}

/** The rules for key `key` of a value under `tree`: the key's own beat `*`'s, which beat the parent's. */
export function childRules(tree: RuleTree, key: string, inherited: boolean): RuleTree {
  const own = tree.keys.get(key);
  const any = tree.any;
  const syncs = own?.syncs ?? any?.syncs ?? inherited;
  if (!own || !any) return { ...(own ?? any ?? { keys: new Map() }), syncs };
  const keys = new Map(any.keys);
  for (const [k, v] of own.keys) keys.set(k, v);
  return { syncs, keys, any: own.any ?? any.any };
}

/** The rules at a path of keys below the tree, with whether the value there syncs. */
export function rulesAt(tree: RuleTree, keys: readonly string[]): RuleTree {
  let node: RuleTree = { ...tree, syncs: tree.syncs ?? false };
  for (const key of keys) node = childRules(node, key, node.syncs!);
  return node;
}

/** The tree names paths below its root. */
export function hasDescendants(tree: RuleTree): boolean {
  return tree.keys.size > 0 || tree.any !== undefined;
}

/** Some path at or below the tree syncs. */
export function anySyncs(tree: RuleTree, inherited: boolean): boolean {
  const syncs = tree.syncs ?? inherited;
  if (syncs) return true;
  return [...tree.keys.values(), ...(tree.any ? [tree.any] : [])].some((t) => anySyncs(t, syncs));
}
