import type { Highs } from 'highs';
import { InternalError } from '../core/errors.js';
import { AttackerLp, type LpBound } from './attackerLp.js';
import type { AttackerModel } from './attackerModel.js';
import { enclosingBound } from './cellIntervals.js';
import { DualPool } from './dualPool.js';
import { PointPool } from './pointPool.js';
import { type DisclosureParams, integerInterval, protectionLevel } from './protectionRule.js';

export interface SecondaryResult {
  /** Per canonical cell: suppressed (primary or secondary). */
  suppressed: boolean[];
  /** Per canonical cell chosen as secondary: the primary canonical cells it was chosen for (ascending). */
  protects: Map<number, number[]>;
  /** Variable values of the LP optima found that are feasible for the final pattern (witnesses for the final audit). */
  points: Float64Array[];
  /** Search statistics: LP solves, questions answered by a known feasible point instead, by a known dual certificate instead, cells added and released, releases refused without an LP. */
  stats: {
    lpSolves: number;
    poolHits: number;
    dualHits: number;
    added: number;
    released: number;
    cheapRejects: number;
  };
}

type Side = 'min' | 'max';

/** The interval a suppressed cell must reach: lo ≤ need.lo and hi ≥ need.hi. */
export interface Need {
  lo: number;
  hi: number;
}

/** A primary's need: the given one, or the rule's v − p … v + p. */
export function needOf(value: number, params: DisclosureParams, need: Need | null | undefined): Need {
  if (need) return need;
  const p = protectionLevel(value, params);
  return { lo: Math.max(0, value - p), hi: value + p };
}

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
 *    primary still meets the rule.
 *
 * Every question "does this side of this primary pass under the current pattern?" is first put to the pool
 * of feasible points found by earlier LPs (PointPool): a point that is feasible now and already reaches
 * v − p (resp. v + p) answers it without an LP. Only a miss costs an LP, whose optimal point joins the pool.
 * A maximum that is unbounded is recognised without an LP (AttackerLp.isUnbounded). The release pass needs only
 * yes or no, so there a failing side is first put to the dual certificates of earlier LPs (DualPool): one that holds
 * under the current pattern and bounds the side short of its need answers it without an LP. The greedy phase does
 * not use them: its failing LPs give the duals that name the candidates, and skipping LPs there changes the simplex's
 * warm start and with it which of several optimal duals a later LP returns (measured: a different pattern on the
 * demo + 40 user tables).
 *
 * Deterministic: every choice is ordered by (cost, canonical id).
 */
