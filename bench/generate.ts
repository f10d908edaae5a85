// Synthetic infrastructure repositories for the benchmarks: N environments × M variables in the
// layout tfsync expects (variables.tf, environments/<env>/terraform.tfvars, the shared file,
// tfsync.hcl), printed as `terraform fmt` prints them, deterministic from a seed.
//
//   deno run -A bench/generate.ts --envs 2 --vars 500 --out /tmp/repo [--seed 1] [--changed 0.1]

import { parseArgs } from "node:util";

export interface GenerateOptions {
  /** Number of environments: englacial, prod, dev, then env003, env004, … */
  envs: number;
  /** Number of variables declared in variables.tf. */
  vars: number;
  /** PRNG seed; the same options always give the same bytes. Default 1. */
  seed?: number;
  /** Fraction of syncable values that differ between the first two environments. Default 0.1. */
  changedFraction?: number;
}

/** What was generated, so a caller can build commands (or a Makefile's variable lists) for it. */
export interface GeneratedRepo {
  dir: string;
  environments: string[];
  /** Group name → its variables, in tfsync.hcl order. */
  groups: Record<string, string[]>;
  syncable: string[];
  environmentSpecific: string[];
  /** In neither list; the first `unclassifiedSet` of them are set in every environment. */
  unclassified: string[];
  unclassifiedSet: number;
  /** Syncable variables whose value in environments[1..] differs from environments[0]'s. */
  changed: string[];
}

type Kind = "str" | "num" | "bool" | "list" | "mlist" | "map" | "heredoc";
type Scalar = string | number | boolean;
type Val =
  | { t: "scalar"; v: Scalar }
  | {
    t: "list";
    items: string[];
    multiline: boolean;
    perLine: number;
    notes: string[];
  }
  | {
    t: "map";
    entries: [string, Scalar | string[] | Record<string, string>][];
  }
  | { t: "heredoc"; lines: string[] };

interface Spec {
  name: string;
  kind: Kind;
  salt: number;
  /** Leading comment line and trailing inline comment, when it has them. */
  comment?: string;
  note?: string;
  /** Environment-specific values that differ per environment (others are the same everywhere). */
  perEnv: boolean;
  required: boolean;
}

const GROUPS: [string, string, Kind][] = [
  ["images", "Container images", "str"],
  ["dask", "Dask Gateway configuration", "num"],
  ["timeouts", "Idle timeouts", "num"],
  ["features", "Feature flags", "bool"],
  ["limits", "Resource limits", "map"],
];

// The design document's variables come first, so a small repository looks like its example.
const DESIGN_SYNCABLE: Record<string, [string, Kind][]> = {
  images: [["singleuser_image_name", "str"], ["singleuser_image_tag", "str"]],
  dask: [["dask_worker_cores_max", "num"], ["dask_worker_memory_max", "num"], [
    "dask_cluster_max_cores",
    "num",
  ]],
  timeouts: [["kernel_cull_timeout", "num"], ["server_cull_timeout", "num"]],
  features: [["enable_profile_selection", "bool"], ["use_three_node_groups", "bool"], [
    "enable_lambda_invoke",
    "bool",
  ], ["github_enabled", "bool"]],
  limits: [],
};
const DESIGN_ENV: [string, Kind][] = [
  ["environment", "str"],
  ["region", "str"],
  ["cluster_name", "str"],
  ["domain_name", "str"],
  ["admin_email", "str"],
  ["owner_email", "str"],
  ["cost_center", "str"],
  ["vpc_cidr", "str"],
  ["enable_nat_gateway", "bool"],
  ["single_nat_gateway", "bool"],
  ["system_node_instance_types", "list"],
  ["system_node_min_size", "num"],
  ["system_node_max_size", "num"],
  ["user_node_instance_types", "list"],
  ["user_node_min_size", "num"],
  ["user_node_max_size", "num"],
  ["dask_node_instance_types", "mlist"],
  ["dask_node_min_size", "num"],
  ["dask_node_max_size", "num"],
  ["deletion_protection", "bool"],
  ["force_destroy_s3", "bool"],
  ["skip_final_snapshot", "bool"],
  ["kubernetes_version", "str"],
  ["enable_acm", "bool"],
  ["acm_enable_wildcard", "bool"],
  ["acm_auto_validate", "bool"],
  ["github_org_whitelist", "list"],
  ["pin_main_nodes_single_az", "bool"],
  ["pin_user_nodes_single_az", "bool"],
];
const IDENTITY = new Set(["environment", "region", "domain_name", "cluster_name", "vpc_cidr"]);

