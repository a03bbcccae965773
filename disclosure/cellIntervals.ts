import type { Highs } from 'highs';
import { InternalError } from '../core/errors.js';
import { AttackerLp, type LpRow } from './attackerLp.js';

/** A part sum at a feasible point at most this small proves a minimum of 0 (LP optima are read to 1e-6 anyway). */
const ZERO_EPS = 1e-9;
/** A part sum at a feasible point this close to a proven upper bound proves the maximum equal to it (integerInterval reads optima to 1e-6). */
const ATTAIN_EPS = 1e-6;
/** How many of a part's smallest enclosing published rows are tried for an upper bound. */
const ENCLOSING_ROWS = 4;
/** A known point is used when it satisfies every published row to this (and x ≥ −this). */
const SEED_EPS = 1e-7;

/**
 * An upper bound on the sum of `part` (local variables of one component) that needs no LP, by LP duality: for a
 * published row S containing every variable of the part, and published rows R₁, R₂, … inside S, disjoint from each
 * other and from the part, the multipliers y = e_S − Σ e_Rᵢ are dual feasible (each variable of the part gets 1,
 * each other variable of S gets 1 or 0, every variable outside S gets 0), so the part's sum is at most
 * value(S) − Σ value(Rᵢ): "a row's total minus the published cells beside it". The smallest few S are tried, the
 * Rᵢ taken greedily by value. Infinity when no published row contains the part. `rowsOf[v]`: the rows of variable v;
 * `published`: which rows are published (default: all, as in a component of the audit).
 */
export function enclosingBound(
  rows: readonly LpRow[],
  rowsOf: readonly (readonly number[])[],
  part: readonly number[],
  published: (row: number) => boolean = () => true,
): number {
  if (part.length === 0) return 0;
  const inPart = new Set(part);
  const enclosing = rowsOf[part[0]!]!.filter((r) => published(r) && part.every((v) => rowsOf[v]!.includes(r)));
  enclosing.sort((a, b) => rows[a]!.vars.length - rows[b]!.vars.length || a - b);
  let best = Infinity;
  for (const s of enclosing.slice(0, ENCLOSING_ROWS)) {
    // rows R ⊆ S \ part: every variable of R in S and none in the part
    const hits = new Map<number, number>();
    for (const v of rows[s]!.vars) {
      if (inPart.has(v)) continue;
      for (const r of rowsOf[v]!) if (r !== s && published(r)) hits.set(r, (hits.get(r) ?? 0) + 1);
    }
    const inside = [...hits].filter(([r, n]) => n === rows[r]!.vars.length).map(([r]) => r);
    inside.sort((a, b) => rows[b]!.value - rows[a]!.value || a - b);
    const used = new Set<number>();
    let bound = rows[s]!.value;
    for (const r of inside) {
      if (rows[r]!.vars.some((v) => used.has(v))) continue;
      for (const v of rows[r]!.vars) used.add(v);
      bound -= rows[r]!.value;
    }
    best = Math.min(best, bound);
  }
  return best;
}

/** An attacker problem: variables ≥ 0, rows = cells; published rows are equalities. */
export interface IntervalProblem {
  numVars: number;
  rows: readonly LpRow[];
  published: readonly boolean[];
  /** Feasible points already known (variable values; e.g. the search's LP optima), checked here before use. */
  seeds?: readonly Float64Array[];
}

/**
 * The attacker intervals [lo, hi] (LP optima, unrounded; hi = Infinity when unbounded) of the `targets`
 * rows, solved by decomposition:
 *
 * 1. a published 0 forces every variable in it to 0 (fixed and removed);
 * 2. the remaining variables split into connected components linked by published rows: the feasible set is
 *    the product of the components' feasible sets, so the minimum (maximum) of a target's sum is the sum of
 *    the minima (maxima) of its parts in each component — one small LP per component part;
 * 3. a part in a component without any published row is free: minimum 0, maximum unbounded;
 * 4. a part whose sum is 0 at an optimal point found earlier in the same component (whose constraints do not
 *    change) has minimum 0 without another LP: the point is feasible and the sum cannot go below 0;
 * 5. likewise a maximum: a part whose sum at such a point reaches the upper bound `enclosingBound` proves (LP
 *    duality) has that bound as its maximum, without another LP. The two need the same evidence as an LP optimum (a
 *    feasible point and a dual bound that meet), and give the same number: LPs are skipped, no interval changes.
 *
 * Exact: no constraint is dropped. The greedy search of secondarySuppression uses the undecomposed
 * `AttackerLp` directly; this function is the final word (protectTables' audit and `multigebruik audit`).
 */
