import type { LpRow } from './attackerLp.js';

/** Row duals at most this large (in absolute value) count as 0: the row is not needed by the certificate. */
const ZERO_DUAL = 1e-12;

interface Certificate {
  /** The rows with a non-zero multiplier: the certificate holds while every one of them is published. */
  support: Int32Array;
  /** The bound it proves: a lower bound of the minimum (resp. an upper bound of the maximum). */
  bound: number;
}

/**
 * Dual certificates of the attacker LP found so far, per target and side: the LP twin of `PointPool`. A point pool
 * point proves that a side *passes* (a feasible point reaches the need); a certificate proves that a side *fails* by
 * at least how much, without an LP.
 *
 * LP duality, for the sum of the target variables T over x ≥ 0 and the published rows A x = b: multipliers y on
 * published rows with reduced costs d = e_T − Aᵀy ≥ 0 give Σ_T x = yᵀA x + dᵀx ≥ yᵀb for every feasible x (for the
 * maximum, d ≤ 0 gives Σ_T x ≤ yᵀb). Feasibility of y depends only on which rows carry it, not on the other rows:
 * the certificate holds under every pattern that publishes its support, and its bound yᵀb never changes (the row
 * values are the true counts). Small reduced costs of the wrong sign (the solver's tolerance) are charged
 * rigorously: x_j is at most the value of any support row containing j, so d_j x_j ≥ d_j · that value.
 *
 * The row duals of every optimum of the search's LP are such certificates (HiGHS: d = c − Aᵀy, suppressed rows are
 * free and carry y = 0). The search asks a certificate only where it needs nothing but the answer — a candidate that
 * does not move a failing bound, a release that leaves a primary failing — so the pattern is the one the LPs would
 * give (docs/disclosure.md, "Secondary suppression").
 */
export class DualPool {
  private readonly certificates = new Map<number, Certificate[]>();
  hits = 0;

  constructor(
    private readonly rows: readonly LpRow[],
    private readonly numVars: number,
    private readonly isPublished: (row: number) => boolean,
  ) {}

  private static key(target: number, side: 'min' | 'max'): number {
    return 2 * target + (side === 'max' ? 1 : 0);
  }

  get size(): number {
    let n = 0;
    for (const list of this.certificates.values()) n += list.length;
    return n;
  }

  /**
   * Adds the row duals of an LP optimum for the sum of `vars` (row `target`'s variables) as a certificate for that
   * side; rows not published now must carry no multiplier (a free row's dual is 0), else nothing is added.
   */
  add(target: number, vars: readonly number[], side: 'min' | 'max', rowDual: Float64Array): void {
    const support: number[] = [];
    const aty = new Float64Array(this.numVars);
    /** Per variable: the smallest value of a support row containing it (a bound of x_j while the support is published). */
    const cap = new Float64Array(this.numVars).fill(Infinity);
    let bound = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const y = rowDual[r]!;
      if (Math.abs(y) <= ZERO_DUAL) continue;
      if (!this.isPublished(r)) return;
      support.push(r);
      const row = this.rows[r]!;
      bound += y * row.value;
      for (const v of row.vars) {
        aty[v]! += y;
        if (row.value < cap[v]!) cap[v] = row.value;
      }
    }
    const inTarget = new Uint8Array(this.numVars);
    for (const v of vars) inTarget[v] = 1;
    for (let j = 0; j < this.numVars; j++) {
      const d = inTarget[j]! - aty[j]!;
      // wrong sign: d < 0 for a minimum, d > 0 for a maximum; x_j ≤ cap[j] (every such j lies in a support row)
      const wrong = side === 'min' ? Math.min(d, 0) : Math.max(d, 0);
      if (wrong === 0) continue;
      if (cap[j] === Infinity) return;
      bound += wrong * cap[j]!;
    }
    const k = DualPool.key(target, side);
    const list = this.certificates.get(k) ?? [];
    list.push({ support: Int32Array.from(support), bound });
    this.certificates.set(k, list);
  }

  /**
   * The best bound a certificate proves under the current pattern for side `side` of row `target` (the largest lower
   * bound of its minimum, the smallest upper bound of its maximum), or null when no certificate holds now.
   */
  bound(target: number, side: 'min' | 'max'): number | null {
    let best: number | null = null;
    for (const c of this.certificates.get(DualPool.key(target, side)) ?? []) {
      if (best !== null && (side === 'min' ? c.bound <= best : c.bound >= best)) continue;
      if (c.support.every((r) => this.isPublished(r))) best = c.bound;
    }
    return best;
  }
}
