import type { Highs } from 'highs';
import type { Atom } from '../../model/atom.js';
import { cellMatches } from '../../model/cellTerm.js';
import { bitOf } from '../../model/personSets.js';
import { cellTerms, type TableDeclaration } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { sumInterval } from './sumInterval.js';

/**
 * The person-level attacker across two ROLLING windows of the same data (2017–2021 and 2018–2022), for the tests,
 * written apart from disclosure/ and from the cell-level `windows` link of test/support/jointAttacker.ts.
 *
 * A person is in the earlier window, the later one, or both. One variable ≥ 0 per kind of person:
 * - `both[a][b]`: in earlier atom a and later atom b, where the category breaks allow it — a set of `laterInside`
 *   (a category that ended) held over the later window was held over the earlier one; a set of `earlierInside` (a
 *   category that started) held over the earlier window is held over the later one — and gender and education are
 *   the same (an unknown class may become known); the age class (at first use in the window) may change;
 * - `onlyEarlier[a]`: in the earlier window only, when a holds no `earlierInside` set (it would still hold it later);
 * - `onlyLater[b]`: in the later window only, when b holds no `laterInside` set.
 * Every number shown in a window equals the sum of the persons in that window's atoms of the cell (each window's
 * cells from its own declarations). Only atoms observed in a window get variables (the attacker knows which
 * combinations are empty: stronger than the product's model). Memberships over the background period follow the
 * same rules (the tests use background = analysis period).
 */
export interface RollingRelease {
  atoms: readonly Atom[];
  exported: ExportTables;
  declarations: readonly TableDeclaration[];
}

const maskOf = (keys: readonly string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);

/** Can a person of earlier atom `a` be a person of later atom `b`? */
function canPair(a: Atom, b: Atom, later: number, earlier: number): boolean {
  for (const [x, y] of [
    [a.bits, b.bits],
    [a.bitsBg, b.bitsBg],
  ] as const) {
    if ((y & later & ~x) !== 0) return false;
    if ((x & earlier & ~y) !== 0) return false;
  }
  return (['gender', 'education'] as const).every((d) => a[d] === 'onbekend' || a[d] === b[d]);
}

const protection = (v: number) => Math.max(1, Math.ceil(v * 0.3 - 1e-9));

/**
 * Every primary cell (1 … 9, shown as **) of either window that the person-level attacker narrows below the rule
 * (p = max(1, ceil(0.3 v)); the interval must reach max(0, v − p) and v + p).
 */
export function rollingUnprotectedPrimaries(
  highs: Highs,
  releases: readonly [RollingRelease, RollingRelease],
  nested: { laterInside: readonly string[]; earlierInside: readonly string[] },
): { release: number; table: string; i: number; j: number; value: number; interval: [number, number] }[] {
  const later = maskOf(nested.laterInside);
  const earlier = maskOf(nested.earlierInside);
  const [A, B] = [releases[0].atoms, releases[1].atoms];
  // the variables through each atom of each window
  const through: number[][][] = [A.map(() => []), B.map(() => [])];
  let cols = 0;
  A.forEach((a, k) =>
    B.forEach((b, m) => {
      if (!canPair(a, b, later, earlier)) return;
      through[0]![k]!.push(cols);
      through[1]![m]!.push(cols++);
    }),
  );
  A.forEach((a, k) => {
    if (((a.bits | a.bitsBg) & earlier) === 0) through[0]![k]!.push(cols++);
  });
  B.forEach((b, m) => {
    if (((b.bits | b.bitsBg) & later) === 0) through[1]![m]!.push(cols++);
  });
  const members = (r: number, decl: TableDeclaration, i: number, j: number) => {
    const terms = cellTerms(decl, i, j)!;
    const out: number[] = [];
    releases[r]!.atoms.forEach((a, k) => {
      if (cellMatches(terms, a, decl.basis)) out.push(...through[r]![k]!);
    });
    return out;
  };
  const starts = [0];
  const indices: number[] = [];
  const bounds: number[] = [];
  releases.forEach((rel, r) => {
    for (const decl of rel.declarations) {
      const t = rel.exported.tables[decl.id];
      decl.rows.forEach((_, i) =>
        decl.columns.forEach((_, j) => {
          const shown = t?.cells[i]?.[j];
          if (typeof shown !== 'number' || cellTerms(decl, i, j) === null) return;
          indices.push(...members(r, decl, i, j));
          starts.push(indices.length);
          bounds.push(shown);
        }),
      );
    }
  });
  const model = highs.createModel({
    numCols: cols,
    numRows: bounds.length,
    colCost: new Float64Array(cols),
    colLower: new Float64Array(cols),
    colUpper: new Float64Array(cols).fill(highs.infinity),
    rowLower: bounds,
    rowUpper: bounds,
    matrix: {
      format: 'csr',
      numRows: bounds.length,
      numCols: cols,
      starts: new Int32Array(starts),
      indices: new Int32Array(indices),
      values: new Float64Array(indices.length).fill(1),
    },
  });
  model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
  const out: ReturnType<typeof rollingUnprotectedPrimaries> = [];
  try {
    releases.forEach((rel, release) => {
      for (const decl of rel.declarations) {
        rel.exported.tables[decl.id]?.cells.forEach((row, i) =>
          row.forEach((shown, j) => {
            if (shown !== '**' || cellTerms(decl, i, j) === null) return;
            const terms = cellTerms(decl, i, j)!;
            const v = rel.atoms.reduce((s, a) => s + (cellMatches(terms, a, decl.basis) ? a.n : 0), 0);
            if (v < 1 || v >= 10) return;
            const interval = sumInterval(highs, model, cols, members(release, decl, i, j), 'rolling attacker');
            const p = protection(v);
            if (interval[0] > Math.max(0, v - p) || interval[1] < v + p)
              out.push({ release, table: decl.id, i, j, value: v, interval });
          }),
        );
      }
    });
  } finally {
    model.dispose();
  }
  return out;
}
