import type { Highs, Model } from 'highs';
import { InternalError } from '../pipeline/errors.js';
import { SOLVER_OPTIONS } from './loadSolver.js';

/** A row of the attacker LP: the variables a cell sums, and its true value. */
export interface LpRow {
  vars: readonly number[];
  value: number;
}

export interface LpBound {
  /** Optimum of the cell's sum; Infinity when the maximum is unbounded. */
  value: number;
  /** An optimal point (variable values), or null when unbounded. */
  x: Float64Array | null;
  /** Row duals at the optimum, or null when unbounded. */
  rowDual: Float64Array | null;
}

/**
 * One persistent HiGHS model holding every cell as a row: a published cell is the equality `row = value`, a
 * suppressed cell a free row (no constraint). Changing the pattern is changing row bounds, so the solver
 * warm-starts from the previous basis. Used by the secondary-suppression search, which asks many bounds
 * while the pattern grows; the final audit uses the decomposed `cellIntervals` (a separate code path).
 */
export class AttackerLp {
  private readonly model: Model;
  private readonly cost: Float64Array;
  private readonly published: boolean[];

  constructor(
    private readonly highs: Highs,
    readonly numVars: number,
    readonly rows: readonly LpRow[],
    published: readonly boolean[],
  ) {
    this.published = [...published];
    const starts = [0];
    const indices: number[] = [];
    for (const r of rows) {
      indices.push(...r.vars);
      starts.push(indices.length);
    }
    const inf = highs.infinity;
    this.cost = new Float64Array(numVars);
    this.model = highs.createModel({
      numCols: numVars,
      numRows: rows.length,
      colCost: this.cost,
      colLower: new Float64Array(numVars),
      colUpper: new Float64Array(numVars).fill(inf),
      rowLower: rows.map((r, k) => (this.published[k] ? r.value : -inf)),
      rowUpper: rows.map((r, k) => (this.published[k] ? r.value : inf)),
      matrix: {
        format: 'csr',
        numRows: rows.length,
        numCols: numVars,
        starts: new Int32Array(starts),
        indices: new Int32Array(indices),
        values: new Float64Array(indices.length).fill(1),
      },
    });
    this.model.options.set(SOLVER_OPTIONS);
  }

  isPublished(row: number): boolean {
    return this.published[row]!;
  }

  setPublished(row: number, published: boolean): void {
    if (this.published[row] === published) return;
    this.published[row] = published;
    const inf = this.highs.infinity;
    const v = this.rows[row]!.value;
    this.model.changeRowBounds(row, published ? v : -inf, published ? v : inf);
  }

  /** Minimum or maximum of the sum of `target` variables over the current pattern. */
  bound(target: readonly number[], sense: 'min' | 'max'): LpBound {
    if (target.length === 0) return { value: 0, x: new Float64Array(this.numVars), rowDual: new Float64Array(this.rows.length) };
    this.cost.fill(0);
    for (const k of target) this.cost[k] = 1;
    const { objectiveSense, modelStatus } = this.highs.constants;
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.numVars - 1 }, this.cost);
    this.model.changeObjectiveSense(sense === 'min' ? objectiveSense.minimize : objectiveSense.maximize);
    this.model.run();
    const status = this.model.getModelStatus();
    if (status === modelStatus.optimal) {
      const sol = this.model.getSolution();
      return { value: this.model.getObjectiveValue(), x: sol.colValue, rowDual: sol.rowDual };
    }
    // The true counts are a feasible point, so "unbounded or infeasible" can only be unbounded (max side).
    if (sense === 'max' && (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible)) {
      return { value: Infinity, x: null, rowDual: null };
    }
    throw new InternalError(`attacker LP: solver status ${status} for a ${sense} bound`);
  }

  dispose(): void {
    this.model.dispose();
  }
}