export function cellIntervals(
  highs: Highs,
  problem: IntervalProblem,
  targets: readonly number[],
  /** Counts, when given: LPs solved, and bounds proved without one (a minimum 0 or a maximum by 4. and 5.). */
  stats?: { lps: number; proved: number },
): Map<number, [number, number]> {
  const { numVars, rows, published, seeds = [] } = problem;
  const fixed = new Uint8Array(numVars);
  rows.forEach((r, k) => {
    if (published[k] && r.value === 0) for (const v of r.vars) fixed[v] = 1;
  });

  // Union-find over free variables, linked by published rows.
  const parent = Int32Array.from({ length: numVars }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const liveRows: { vars: number[]; value: number }[] = [];
  rows.forEach((r, k) => {
    if (!published[k]) return;
    const vars = r.vars.filter((v) => !fixed[v]);
    if (vars.length === 0) {
      if (r.value !== 0)
        throw new InternalError(`attacker LP: published row ${k} (value ${r.value}) has only zero variables`);
      return;
    }
    for (let i = 1; i < vars.length; i++) {
      const a = find(vars[0]!);
      const b = find(vars[i]!);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    liveRows.push({ vars, value: r.value });
  });

  // Components: root → local variable numbering and rows.
  const local = new Int32Array(numVars).fill(-1);
  const comps = new Map<number, { size: number; rows: LpRow[] }>();
  for (let v = 0; v < numVars; v++) {
    if (fixed[v]) continue;
    const root = find(v);
    let c = comps.get(root);
    if (!c) {
      c = { size: 0, rows: [] };
      comps.set(root, c);
    }
    local[v] = c.size++;
  }
  for (const r of liveRows)
    comps.get(find(r.vars[0]!))!.rows.push({ vars: r.vars.map((v) => local[v]!), value: r.value });

  const models = new Map<number, AttackerLp>();
  /** Per component: the rows of each local variable (for enclosingBound), built when first needed. */
  const rowsOfVar = new Map<number, number[][]>();
  const rowsOf = (root: number, comp: { size: number; rows: LpRow[] }) => {
    let index = rowsOfVar.get(root);
    if (!index) {
      index = Array.from({ length: comp.size }, () => []);
      comp.rows.forEach((r, k) => {
        for (const v of r.vars) index![v]!.push(k);
      });
      rowsOfVar.set(root, index);
    }
    return index;
  };
  /** The maximum of a part, when a known point of its component reaches the bound that enclosing published rows give. */
  const attainedMax = (root: number, comp: { size: number; rows: LpRow[] }, vars: readonly number[]): number | null => {
    const found = points.get(root) ?? [];
    if (found.length === 0) return null;
    const bound = enclosingBound(comp.rows, rowsOf(root, comp), vars);
    if (bound === Infinity) return null;
    const reached = found.some((x) => {
      let s = 0;
      for (const v of vars) s += x[v]!;
      return s >= bound - ATTAIN_EPS;
    });
    return reached ? bound : null;
  };
  /** Per component: optimal points found so far (all feasible: the component's rows never change). */
  const points = new Map<number, Float64Array[]>();
  // Known points that satisfy every published row (to the LP's reading of an optimum) join them, per component.
  for (const x of seeds) {
    if (x.length !== numVars || x.some((v) => !(v >= -SEED_EPS))) continue;
    const feasible = rows.every((r, k) => {
      if (!published[k]) return true;
      let s = 0;
      for (const v of r.vars) s += x[v]!;
      return Math.abs(s - r.value) <= SEED_EPS;
    });
    if (!feasible) continue;
    const [only] = comps;
    if (comps.size === 1 && only![1].size === numVars) {
      // one component holding every variable: the local numbering is the global one, no copy needed
      points.set(only![0], [...(points.get(only![0]) ?? []), x]);
      continue;
    }
    const projected = new Map<number, Float64Array>();
    for (const [root, comp] of comps) projected.set(root, new Float64Array(comp.size));
    for (let v = 0; v < numVars; v++) if (!fixed[v]) projected.get(find(v))![local[v]!] = x[v]!;
    for (const [root, y] of projected) points.set(root, [...(points.get(root) ?? []), y]);
  }
  /** A minimum is 0 exactly when a feasible point has the part at 0 (x ≥ 0 makes 0 the least possible sum). */
  const zeroAt = (root: number, vars: readonly number[]) =>
    (points.get(root) ?? []).some((x) => {
      let s = 0;
      for (const v of vars) s += x[v]!;
      return s <= ZERO_EPS;
    });
  try {
    const result = new Map<number, [number, number]>();
    for (const t of targets) {
      const parts = new Map<number, number[]>();
      for (const v of rows[t]!.vars) {
        if (fixed[v]) continue;
        const root = find(v);
        const p = parts.get(root) ?? [];
        p.push(local[v]!);
        parts.set(root, p);
      }
      let lo = 0;
      let hi = 0;
      for (const root of [...parts.keys()].sort((a, b) => a - b)) {
        const comp = comps.get(root)!;
        const vars = parts.get(root)!;
        if (comp.rows.length === 0) {
          hi = Infinity;
          continue;
        }
        let lp = models.get(root);
        if (!lp) {
          lp = new AttackerLp(
            highs,
            comp.size,
            comp.rows,
            comp.rows.map(() => true),
          );
          models.set(root, lp);
        }
        const found = points.get(root) ?? [];
        points.set(root, found);
        if (!zeroAt(root, vars)) {
          const min = lp.bound(vars, 'min');
          if (stats) stats.lps++;
          lo += min.value;
          if (min.x) found.push(min.x);
        } else if (stats) stats.proved++;
        const known = attainedMax(root, comp, vars);
        if (known !== null) {
          if (stats) stats.proved++;
          hi += known;
          continue;
        }
        if (stats) stats.lps++;
        const max = lp.bound(vars, 'max');
        hi += max.value;
        if (max.x) found.push(max.x);
      }
      result.set(t, [lo, hi]);
    }
    return result;
  } finally {
    for (const lp of models.values()) lp.dispose();
  }
}
