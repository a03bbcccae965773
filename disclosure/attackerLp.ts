import type { Highs, Model } from 'highs';
import { InternalError } from '../core/errors.js';
import { SOLVER_OPTIONS, setSumObjective, solveWithRetries, COLD_SIMPLEX_STRATEGY } from './loadSolver.js';

/** A row of the attacker LP: the variables a cell sums, and its true value. */
export interface LpRow {
  vars: readonly number[];
  value: number;
}

export interface LpBound {
  /** Optimum of the cell's sum; Infinity when the maximum is unbounded. */
  value: number;
  /** An optimal point (variable values), or null when unbounded (or for an empty target, which needs no LP). */
  x: Float64Array | null;
  /** Row duals at the optimum, or null when unbounded. */
  rowDual: Float64Array | null;
  /** Row activities (every cell's sum) at the optimal point, or null when unbounded. */
  rowValue: Float64Array | null;
}

/** How a bound was obtained (for statistics): warm-started persistent model, cold restart, fresh model, or no LP. */
export type SolvePath = 'warm' | 'cold' | 'fresh' | 'none';

/**
 * One persistent HiGHS model holding every cell as a row: a published cell is the equality `row = value`, a
 * suppressed cell a free row (no constraint). Changing the pattern is changing row bounds, so the solver
 * warm-starts from the previous basis. Used by the secondary-suppression search, which asks many bounds
 * while the pattern grows, and per component by the decomposed `cellIntervals` (the final audit).
 *
 * Robustness. The attacker LP is always feasible (the true counts satisfy every row) and its minimum is
 * bounded (≥ 0), so every bound has an optimum except a maximum that is unbounded — and that case is decided
 * exactly without the solver: every coefficient is +1 and x ≥ 0, so a ray d ≥ 0 with A_published·d = 0 can
 * only move variables that lie in no published row; the maximum is unbounded iff the target has such a
 * variable. Any other non-optimal solver status is therefore numerical trouble of the solver, not a property
 * of the population. Seen on national-size atoms: HiGHS status 15 ("unknown") after a warm start, three
 * simplex iterations leaving primal infeasibilities of 4e-7 above the 1e-9 tolerance. Such a bound is solved
 * again from a cold start (basis discarded), then in a fresh model with HiGHS's default options (presolve on,
 * default tolerances); only when that fails too is it an InternalError.
 */
export class AttackerLp {
  private readonly model: Model;
  private readonly cost: Float64Array;
  private readonly published: boolean[];
  /** Per variable: the number of published rows it lies in (0 = free upwards). */
  private readonly publishedRowsOf: Int32Array;
  /** Which path produced each bound (counts). */
  readonly paths: Record<SolvePath, number> = { warm: 0, cold: 0, fresh: 0, none: 0 };

  constructor(
    private readonly highs: Highs,
    readonly numVars: number,
    readonly rows: readonly LpRow[],
    published: readonly boolean[],
    /** Options of the persistent model (tests inject failing ones); default SOLVER_OPTIONS. */
    options: Readonly<Record<string, string | number | boolean>> = SOLVER_OPTIONS,
  ) {
    this.published = [...published];
    this.publishedRowsOf = new Int32Array(numVars);
    rows.forEach((r, k) => {
      if (this.published[k]) for (const v of r.vars) this.publishedRowsOf[v]!++;
    });
    this.cost = new Float64Array(numVars);
    this.model = highs.createModel(this.modelData());
    this.model.options.set(options);
    this.warmStrategy = options.simplex_strategy;
  }

  /** The simplex strategy of the options (used from the second solve on); the first, cold solve uses the dual simplex. */
  private readonly warmStrategy: string | number | boolean | undefined;
  private solved = false;

  /** The LP with the current pattern and objective (used for the persistent model and for fresh retries). */
  private modelData() {
    const inf = this.highs.infinity;
    const starts = [0];
    const indices: number[] = [];
    for (const r of this.rows) {
      for (const v of r.vars) indices.push(v);
      starts.push(indices.length);
    }
    return {
      numCols: this.numVars,
      numRows: this.rows.length,
      colCost: this.cost,
      colLower: new Float64Array(this.numVars),
      colUpper: new Float64Array(this.numVars).fill(inf),
      rowLower: this.rows.map((r, k) => (this.published[k] ? r.value : -inf)),
      rowUpper: this.rows.map((r, k) => (this.published[k] ? r.value : inf)),
      matrix: {
        format: 'csr' as const,
        numRows: this.rows.length,
        numCols: this.numVars,
        starts: new Int32Array(starts),
        indices: new Int32Array(indices),
        values: new Float64Array(indices.length).fill(1),
      },
    };
  }

  isPublished(row: number): boolean {
    return this.published[row]!;
  }

  setPublished(row: number, published: boolean): void {
    if (this.published[row] === published) return;
    this.published[row] = published;
    for (const v of this.rows[row]!.vars) this.publishedRowsOf[v]! += published ? 1 : -1;
    const inf = this.highs.infinity;
    const v = this.rows[row]!.value;
    this.model.changeRowBounds(row, published ? v : -inf, published ? v : inf);
  }

  /** Is the maximum of the sum of `target` unbounded (some target variable in no published row)? Exact. */
  isUnbounded(target: readonly number[]): boolean {
    for (const k of target) if (this.publishedRowsOf[k] === 0) return true;
    return false;
  }

  /** Minimum or maximum of the sum of `target` variables over the current pattern. */
  bound(target: readonly number[], sense: 'min' | 'max'): LpBound {
    if (target.length === 0) {
      this.paths.none++;
      return { value: 0, x: null, rowDual: new Float64Array(this.rows.length), rowValue: null };
    }
    if (sense === 'max' && this.isUnbounded(target)) {
      this.paths.none++;
      return { value: Infinity, x: null, rowDual: null, rowValue: null };
    }
    const objSense = setSumObjective(this.highs, this.model, this.cost, target, sense);
    const { modelStatus } = this.highs.constants;
    const optimum = (m: Model): LpBound | null => {
      if (m.getModelStatus() !== modelStatus.optimal) return null;
      const sol = m.getSolution();
      return { value: m.getObjectiveValue(), x: sol.colValue, rowDual: sol.rowDual, rowValue: sol.rowValue };
    };
    const solved = solveWithRetries(
      this.highs,
      this.model,
      () => ({ ...this.modelData(), sense: objSense }),
      optimum,
      () => {
        if (!this.solved && this.warmStrategy !== undefined) {
          // Cold start from the slack basis: the dual simplex is about 2× faster here (measured on national-size
          // atoms); every later solve warm-starts with the configured (primal) strategy.
          this.model.options.set('simplex_strategy', COLD_SIMPLEX_STRATEGY);
          this.model.run();
          this.model.options.set('simplex_strategy', this.warmStrategy);
        } else {
          this.model.run();
        }
        this.solved = true;
      },
    );
    if ('result' in solved) {
      this.paths[solved.path === 'first' ? 'warm' : solved.path]++;
      return solved.result;
    }
    const statuses = solved.statuses;
    throw new InternalError(
      `attacker LP: no optimum for a ${sense} bound over ${target.length} variable(s) (${this.numVars} variables, ${this.rows.length} rows); ` +
        `solver status ${statuses.join(' / ')} (warm / cold / fresh with defaults)`,
    );
  }

  dispose(): void {
    this.model.dispose();
  }
}