const PREFIXES: Record<string, string[]> = {
  images: ["singleuser", "hub", "proxy", "notebook", "scheduler", "sidecar"],
  dask: ["dask_worker", "dask_scheduler", "dask_gateway", "dask_cluster"],
  timeouts: ["kernel", "server", "session", "idle", "token", "culler"],
  features: ["feature", "enable", "use", "allow"],
  limits: ["user", "cpu", "memory", "storage", "gpu"],
  env: ["vpc", "node", "dns", "backup", "db", "cache", "bucket", "log", "alert", "ingress", "kms"],
  unclassified: ["legacy", "extra", "experimental"],
};
const NOUNS = [
  "primary",
  "secondary",
  "web",
  "api",
  "batch",
  "stream",
  "archive",
  "metrics",
  "audit",
  "edge",
  "core",
  "tools",
  "jobs",
  "search",
];
const SUFFIXES: Record<Kind, string[]> = {
  str: ["name", "tag", "version", "url", "class", "mode"],
  num: ["count", "max", "min", "size", "limit", "port", "timeout", "replicas"],
  bool: ["enabled", "public", "required", "encrypted"],
  list: ["zones", "types", "cidrs", "users"],
  mlist: ["allowlist", "instance_types", "subnets"],
  map: ["tags", "settings", "resources"],
  heredoc: ["policy", "script"],
};
const WORDS = [
  "alpha",
  "bravo",
  "pangeo",
  "jupyter",
  "dask",
  "glacier",
  "ocean",
  "delta",
  "nimbus",
];
const NOTES = [
  "per worker",
  "keep in step with the chart",
  "reviewed 2025-11",
  "see runbook",
  "cost sensitive",
  "20 minutes",
  "raise with care",
  "TODO: revisit",
];
const SECTIONS = [
  "Core Settings - NEVER SYNC",
  "Network - Environment Specific",
  "Node Sizing - Environment Specific",
  "Safety - Environment Specific",
  "DNS and Certificates",
  "Storage and Backups",
  "Monitoring and Alerts",
  "Access Control",
];
const RULE = "# " + "=".repeat(77);

