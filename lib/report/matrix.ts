// tfsync matrix: environments × syncable variables, one table, each cell marked when it differs
// from the shared file's value (with no shared file: from the value most environments have).
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import { effectiveValue, type Layers, type Located } from "../terraform/layers.ts";
import { pathJson } from "../hcl/path.ts";
import { syncedKeys } from "../hcl/path_select.ts";
import { effectiveAt, sameAt } from "./path_values.ts";
import { FORMAT_VERSION, isSensitive, jsonValue } from "./present.ts";
import { type EnvironmentFile, layerDocs, type Snapshot } from "../repo/snapshot.ts";

/** A value and its layer, and whether it differs from the row's reference (the shared file's value, or the most common one). */
export type Cell = Located & { differs: boolean };

export interface MatrixRow {
  variable: string;
  /** The keys of the path inside the variable's value this row shows (absent: the whole value). */
  keys?: string[];
  group: string;
  sensitive: boolean;
  /** The shared layer (its value, else the default it leaves); undefined without a shared file. */
  shared?: Cell;
  cells: Cell[];
}

export interface Matrix {
  environments: string[];
  /** The shared file as named to people; undefined when there is none. */
  sharedFile?: string;
  rows: MatrixRow[];
}

/** Builds the matrix for every group, or the named ones (an unknown name is a ConfigError). */
export function buildMatrix(s: Snapshot, groups?: readonly string[]): Matrix {
  const known = s.config.groups.map((g) => g.name);
  for (const g of groups ?? []) {
    if (!known.includes(g)) {
      throw new ConfigError(
        `Unknown group "${g}"${didYouMean(g, known)}: the groups are ${known.join(", ")}`,
      );
    }
  }
  const chosen = s.config.groups.filter((g) => !groups || groups.includes(g.name));
  const envs = inPromotionOrder(s.environments, s.config.settings.promotionOrder);
  const rows = chosen.flatMap((g) => g.variables.flatMap((name) => _rows(s, envs, g.name, name)));
  return {
    environments: envs.map((e) => e.name),
    ...(s.shared && { sharedFile: s.shared.file }),
    rows,
  };
}

/** A variable's rows: one, or one a path the group syncs (by path) as the values have them. */
function _rows(s: Snapshot, envs: EnvironmentFile[], group: string, name: string): MatrixRow[] {
  const effective = envs.map((e) => effectiveValue(name, layerDocs(e), s.module));
  const shared = s.shared && effectiveValue(name, s.shared, s.module, "shared");
  const tree = s.config.rules(name, [group]);
  const found = [shared, ...effective].flatMap((e) =>
    tree && e && e.layer !== "none" ? syncedKeys(e.value, tree).map((k) => JSON.stringify(k)) : []
  );
  const paths: string[][] = tree ? [...new Set(found)].map((k) => JSON.parse(k)) : [[]];
  return paths.map((keys) => {
    const at = (e: Located, layers: Layers) => _cell(effectiveAt(e, layers, name, keys));
    const same = (a: Cell, b: Cell) => sameAt(s.module, name, keys, a.value, b.value);
    const cells = effective.map((e, i) => at(e, layerDocs(envs[i])));
    const ref = shared && at(shared, s.shared);
    const reference = ref ?? _mostCommon(cells, same);
    // No value most environments have (a tie, or all different): each differs from the others.
    for (const c of cells) {
      c.differs = reference ? !same(c, reference) : cells.some((d) => !same(c, d));
    }
    return {
      variable: name,
      ...(keys.length > 0 && { keys }),
      group,
      sensitive: isSensitive(s.module, name),
      shared: ref,
      cells,
    };
  });
}

function _cell(e: Located): Cell {
  return { ...e, differs: false };
}

/** The value more environments have than any other; undefined on a tie. */
function _mostCommon(cells: Cell[], same: (a: Cell, b: Cell) => boolean): Cell | undefined {
  let best: Cell | undefined;
  let bestCount = 0;
  let tied = false;
  for (const c of cells) {
    const n = cells.filter((d) => same(c, d)).length;
    if (n > bestCount) [best, bestCount, tied] = [c, n, false];
    else if (n === bestCount && best && !same(c, best)) tied = true;
  }
  return tied ? undefined : best;
}

/** The matrix as JSON: values exact, sensitive ones left out. */
export function matrixJson(m: Matrix): string {
  const cell = (r: MatrixRow, c: Cell) => ({
    layer: c.layer,
    ...(c.value !== undefined &&
      (r.sensitive ? { sensitive: true } : { value: jsonValue(c.value) })),
    ...(c.file !== undefined && { file: c.file }),
    ...(c.line !== undefined && { line: c.line }),
  });
  return JSON.stringify(
    {
      format_version: FORMAT_VERSION,
      environments: m.environments,
      shared_file: m.sharedFile ?? null,
      rows: m.rows.map((r) => ({
        variable: r.variable,
        ...(r.keys && { path: pathJson({ name: r.variable, keys: r.keys }) }),
        group: r.group,
        shared: r.shared ? cell(r, r.shared) : null,
        cells: Object.fromEntries(
          r.cells.map((c, i) => [m.environments[i], { ...cell(r, c), differs: c.differs }]),
        ),
      })),
    },
    null,
    2,
  ) + "\n";
}

/** Environments named in promotion_order first, in its order; the others after, as found. */
function inPromotionOrder<E extends { name: string }>(
  envs: readonly E[],
  order: readonly string[] = [],
): E[] {
  const rank = (e: E) => order.includes(e.name) ? order.indexOf(e.name) : order.length;
  return envs.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