export function secondarySuppression(
  highs: Highs,
  model: AttackerModel,
  primary: readonly boolean[],
  cost: readonly number[],
  params: DisclosureParams,
  /** Per canonical cell: the interval a primary must reach (lo ≤ need.lo, hi ≥ need.hi) when it is not the rule's ±p around its value (cells suppressed for differencing with an earlier export). */
  needs: readonly (Need | null)[] = [],
  /** Called with (primaries protected so far, all primaries) as the search goes (a terminal progress line). */
  onProtected?: (done: number, total: number) => void,
  /** Let dual certificates (DualPool) answer failing sides where only the answer is needed; off only in tests comparing both ways. */
  useDuals = true,
): SecondaryResult {
  const canon = model.canonical;
  const suppressed = [...primary];
  const protects = new Map<number, Set<number>>();
  const rows = canon.map((c) => ({ vars: c.vars, value: c.value }));
  const lp = new AttackerLp(
    highs,
    model.variables.length,
    rows,
    suppressed.map((s) => !s),
  );
  const pool = new PointPool(
    canon.map((c) => c.value),
    (r) => lp.isPublished(r),
  );
  const duals = useDuals ? new DualPool(rows, model.variables.length, (r) => lp.isPublished(r)) : null;
  const setPublished = (r: number, published: boolean) => {
    lp.setPublished(r, published);
    pool.setPublished(r, published);
  };
  let lpSolves = 0;
  let added = 0;
  let released = 0;
  let cheapRejects = 0;
  /** Does a bound value meet this side of the rule for primary c? */
  const reaches = (c: number, side: Side) => {
    const need = needOf(canon[c]!.value, params, needs[c]);
    return (value: number): boolean => {
      const [lo, hi] = integerInterval(side === 'min' ? value : 0, side === 'max' ? value : 0);
      return side === 'min' ? lo <= need.lo : hi >= need.hi;
    };
  };
  /**
   * Does side `side` of primary c pass under the current pattern? `bound` is the LP optimum when one was solved.
   * A failing side is decided by the LP (the search needs its duals), or, when the caller needs only the answer
   * (`answerOnly`), by a dual certificate that holds now and proves the bound short of the need (bound null).
   */
  const check = (c: number, side: Side, answerOnly = false): { pass: boolean; bound: LpBound | null } => {
    const ok = reaches(c, side);
    if (pool.reaches(c, ok)) return { pass: true, bound: null };
    if (answerOnly && duals) {
      const proved = duals.bound(c, side);
      if (proved !== null && !ok(proved)) {
        duals.hits++;
        return { pass: false, bound: null };
      }
    }
    lpSolves++;
    const vars = canon[c]!.vars;
    const bound = lp.bound(vars, side);
    if (bound.rowValue) pool.add(bound.rowValue, bound.x);
    if (duals && bound.x && bound.rowDual) duals.add(c, vars, side, bound.rowDual);
    return { pass: ok(bound.value), bound };
  };
  const byCost = (a: number, b: number) => cost[a]! - cost[b]! || a - b;
  const rowsOf = model.variables.map((v) => v.cells);
  /** Tables of each canonical cell (position indices of its occurrences). */
  const tablesOf = canon.map((c) => new Set(c.occurrences.map((o) => model.positions[o]![0])));
  /**
   * Is the maximum of primary c provably below its need without an LP? `enclosingBound` (LP duality) over the
   * published rows is an upper bound of the LP maximum, so a bound below v + p (resp. need.hi) is a failing side.
   */
  const maxFailsCheaply = (c: number): boolean => {
    const bound = enclosingBound(rows, rowsOf, canon[c]!.vars, (r) => lp.isPublished(r));
    return bound !== Infinity && !reaches(c, 'max')(bound);
  };

  try {
    const primaries = canon.map((c) => c.id).filter((id) => primary[id]);
    onProtected?.(0, primaries.length);
    for (const [k, c] of primaries.entries()) {
      for (const side of ['min', 'max'] as const) {
        let r = check(c, side);
        while (!r.pass) {
          // A failing side was decided by an LP (a pool point can only show a pass).
          const b = r.bound!;
          const candidates: number[] = [];
          b.rowDual!.forEach((d, row) => {
            if (Math.abs(d) > 1e-9 && !suppressed[row]) candidates.push(row);
          });
          candidates.sort(byCost);
          if (candidates.length === 0)
            throw new InternalError(`secondary suppression: no candidate for canonical cell ${c}`);
          let chosen = -1;
          let next = r;
          for (const row of candidates.slice(0, MAX_TRIES)) {
            setPublished(row, false);
            const t = check(c, side);
            const moved =
              t.pass ||
              (side === 'min' ? t.bound!.value < b.value - IMPROVE_EPS : t.bound!.value > b.value + IMPROVE_EPS);
            if (moved) {
              chosen = row;
              next = t;
              break;
            }
            setPublished(row, true);
          }
          if (chosen < 0) {
            chosen = candidates[0]!;
            setPublished(chosen, false);
            next = check(c, side);
          }
          suppressed[chosen] = true;
          added++;
          const set = protects.get(chosen) ?? new Set<number>();
          set.add(c);
          protects.set(chosen, set);
          r = next;
        }
      }
      onProtected?.(k + 1, primaries.length);
    }

    // Release pass: most expensive secondary first.
    const secondaries = canon.map((c) => c.id).filter((id) => suppressed[id] && !primary[id]);
    secondaries.sort((a, b) => byCost(b, a));
    for (const row of secondaries) {
      setPublished(row, true);
      // Before any LP: a primary sharing a table with the released cell whose maximum the published cells beside it
      // now cap below its need fails for sure (its LP maximum is at most that cap), so the release cannot stand. The
      // answer is the one the LPs below would give; only they would take longer.
      const capped = primaries.some((c) => [...tablesOf[row]!].some((t) => tablesOf[c]!.has(t)) && maxFailsCheaply(c));
      if (capped) cheapRejects++;
      const ok = !capped && primaries.every((c) => check(c, 'min', true).pass && check(c, 'max', true).pass);
      if (ok) {
        suppressed[row] = false;
        protects.delete(row);
        released++;
      } else {
        // Points found with the row published are feasible with it suppressed too: the pool keeps them.
        setPublished(row, false);
      }
    }
  } finally {
    lp.dispose();
  }
  const out = new Map<number, number[]>();
  for (const [r, set] of [...protects.entries()].sort(([a], [b]) => a - b))
    out.set(
      r,
      [...set].sort((a, b) => a - b),
    );
  return {
    suppressed,
    protects: out,
    points: pool.usable(),
    stats: { lpSolves, poolHits: pool.hits, dualHits: duals?.hits ?? 0, added, released, cheapRejects },
  };
}