/** mulberry32: a small, fast, seedable PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

function int(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

// ---------------------------------------------------------------------------------------------
// Values

function kindOf(spec: Spec): string {
  const n = spec.name;
  if (n === "region") return "region";
  if (n === "kubernetes_version") return "k8s";
  if (n === "singleuser_image_name") return "image";
  if (n === "cluster_name" || n === "cost_center") return "team";
  if (n.endsWith("_email")) return "email";
  if (n.endsWith("_cidr") || n.endsWith("_cidrs")) return "cidr";
  if (n.endsWith("_url")) return "url";
  if (n.endsWith("_tag") || n.endsWith("_version")) return "version";
  if (n.endsWith("instance_types") || n.endsWith("_types")) return "instance";
  if (n.endsWith("_zones")) return "zone";
  return "word";
}

function scalarString(
  rand: () => number,
  flavour: string,
  env: string,
): string {
  switch (flavour) {
    case "email":
      return `${pick(rand, ["admin", "platform", "oncall"])}@${env}.example.com`;
    case "region":
      return pick(rand, ["us-west-2", "us-east-1", "eu-central-1", "ap-southeast-2"]);
    case "k8s":
      return `1.${int(rand, 29, 33)}`;
    case "image":
      return `pangeo/${pick(rand, ["pangeo-notebook", "ml-notebook", "base-notebook"])}`;
    case "team":
      return pick(rand, ["jupyterhub", "platform", "research", "science"]);
    case "cidr":
      return `10.${int(rand, 0, 250)}.0.0/16`;
    case "url":
      return `https://${pick(rand, WORDS)}.${env}.example.com/${pick(rand, NOUNS)}`;
    case "version":
      return `2025.${String(int(rand, 1, 12)).padStart(2, "0")}.${
        String(int(rand, 1, 28)).padStart(2, "0")
      }`;
    case "instance":
      return `${pick(rand, ["m5", "m5a", "r5", "c6i", "t3"])}.${
        pick(rand, ["large", "xlarge", "2xlarge", "4xlarge"])
      }`;
    case "zone":
      return `us-west-2${pick(rand, ["a", "b", "c", "d"])}`;
    default:
      return `${pick(rand, WORDS)}/${pick(rand, WORDS)}-${pick(rand, NOUNS)}`;
  }
}

/** The value of a variable in one variant (an environment index, or a changed copy). */
function valueOf(spec: Spec, variant: number, env: string): Val {
  const rand = prng(spec.salt * 7919 + variant * 104729 + 17);
  const flavour = kindOf(spec);
  const str = () => scalarString(rand, flavour, env);
  switch (spec.kind) {
    case "str":
      if (spec.name === "environment") return { t: "scalar", v: env };
      if (spec.name === "domain_name") {
        return { t: "scalar", v: `hub.${env}.example.com` };
      }
      return { t: "scalar", v: str() };
    case "num":
      return {
        t: "scalar",
        v: rand() < 0.15 ? int(rand, 1, 64) / 4 : int(rand, 0, 4000),
      };
    case "bool":
      return { t: "scalar", v: rand() < 0.5 };
    case "list":
      return {
        t: "list",
        items: Array.from({ length: int(rand, 1, 4) }, str),
        multiline: false,
        perLine: 0,
        notes: [],
      };
    case "mlist": {
      const items = Array.from({ length: int(rand, 3, 8) }, str);
      const perLine = rand() < 0.3 ? 4 : 1;
      const notes = items.map(() => rand() < 0.3 ? pick(rand, NOTES) : "");
      return { t: "list", items, multiline: true, perLine, notes };
    }
    case "map": {
      const keys = ["cpu", "memory", "replicas", "enabled", "image", "zones", "priority", "labels"];
      const entries: [string, Scalar | string[] | Record<string, string>][] = [];
      // The keys are the variable's (its declared object type), the values the variant's.
      const shape = prng(spec.salt);
      const chosen = keys.filter(() => shape() < 0.55);
      for (const k of chosen.length > 0 ? chosen : ["cpu"]) {
        if (k === "cpu" || k === "replicas" || k === "priority") {
          entries.push([k, int(rand, 1, 32)]);
        } else if (k === "memory") entries.push([k, `${int(rand, 1, 64)}Gi`]);
        else if (k === "enabled") entries.push([k, rand() < 0.5]);
        else if (k === "image") {
          entries.push([k, scalarString(rand, "word", env)]);
        } else if (k === "zones") {
          entries.push([k, [
            scalarString(rand, "zone", env),
            scalarString(rand, "zone", env),
          ]]);
        } else {entries.push([k, {
            team: pick(rand, NOUNS),
            tier: pick(rand, ["gold", "silver", "bronze"]),
          }]);}
      }
      return { t: "map", entries };
    }
    case "heredoc":
      return {
        t: "heredoc",
        lines: [
          `# ${pick(rand, NOTES)}`,
          `allow ${pick(rand, WORDS)} from ${scalarString(rand, "cidr", env)}`,
          `deny ${pick(rand, WORDS)} // ${int(rand, 1, 99)}`,
        ],
      };
  }
}

function typeOf(spec: Spec, sample: Val): string {
  if (sample.t === "scalar") {
    return typeof sample.v === "string"
      ? "string"
      : typeof sample.v === "number"
      ? "number"
      : "bool";
  }
  if (sample.t === "list") return "list(string)";
  if (sample.t === "heredoc") return "string";
  const fields = sample.entries.map(([k, v]) => {
    const t = Array.isArray(v)
      ? "list(string)"
      : typeof v === "object"
      ? "map(string)"
      : typeof v === "string"
      ? "string"
      : typeof v === "number"
      ? "number"
      : "bool";
    return `${k} = ${t}`;
  });
  return spec.kind === "map" ? `object({ ${fields.join(", ")} })` : "any";
}

function lit(v: Scalar): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

// ---------------------------------------------------------------------------------------------
// Printing, with terraform fmt's alignment: a run of consecutive lines that each hold a whole
// `name = value` aligns its `=`; a run of consecutive lines with trailing comments aligns them.

interface Line {
  indent: number;
  lead: string;
  assign?: string;
  comment?: string;
}

