import type { Highs } from 'highs';
import { InternalError } from '../pipeline/errors.js';
import { AttackerLp } from './attackerLp.js';
import type { AttackerModel } from './attackerModel.js';
import { type DisclosureParams, integerInterval, protectionLevel } from './protectionRule.js';

export interface SecondaryResult {
  /** Per canonical cell: suppressed (primary or secondary). */
  suppressed: boolean[];
  /** Per canonical cell chosen as secondary: the primary canonical cells it was chosen for (ascending). */
  protects: Map<number, number[]>;
  /** Search statistics. */
  stats: { lpSolves: number; added: number; released: number };
}

type Side = 'min' | 'max';

/** How many cheapest candidates are tried for one under-protected side before the cheapest is taken anyway. */
const MAX_TRIES = 8;
const IMPROVE_EPS = 1e-7;

/**
 * Secondary suppression on canonical cells (so the pattern is consistent across tables by construction).
 *
 * Greedy, with the LP as judge:
 * 1. primaries in canonical order; for one that fails a side of the rule (its min is above v − p, or its
 *    max below v + p), the published cells with a non-zero dual in that LP are the ones that pin the bound;
 *    they are tried cheapest first (suppressionCost) and the first whose suppression moves the bound is
 *    taken (after MAX_TRIES without movement, the cheapest is taken anyway: the pattern grows, so this
 *    ends — at worst with everything suppressed, which protects every cell). Suppressing only relaxes
 *    the LP, so a primary that passed stays protected while the pattern grows.
 * 2. release: secondaries are tried for publication, most expensive first; a release stands when every
 *    primary still meets the rule. A primary is re-solved only when its stored witness point (a feasible
 *    atom vector reaching v − p, resp. v + p) violates the released cell's value — otherwise the witness
 *    proves the rule still holds.
 *
 * Deterministic: every choice is ordered by (cost, canonical id).
 */
export function secondarySuppression(
  highs: Highs,
  model: AttackerModel,
  primary: readonly boolean[],
  cost: readonly number[],
  params: DisclosureParams,
): SecondaryResult {
  const canon = model.canonical;
  const suppressed = [...primary];
  const protects = new Map<number, Set<number>>();
  const lp = new AttackerLp(
    highs,
    model.variables.length,
    canon.map((c) => ({ vars: c.vars, value: c.value })),
    suppressed.map((s) => !s),
  );
  let lpSolves = 0;
  let added = 0;
  let released = 0;
  const solve = (c: number, side: Side) => {
    lpSolves++;
    return lp.bound(canon[c]!.vars, side);
  };
  const passes = (c: number, side: Side, value: number): boolean => {
    const v = canon[c]!.value;
    const p = protectionLevel(v, params);
    const [lo, hi] = integerInterval(side === 'min' ? value : 0, side === 'max' ? value : 0);
    return side === 'min' ? lo <= Math.max(0, v - p) : hi >= v + p;
  };
  const byCost = (a: number, b: number) => cost[a]! - cost[b]! || a - b;
  /** Witness points per primary and side; null = unbounded (max side) or none yet. */
  const witness = new Map<number, { min: Float64Array | null; max: Float64Array | null }>();

  try {
    const primaries = canon.map((c) => c.id).filter((id) => primary[id]);
    for (const c of primaries) {
      const w: { min: Float64Array | null; max: Float64Array | null } = { min: null, max: null };
      for (const side of ['min', 'max'] as const) {
        let b = solve(c, side);
        let tries = 0;
        while (!passes(c, side, b.value)) {
          const candidates: number[] = [];
          b.rowDual!.forEach((d, r) => {
            if (Math.abs(d) > 1e-9 && !suppressed[r]) candidates.push(r);
          });
          candidates.sort(byCost);
          if (candidates.length === 0) throw new InternalError(`secondary suppression: no candidate for canonical cell ${c}`);
          let chosen = -1;
          let next = b;
          for (const r of candidates.slice(0, MAX_TRIES)) {
            lp.setPublished(r, false);
            const t = solve(c, side);
            tries++;
            const moved = side === 'min' ? t.value < b.value - IMPROVE_EPS : t.value > b.value + IMPROVE_EPS;
            if (moved) {
              chosen = r;
              next = t;
              break;
            }
            lp.setPublished(r, true);
          }
          if (chosen < 0) {
            chosen = candidates[0]!;
            lp.setPublished(chosen, false);
            next = solve(c, side);
          }
          suppressed[chosen] = true;
          added++;
          const set = protects.get(chosen) ?? new Set<number>();
          set.add(c);
          protects.set(chosen, set);
          b = next;
        }
        w[side] = b.x;
      }
      witness.set(c, w);
    }

    // Release pass: most expensive secondary first.
    const secondaries = canon.map((c) => c.id).filter((id) => suppressed[id] && !primary[id]);
    secondaries.sort((a, b) => byCost(b, a));
    for (const r of secondaries) {
      lp.setPublished(r, true);
      const rowVars = canon[r]!.vars;
      const value = canon[r]!.value;
      const violates = (x: Float64Array | null) => {
        if (x === null) return true;
        let s = 0;
        for (const v of rowVars) s += x[v]!;
        return Math.abs(s - value) > 1e-6 * Math.max(1, value);
      };
      const updates: [number, Side, Float64Array | null][] = [];
      let ok = true;
      for (const c of primaries) {
        const w = witness.get(c)!;
        for (const side of ['min', 'max'] as const) {
          if (!violates(w[side])) continue;
          const b = solve(c, side);
          if (!passes(c, side, b.value)) {
            ok = false;
            break;
          }
          updates.push([c, side, b.x]);
        }
        if (!ok) break;
      }
      if (ok) {
        suppressed[r] = false;
        protects.delete(r);
        released++;
      } else {
        lp.setPublished(r, false);
      }
      // A witness found with r published is feasible with r suppressed too: keep them either way.
      for (const [c, side, x] of updates) witness.get(c)![side] = x;
    }
  } finally {
    lp.dispose();
  }
  const out = new Map<number, number[]>();
  for (const [r, set] of [...protects.entries()].sort(([a], [b]) => a - b)) out.set(r, [...set].sort((a, b) => a - b));
  return { suppressed, protects: out, stats: { lpSolves, added, released } };
}
