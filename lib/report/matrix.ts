// tfsync matrix: environments × syncable variables, one table, each cell marked when it differs
// from the shared file's value (with no shared file: from the value most environments have).
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import { effectiveValue, type Located, sameLocated } from "../terraform/layers.ts";
import { FORMAT_VERSION, isSensitive, jsonValue } from "./present.ts";
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import type { TfType } from "../terraform/types.ts";
import { declaredType } from "../terraform/types_equal.ts";

/** A value and its layer, and whether it differs from the row's reference (the shared file's value, or the most common one). */
export type Cell = Located & { differs: boolean };

export interface MatrixRow {
  variable: string;
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
  const rows: MatrixRow[] = [];
  for (const g of chosen) {
    for (const name of g.variables) {
      const cells = envs.map((e) => _cell(effectiveValue(name, layerDocs(e), s.module)));
      const type = declaredType(s.module, name);
      let reference: Cell | undefined;
      let shared: Cell | undefined;
      if (s.shared) {
        shared = _cell(effectiveValue(name, s.shared, s.module, "shared"));
        reference = shared;
      } else reference = _mostCommon(cells, type);
      for (const c of cells) {
        c.differs = reference !== undefined && !sameLocated(c, reference, type);
      }
      rows.push({
        variable: name,
        group: g.name,
        sensitive: isSensitive(s.module, name),
        shared,
        cells,
      });
    }
  }
  return {
    environments: envs.map((e) => e.name),
    ...(s.shared && { sharedFile: s.shared.file }),
    rows,
  };
}

function _cell(e: Located): Cell {
  return { ...e, differs: false };
}

function _mostCommon(cells: Cell[], type: TfType | undefined): Cell | undefined {
  let best: Cell | undefined;
  let bestCount = 0;
  for (const c of cells) {
    const n = cells.filter((d) => sameLocated(c, d, type)).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  return best;
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