function attrLines(
  name: string,
  val: Val,
  indent: number,
  note?: string,
): Line[] {
  const pad = indent + 2;
  const comment = note === undefined ? undefined : `# ${note}`;
  if (val.t === "scalar") {
    return [{ indent, lead: name, assign: `= ${lit(val.v)}`, comment }];
  }
  if (val.t === "heredoc") {
    return [{
      indent,
      lead: name,
      assign: `= <<EOT\n${val.lines.join("\n")}\nEOT`,
    }];
  }
  if (val.t === "list" && !val.multiline) {
    return [{
      indent,
      lead: name,
      assign: `= [${val.items.map(lit).join(", ")}]`,
      comment,
    }];
  }
  const out: Line[] = [];
  if (val.t === "list") {
    out.push({ indent, lead: `${name} = [` });
    for (let i = 0; i < val.items.length; i += val.perLine) {
      const chunk = val.items.slice(i, i + val.perLine);
      const n = val.notes[i];
      if (val.perLine === 1 && n && i % 3 === 0) {
        out.push({ indent: pad, lead: `# ${n}` });
      }
      const itemComment = val.perLine === 1 && n && i % 3 !== 0 ? `# ${n}` : undefined;
      out.push({
        indent: pad,
        lead: chunk.map(lit).join(", ") + ",",
        comment: itemComment,
      });
    }
    out.push({ indent, lead: "]" });
    return out;
  }
  out.push({ indent, lead: `${name} = {` });
  for (const [k, v] of val.entries) {
    if (Array.isArray(v)) {
      out.push({
        indent: pad,
        lead: k,
        assign: `= [${v.map(lit).join(", ")}]`,
      });
    } else if (typeof v === "object") {
      out.push({ indent: pad, lead: `${k} = {` });
      const inner = Object.entries(v).map(([ik, iv]) => ({
        indent: pad + 2,
        lead: ik,
        assign: `= ${lit(iv)}`,
      }));
      out.push(...inner, { indent: pad, lead: "}" });
    } else out.push({ indent: pad, lead: k, assign: `= ${lit(v)}` });
  }
  out.push({ indent, lead: "}" });
  return out;
}

function render(lines: Line[]): string {
  const text = lines.map((l) => " ".repeat(l.indent) + l.lead);
  const chains = (
    has: (l: Line) => boolean,
    apply: (from: number, to: number) => void,
  ) => {
    let start = -1;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && has(lines[i])) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        apply(start, i);
        start = -1;
      }
    }
  };
  chains((l) => l.assign !== undefined, (from, to) => {
    const width = Math.max(...text.slice(from, to).map((t) => t.length));
    for (let i = from; i < to; i++) {
      text[i] = text[i].padEnd(width) + " " + lines[i].assign;
    }
  });
  chains((l) => l.comment !== undefined, (from, to) => {
    const width = Math.max(...text.slice(from, to).map((t) => t.length));
    for (let i = from; i < to; i++) {
      text[i] = text[i].padEnd(width) + " " + lines[i].comment;
    }
  });
  return text.map((t) => t.trimEnd()).join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// The repository

export function environmentName(i: number): string {
  return ["englacial", "prod", "dev"][i] ?? `env${String(i).padStart(3, "0")}`;
}

