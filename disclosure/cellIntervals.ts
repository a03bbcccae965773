import type { Highs } from 'highs';
import { InternalError } from '../core/errors.js';
import { AttackerLp, type LpRow } from './attackerLp.js';

/** A part sum at a feasible point at most this small proves a minimum of 0 (LP optima are read to 1e-6 anyway). */
const ZERO_EPS = 1e-9;

/** An attacker problem: variables ≥ 0, rows = cells; published rows are equalities. */
export interface IntervalProblem {
  numVars: number;
  rows: readonly LpRow[];
  published: readonly boolean[];
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
 *    change) has minimum 0 without another LP: the point is feasible and the sum cannot go below 0.
 *
 * Exact: no constraint is dropped. The greedy search of secondarySuppression uses the undecomposed
 * `AttackerLp` directly; this function is the final word (protectTables' audit and `multigebruik audit`).
 */
export function cellIntervals(highs: Highs, problem: IntervalProblem, targets: readonly number[]): Map<number, [number, number]> {
  const { numVars, rows, published } = problem;
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
      if (r.value !== 0) throw new InternalError(`attacker LP: published row ${k} (value ${r.value}) has only zero variables`);
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
  for (const r of liveRows) comps.get(find(r.vars[0]!))!.rows.push({ vars: r.vars.map((v) => local[v]!), value: r.value });

  const models = new Map<number, AttackerLp>();
  /** Per component: optimal points found so far (all feasible: the component's rows never change). */
  const points = new Map<number, Float64Array[]>();
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
          lp = new AttackerLp(highs, comp.size, comp.rows, comp.rows.map(() => true));
          models.set(root, lp);
        }
        const found = points.get(root) ?? [];
        points.set(root, found);
        if (!zeroAt(root, vars)) {
          const min = lp.bound(vars, 'min');
          lo += min.value;
          if (min.x) found.push(min.x);
        }
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