function plan(opts: Required<GenerateOptions>) {
  const rand = prng(opts.seed);
  const used = new Set<string>();
  const fresh = (prefixes: string[], kind: Kind): string => {
    for (let attempt = 0;; attempt++) {
      const base = `${pick(rand, prefixes)}_${pick(rand, NOUNS)}_${pick(rand, SUFFIXES[kind])}`;
      const name = attempt < 20 ? base : `${base}_${attempt}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const kind = (bias?: Kind): Kind => {
    if (bias && rand() < 0.5) return bias;
    const r = rand();
    return r < 0.30
      ? "str"
      : r < 0.55
      ? "num"
      : r < 0.75
      ? "bool"
      : r < 0.86
      ? "list"
      : r < 0.93
      ? "mlist"
      : r < 0.99
      ? "map"
      : "heredoc";
  };
  const spec = (name: string, k: Kind, perEnv = false): Spec => ({
    name,
    kind: k,
    salt: Math.floor(rand() * 2 ** 31),
    comment: rand() < 0.12 ? pick(rand, NOTES) : undefined,
    note: rand() < 0.15 ? pick(rand, NOTES) : undefined,
    perEnv,
    required: IDENTITY.has(name),
  });

  const nSync = Math.round(opts.vars * 0.5);
  const nEnv = Math.round(opts.vars * 0.4);
  const nUnc = opts.vars - nSync - nEnv;
  const groups = new Map<string, Spec[]>(GROUPS.map(([g]) => [g, []]));
  const designSync = GROUPS.flatMap(([g]) => DESIGN_SYNCABLE[g].map(([n, k]) => ({ g, n, k })));
  for (let i = 0; i < nSync; i++) {
    const d = designSync[i];
    if (d) {
      used.add(d.n);
      groups.get(d.g)!.push(spec(d.n, d.k));
    } else {
      const [g, , bias] = GROUPS[i % GROUPS.length];
      const k = kind(bias);
      groups.get(g)!.push(spec(fresh(PREFIXES[g], k), k));
    }
  }
  const envSpecific: Spec[] = [];
  for (let i = 0; i < nEnv; i++) {
    const d = DESIGN_ENV[i];
    if (d) used.add(d[0]);
    const k = d ? d[1] : kind();
    const name = d ? d[0] : fresh(PREFIXES.env, k);
    envSpecific.push(spec(name, k, IDENTITY.has(name) || rand() < 0.5));
  }
  const unclassified: Spec[] = [];
  for (let i = 0; i < nUnc; i++) {
    const k = kind();
    unclassified.push(spec(fresh(PREFIXES.unclassified, k), k));
  }
  const unclassifiedSet = Math.min(
    nUnc,
    Math.max(1, Math.round(opts.vars * 0.02)),
  );
  const syncable = [...groups.values()].flat();
  const order = syncable.map((s) => ({ s, r: rand() })).sort((a, b) => a.r - b.r);
  const nChanged = Math.round(syncable.length * opts.changedFraction);
  const changed = new Set(order.slice(0, nChanged).map((x) => x.s.name));
  return {
    groups,
    envSpecific,
    envSet: new Set(envSpecific),
    unclassified,
    unclassifiedSet,
    changed,
  };
}

type Plan = ReturnType<typeof plan>;

/** A variable's value in environment i: environment-specific ones vary per environment when
 * perEnv; syncable ones are environment 0's everywhere except the changed ones in 1, 2, …. */
function valueIn(p: Plan, s: Spec, i: number, env: string): Val {
  if (p.envSet.has(s)) {
    return s.perEnv ? valueOf(s, i, env) : valueOf(s, 0, SAME);
  }
  if (i === 0 || !p.changed.has(s.name)) return valueOf(s, 0, SAME);
  const base = print(valueOf(s, 0, SAME));
  let v = 1;
  while (print(valueOf(s, v, SAME)) === base) v++;
  return valueOf(s, v, SAME);
}

/** The environment label in values that are the same everywhere. */
const SAME = "shared";

function print(val: Val): string {
  return render(attrLines("x", val, 0));
}

function section(
  specs: Spec[],
  values: (s: Spec) => Val,
  rand: () => number,
): Line[] {
  const out: Line[] = [];
  for (const s of specs) {
    const val = values(s);
    const multi = (val.t === "list" && val.multiline) || val.t === "map" ||
      val.t === "heredoc";
    const prev = out.at(-1);
    if (
      prev && prev.lead !== "" && !prev.lead.startsWith("#") &&
      (val.t === "heredoc" || (multi && rand() < 0.5) || rand() < 0.08)
    ) {
      out.push({ indent: 0, lead: "" });
    }
    if (s.comment) out.push({ indent: 0, lead: `# ${s.comment}` });
    out.push(...attrLines(s.name, val, 0, s.note));
    if (val.t === "heredoc") out.push({ indent: 0, lead: "" });
  }
  return out;
}

function chunks<T>(xs: T[], rand: () => number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length;) {
    const n = int(rand, 6, 14);
    out.push(xs.slice(i, i + n));
    i += n;
  }
  return out;
}

function envFile(p: Plan, i: number, env: string, seed: number): string {
  const rand = prng(seed * 31 + 5); // the same blank-line layout in every environment
  const lines: Line[] = [
    { indent: 0, lead: RULE },
    { indent: 0, lead: "# ENVIRONMENT-SPECIFIC SETTINGS (DO NOT SYNC)" },
    { indent: 0, lead: RULE },
  ];
  const chunked = chunks(p.envSpecific, rand);
  chunked.forEach((specs, c) => {
    const title = SECTIONS[c] ?? `Section ${c + 1} - Environment Specific`;
    lines.push({ indent: 0, lead: "" }, { indent: 0, lead: `# ${title}` });
    lines.push(...section(specs, (s) => valueIn(p, s, i, env), rand));
  });
  if (p.unclassifiedSet > 0) {
    lines.push({ indent: 0, lead: "" }, {
      indent: 0,
      lead: "# Not yet classified",
    });
    const specs = p.unclassified.slice(0, p.unclassifiedSet);
    lines.push(...section(specs, (s) => valueOf(s, 0, SAME), rand));
  }
  lines.push(
    { indent: 0, lead: "" },
    { indent: 0, lead: RULE },
    { indent: 0, lead: "# SYNCED FEATURES (from shared-features.tfvars)" },
    {
      indent: 0,
      lead: `# Last synced: 2026-01-01 from: ${environmentName(0)}`,
    },
    { indent: 0, lead: RULE },
  );
  for (const [g, description] of GROUPS) {
    const specs = p.groups.get(g)!;
    if (specs.length === 0) continue;
    lines.push({ indent: 0, lead: "" }, {
      indent: 0,
      lead: `# ${description}`,
    });
    lines.push(...section(specs, (s) => valueIn(p, s, i, env), rand));
  }
  return render(trimBlanks(lines));
}

function sharedFile(p: Plan, seed: number): string {
  const rand = prng(seed * 31 + 7);
  const env = environmentName(0);
  const lines: Line[] = [
    { indent: 0, lead: "# Shared Features Configuration" },
    { indent: 0, lead: "# These settings sync across all environments" },
    { indent: 0, lead: `# Extracted from: ${env}` },
    { indent: 0, lead: "# Date: 2026-01-01" },
  ];
  for (const [g, description] of GROUPS) {
    const specs = p.groups.get(g)!;
    if (specs.length === 0) continue;
    lines.push({ indent: 0, lead: "" }, { indent: 0, lead: RULE }, {
      indent: 0,
      lead: `# ${description}`,
    }, {
      indent: 0,
      lead: RULE,
    });
    lines.push(...section(specs, (s) => valueIn(p, s, 0, env), rand));
  }
  return render(trimBlanks(lines));
}

function trimBlanks(lines: Line[]): Line[] {
  return lines.filter((l, i) =>
    !(l.lead === "" && (i === lines.length - 1 || lines[i + 1].lead === ""))
  );
}

function variablesFile(p: Plan): string {
  const all: [Spec, string][] = [
    ...[...p.groups.values()].flat().map((
      s,
    ): [Spec, string] => [s, "Synced feature"]),
    ...p.envSpecific.map((
      s,
    ): [Spec, string] => [s, "Environment-specific setting"]),
    ...p.unclassified.map((s): [Spec, string] => [s, "Module setting"]),
  ];
  const lines: Line[] = [];
  for (const [s, what] of all) {
    const def = valueOf(s, 1000, SAME);
    if (lines.length > 0) lines.push({ indent: 0, lead: "" });
    lines.push({ indent: 0, lead: `variable "${s.name}" {` });
    lines.push({ indent: 2, lead: "type", assign: `= ${typeOf(s, def)}` });
    if (!s.required) lines.push(...attrLines("default", def, 2));
    const words = s.name.replaceAll("_", " ");
    lines.push({
      indent: 2,
      lead: "description",
      assign: `= ${JSON.stringify(`${what}: ${words}.`)}`,
    });
    lines.push({ indent: 0, lead: "}" });
  }
  return render(lines);
}

function configFile(p: Plan): string {
  const lines: Line[] = [
    { indent: 0, lead: "environments_dir", assign: '= "environments"' },
    {
      indent: 0,
      lead: "shared_file",
      assign: '= "environments/shared-features.tfvars"',
    },
    { indent: 0, lead: "module_dir", assign: '= "."' },
  ];
  const list = (name: string, names: string[], indent: number) => {
    lines.push({ indent, lead: `${name} = [` });
    for (const n of names) {
      lines.push({ indent: indent + 2, lead: `${JSON.stringify(n)},` });
    }
    lines.push({ indent, lead: "]" });
  };
  for (const [g, description] of GROUPS) {
    const specs = p.groups.get(g)!;
    if (specs.length === 0) continue;
    lines.push({ indent: 0, lead: "" }, { indent: 0, lead: `group "${g}" {` });
    lines.push({
      indent: 2,
      lead: "description",
      assign: `= ${JSON.stringify(description)}`,
    });
    list("variables", specs.map((s) => s.name), 2);
    lines.push({ indent: 0, lead: "}" });
  }
  lines.push({ indent: 0, lead: "" });
  list("environment_specific", p.envSpecific.map((s) => s.name), 0);
  return render(lines);
}

/** The files of a synthetic repository (path relative to its root → text), and what they hold. */
export function generateFiles(
  options: GenerateOptions,
): { files: Map<string, string>; repo: Omit<GeneratedRepo, "dir"> } {
  const opts: Required<GenerateOptions> = { seed: 1, changedFraction: 0.1, ...options };
  const bad = (what: string, value: number) =>
    new TypeError(`Cannot generate repository: ${what}, got "${value}"`);
  if (!Number.isInteger(opts.envs) || opts.envs < 1) {
    throw bad("envs must be a positive integer", opts.envs);
  }
  if (!Number.isInteger(opts.vars) || opts.vars < 1) {
    throw bad("vars must be a positive integer", opts.vars);
  }
  if (!(opts.changedFraction >= 0 && opts.changedFraction <= 1)) {
    throw bad("changedFraction must be between 0 and 1", opts.changedFraction);
  }
  const p = plan(opts);
  const environments = Array.from({ length: opts.envs }, (_, i) => environmentName(i));
  const files = new Map<string, string>([
    ["variables.tf", variablesFile(p)],
    ["tfsync.hcl", configFile(p)],
    ["environments/shared-features.tfvars", sharedFile(p, opts.seed)],
  ]);
  for (const [i, env] of environments.entries()) {
    files.set(`environments/${env}/terraform.tfvars`, envFile(p, i, env, opts.seed));
  }
  const groups = Object.fromEntries(
    [...p.groups].filter(([, s]) => s.length > 0).map(([g, s]) => [g, s.map((x) => x.name)]),
  );
  return {
    files,
    repo: {
      environments,
      groups,
      syncable: Object.values(groups).flat(),
      environmentSpecific: p.envSpecific.map((s) => s.name),
      unclassified: p.unclassified.map((s) => s.name),
      unclassifiedSet: p.unclassifiedSet,
      changed: [...p.changed],
    },
  };
}

/** Writes a synthetic repository into dir (created when missing) and describes it. */
export async function generateRepo(
  dir: string,
  options: GenerateOptions,
): Promise<GeneratedRepo> {
  const { files, repo } = generateFiles(options);
  for (const [path, text] of files) {
    const slash = path.lastIndexOf("/");
    if (slash > 0) await Deno.mkdir(`${dir}/${path.slice(0, slash)}`, { recursive: true });
    else await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${dir}/${path}`, text);
  }
  return { dir, ...repo };
}

const USAGE =
  `Usage: deno run -A bench/generate.ts --envs N --vars M --out DIR [--seed S] [--changed F]

Writes a synthetic infrastructure repository for tfsync's benchmarks into DIR (which must be
missing or empty): variables.tf, tfsync.hcl, environments/shared-features.tfvars and
environments/<env>/terraform.tfvars for N environments (englacial, prod, dev, env003, …).
--changed F: the fraction of syncable values that differ between the first two environments (0.1).
`;

async function cli(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        envs: { type: "string" },
        vars: { type: "string" },
        out: { type: "string" },
        seed: { type: "string", default: "1" },
        changed: { type: "string", default: "0.1" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`generate: ${(e as Error).message}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.envs || !values.vars || !values.out) {
    console.error(
      `generate: --envs, --vars and --out are required\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    for await (const _ of Deno.readDir(values.out)) {
      console.error(`generate: output directory "${values.out}" is not empty`);
      return 2;
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  try {
    const repo = await generateRepo(values.out, {
      envs: Number(values.envs),
      vars: Number(values.vars),
      seed: Number(values.seed),
      changedFraction: Number(values.changed),
    });
    console.log(
      `${repo.dir}: ${repo.environments.length} environments × ${values.vars} variables ` +
        `(${repo.syncable.length} syncable in ${Object.keys(repo.groups).length} groups, ` +
        `${repo.environmentSpecific.length} environment-specific, ${repo.unclassified.length} unclassified, ` +
        `${repo.changed.length} changed between ${repo.environments[0]} and ${
          repo.environments[1] ?? "-"
        })`,
    );
    return 0;
  } catch (e) {
    if (e instanceof TypeError) {
      console.error(`generate: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.main) {
  Deno.exit(await cli(Deno.args));
}
