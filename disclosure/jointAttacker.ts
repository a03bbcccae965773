import type { Highs, Model } from 'highs';
import { InternalError } from '../core/errors.js';
import type { CellTerm } from '../model/cellTerm.js';
import type { LpRow } from './attackerLp.js';
import type { Pairing } from './personPairing.js';
import { COLD_SIMPLEX_STRATEGY, SOLVER_OPTIONS, solveWithRetries } from './loadSolver.js';
import { integerInterval } from './protectionRule.js';
import type { Need } from './secondarySuppression.js';

/**
 * The joint attacker across releases (docs/disclosure.md, "Across releases"): one LP over the atom variables
 * of the new run and of every earlier export whose atoms can be recomputed (its period is inside the new one,
 * or contains it), linked by coupling rows.
 *
 * - New rows: every canonical cell of the new run; published = `row = value`, suppressed = free.
 * - Earlier rows: every canonical cell of an earlier export; fixed: shown = `row = value`, `**` = free.
 * - Coupling: for every cell declared in both whose terms only ask for memberships (a monotone cell: set
 *   and at-least terms), memberships in the shorter period imply memberships in the longer one, so the
 *   count over the shorter period is at most the count over the longer: X_new(c) − X_earlier(c) ≥ 0 when the
 *   earlier period lies inside the new one (≤ 0 the other way round, = 0 for the same period).
 * - Links between earlier blocks (`links`): the same coupling rows between every pair of earlier exports, so
 *   the attacker holds the whole chain at once (R1 ↔ R2 as well as R1 ↔ new and R2 ↔ new).
 *
 * Every variable has the upper bound BIG (far above any population), so every bound has an optimum; a
 * maximum at BIG is read as unbounded.
 */

/** A flow edge whose two row duals sum above this would improve the optimum (column generation). */
const PRICE_EPS = 1e-9;

/** Upper bound of every variable; a maximum reaching half of it is unbounded. */
const BIG = 1e7;

export type CouplingSense = 'newAtLeast' | 'newAtMost' | 'equal';

/** One coupling row: `newRow` of the later side (the new run, or block `a` of a link) against `oldRow` of the earlier side. */
export interface Coupling {
  newRow: number;
  oldRow: number;
  sense: CouplingSense;
}

/** Coupling rows between two earlier blocks `a` (in the role of the new run) and `b` (indices into the blocks). */
export interface BlockLink {
  a: number;
  b: number;
  coupling: readonly Coupling[];
}

/**
 * Person-level pairing between two releases of the joint model (blocks; −1 = the new run): the persons of
 * `shorter` are persons of `longer` (personPairing.ts). In the LP: one flow variable per edge of the pairing and
 * the transport's rows (every shorter person placed, no longer variable over its count).
 */
export interface BlockPairing {
  shorter: number;
  longer: number;
  pairing: Pairing;
}

export interface JointBlock {
  /** The earlier export (folder as given). */
  label: string;
  numVars: number;
  /** The true count of each of its variables (the first solve starts from their transport). */
  counts: readonly number[];
  rows: readonly LpRow[];
  published: readonly boolean[];
  coupling: readonly Coupling[];
}

/** Is a cell monotone in memberships (more memberships never take a person out of it)? */
export function isMonotoneCell(terms: readonly CellTerm[]): boolean {
  return terms.every((t) => 'set' in t || 'atLeast' in t);
}

export interface JointBound {
  value: number;
  rowDual: Float64Array | null;
  /** The optimal point (variable values). */
  x: Float64Array | null;
}

export class JointLp {
  private readonly model: Model;
  private cost: Float64Array;
  /** Columns: the atom variables of every release, then the flow columns added so far. */
  private numVars: number;
  /** Per pairing: the row of each shorter variable (Σ f − x_v = 0) and of each longer variable (Σ f − y_w ≤ 0). */
  private readonly flowRows: { v: number[]; w: number[] }[] = [];
  /** Per pairing: the column of each edge, −1 while it is not in the LP. */
  private readonly edgeColumn: Int32Array[] = [];
  /** The flow columns in the LP: their pairing and edge. */
  private readonly flowColumns: { k: number; e: number }[] = [];
  /** Flow columns added by pricing (after the seed), and pricing rounds. */
  readonly columnGeneration = { added: 0, rounds: 0 };
  /** Variable offset of each block (the new run's variables come first). */
  readonly offsets: number[];
  private readonly newPublished: boolean[];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  /** Has the model been solved once (later solves warm-start)? */
  private solved = false;

  constructor(
    private readonly highs: Highs,
    readonly numNew: number,
    readonly newRows: readonly LpRow[],
    newPublished: readonly boolean[],
    readonly blocks: readonly JointBlock[],
    readonly links: readonly BlockLink[] = [],
    readonly pairings: readonly BlockPairing[] = [],
    /** The true count of each variable of the new run: with pairings, the first solve starts from their transport. */
    private readonly newCounts?: readonly number[],
  ) {
    const inf = highs.infinity;
    this.newPublished = [...newPublished];
    this.offsets = [];
    let off = numNew;
    for (const b of blocks) {
      this.offsets.push(off);
      off += b.numVars;
    }
    this.numVars = off;
    const addRow = (
      vars: readonly number[],
      coef: number,
      lo: number,
      hi: number,
      more: [readonly number[], number][] = [],
    ) => this.pushRow([[vars, coef], ...more], lo, hi);
    newRows.forEach((r, k) =>
      addRow(r.vars, 1, this.newPublished[k] ? r.value : -inf, this.newPublished[k] ? r.value : inf),
    );
    blocks.forEach((b, bi) => {
      const o = this.offsets[bi]!;
      b.rows.forEach((r, k) =>
        addRow(
          r.vars.map((v) => v + o),
          1,
          b.published[k] ? r.value : -inf,
          b.published[k] ? r.value : inf,
        ),
      );
    });
    // X_later − X_earlier ≥ 0 (newAtLeast), ≤ 0 (newAtMost), = 0 (equal); blocks: −1 = the new run
    const couple = (later: number, earlier: number, cs: readonly Coupling[]) => {
      for (const c of cs)
        addRow(
          this.varsOf(later, c.newRow),
          1,
          c.sense === 'newAtMost' ? -inf : 0,
          c.sense === 'newAtLeast' ? inf : 0,
          [[this.varsOf(earlier, c.oldRow), -1]],
        );
    };
    blocks.forEach((b, bi) => couple(-1, bi, b.coupling));
    for (const l of links) couple(l.a, l.b, l.coupling);
    // the transport of each pairing: every person of the shorter release is placed (Σ_w f(v, w) = x_v), and no
    // longer atom holds more than its count (Σ_v f(v, w) ≤ y_w). The flow columns come by column generation: the
    // edges of the true pairing first (so the truth is always a solution), the others when they price out.
    this.numBaseRows = this.rowLower.length;
    this.pairings.forEach((p, k) => {
      const { numLeft, numRight } = p.pairing;
      const so = p.shorter < 0 ? 0 : this.offsets[p.shorter]!;
      const lo = p.longer < 0 ? 0 : this.offsets[p.longer]!;
      const rows = { v: [] as number[], w: [] as number[] };
      for (let v = 0; v < numLeft; v++) {
        rows.v.push(this.rowLower.length);
        addRow([so + v], -1, 0, 0);
      }
      for (let w = 0; w < numRight; w++) {
        rows.w.push(this.rowLower.length);
        addRow([lo + w], -1, -inf, 0);
      }
      this.flowRows.push(rows);
      this.edgeColumn.push(new Int32Array(p.pairing.targets.length).fill(-1));
      for (const e of p.pairing.seedEdges) this.activate(k, e);
    });
    this.cost = new Float64Array(this.numVars);
    this.model = highs.createModel(this.modelData());
    this.model.options.set(SOLVER_OPTIONS);
  }

  /** Rows before the pairings' rows. */
  private readonly numBaseRows: number;

  /** Give edge e of pairing k a column (in the data only; the caller adds it to a built model). */
  private activate(k: number, e: number): number {
    const col = this.numVars++;
    this.edgeColumn[k]![e] = col;
    this.flowColumns.push({ k, e });
    return col;
  }

  /** The two rows of an edge's column: its shorter variable's and its longer variable's. */
  private edgeRows(k: number, e: number): [number, number] {
    const p = this.pairings[k]!.pairing;
    const v = p.leftOf(e);
    return [this.flowRows[k]!.v[v]!, this.flowRows[k]!.w[p.targets[e]!]!];
  }

  /**
   * Pricing: every edge not in the LP whose reduced cost (0 − the duals of its two rows, minimising) is negative
   * would improve the optimum; they are added. Returns how many.
   */
  private price(rowDual: Float64Array): number {
    let added = 0;
    this.pairings.forEach((p, k) => {
      const cols = this.edgeColumn[k]!;
      for (let e = 0; e < cols.length; e++) {
        if (cols[e]! >= 0) continue;
        const [rv, rw] = this.edgeRows(k, e);
        if (rowDual[rv]! + rowDual[rw]! <= PRICE_EPS) continue;
        this.activate(k, e);
        this.model.addCol(0, 0, BIG, { indices: [rv, rw], values: [1, 1] });
        added++;
      }
    });
    if (added > 0) {
      const grown = new Float64Array(this.numVars);
      grown.set(this.cost.subarray(0, Math.min(this.cost.length, this.numVars)));
      this.cost = grown;
    }
    return added;
  }

  private pushRow(terms: readonly (readonly [readonly number[], number])[], lo: number, hi: number): void {
    for (const [vars, coef] of terms)
      for (const v of vars) {
        this.indices.push(v);
        this.values.push(coef);
      }
    this.starts.push(this.indices.length);
    this.rowLower.push(lo);
    this.rowUpper.push(hi);
  }

  private modelData() {
    const numRows = this.rowLower.length;
    // the flow rows' entries of the flow columns in the LP (the rows hold only their atom variable)
    const extra: number[][] = Array.from({ length: numRows - this.numBaseRows }, () => []);
    for (const { k, e } of this.flowColumns) {
      const col = this.edgeColumn[k]![e]!;
      for (const r of this.edgeRows(k, e)) extra[r - this.numBaseRows]!.push(col);
    }
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < numRows; r++) {
      for (let q = this.starts[r]!; q < this.starts[r + 1]!; q++) {
        indices.push(this.indices[q]!);
        values.push(this.values[q]!);
      }
      if (r >= this.numBaseRows)
        for (const c of extra[r - this.numBaseRows]!) {
          indices.push(c);
          values.push(1);
        }
      starts.push(indices.length);
    }
    return {
      numCols: this.numVars,
      numRows,
      colCost: this.cost,
      colLower: new Float64Array(this.numVars),
      colUpper: new Float64Array(this.numVars).fill(BIG),
      rowLower: [...this.rowLower],
      rowUpper: [...this.rowUpper],
      matrix: {
        format: 'csr' as const,
        numRows,
        numCols: this.numVars,
        starts: new Int32Array(starts),
        indices: new Int32Array(indices),
        values: new Float64Array(values),
      },
    };
  }

  /**
   * With pairings and the true counts known: before the first solve, a basis of the true counts' transport — the atom
   * columns fixed at their true counts, the flows solved (a transport: fast), then the atom columns freed again, so
   * that the dual simplex of the first solve starts from there instead of from the slack basis. Measured on the
   * national chain (2017–2022 with two earlier exports: 49,694 columns, 36,704 rows): 70 s → 31 s. Only the start
   * changes, not the LP.
   */
  private startFromTruth(): void {
    if (this.pairings.length === 0 || !this.newCounts) return;
    const truth = Float64Array.from([...this.newCounts, ...this.blocks.flatMap((b) => b.counts)]);
    if (this.newCounts.length !== this.numNew || truth.length !== this.offsets.at(-1)! + this.blocks.at(-1)!.numVars)
      throw new InternalError('joint attacker LP: true counts do not match the variables');
    const atoms = { kind: 'range' as const, from: 0, to: truth.length - 1 };
    this.model.changeColsBounds(atoms, truth, truth);
    this.model.run();
    this.model.changeColsBounds(atoms, new Float64Array(truth.length), new Float64Array(truth.length).fill(BIG));
  }

  /** Global variable indices of a row of block `b` (−1 = the new run). */
  varsOf(b: number, row: number): number[] {
    if (b < 0) return [...this.newRows[row]!.vars];
    const o = this.offsets[b]!;
    return this.blocks[b]!.rows[row]!.vars.map((v) => v + o);
  }

  isNewPublished(row: number): boolean {
    return this.newPublished[row]!;
  }

  setNewPublished(row: number, published: boolean): void {
    if (this.newPublished[row] === published) return;
    this.newPublished[row] = published;
    const inf = this.highs.infinity;
    const v = this.newRows[row]!.value;
    this.rowLower[row] = published ? v : -inf;
    this.rowUpper[row] = published ? v : inf;
    this.model.changeRowBounds(row, this.rowLower[row]!, this.rowUpper[row]!);
  }

  /**
   * The bound of a sum of atom variables. With pairings, by column generation: solve with the flow columns in the LP,
   * price the others from the row duals, add those that would improve the optimum, solve again; at the end no
   * edge prices out, so the optimum (and its duals) are those of the LP with every flow.
   */
  bound(target: readonly number[], sense: 'min' | 'max'): JointBound {
    if (target.length === 0) return { value: 0, rowDual: new Float64Array(this.rowLower.length), x: null };
    for (;;) {
      const b = this.solveOnce(target, sense);
      if (this.pairings.length === 0 || b.rowDual === null) return b;
      this.columnGeneration.rounds++;
      const added = this.price(b.rowDual);
      if (added === 0) return b;
      this.columnGeneration.added += added;
    }
  }

  /** One solve, always minimising (a maximum as the minimum of the negated sum, so reduced costs have one sign). */
  private solveOnce(target: readonly number[], sense: 'min' | 'max'): JointBound {
    this.cost.fill(0);
    for (const k of target) this.cost[k] = sense === 'min' ? 1 : -1;
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.numVars - 1 }, this.cost);
    const minimize = this.highs.constants.objectiveSense.minimize;
    this.model.changeObjectiveSense(minimize);
    const { modelStatus } = this.highs.constants;
    const optimum = (m: Model): JointBound | null => {
      if (m.getModelStatus() !== modelStatus.optimal) return null;
      const value = sense === 'min' ? m.getObjectiveValue() : -m.getObjectiveValue();
      const sol = m.getSolution();
      return { value: sense === 'max' && value >= BIG / 2 ? Infinity : value, rowDual: sol.rowDual, x: sol.colValue };
    };
    const solved = solveWithRetries(
      this.highs,
      this.model,
      () => ({ ...this.modelData(), sense: minimize }),
      optimum,
      () => {
        if (this.solved) this.model.run();
        else {
          // the cold start with the dual simplex (as AttackerLp); warm starts use the primal
          this.model.options.set('simplex_strategy', COLD_SIMPLEX_STRATEGY);
          this.startFromTruth();
          this.model.run();
          this.model.options.set('simplex_strategy', SOLVER_OPTIONS.simplex_strategy);
        }
        this.solved = true;
      },
    );
    if ('result' in solved) return solved.result;
    const statuses = solved.statuses;
    throw new InternalError(
      `joint attacker LP: no optimum (${this.numVars} variables); solver status ${statuses.join(' / ')}`,
    );
  }

  /** The whole-number interval of a sum of variables. */
  interval(target: readonly number[]): [number, number] {
    return integerInterval(this.bound(target, 'min').value, this.bound(target, 'max').value);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** A cell the joint attacker must not narrow: its variables (global) and the interval it must reach. */
export interface JointTarget {
  vars: readonly number[];
  need: Need;
  /** Which release and cell (for messages). */
  label: string;
}

export const meetsNeed = (interval: readonly [number, number], need: Need) =>
  interval[0] <= need.lo && interval[1] >= need.hi;

const MAX_TRIES = 8;
const IMPROVE_EPS = 1e-7;

/**
 * Optimal points found so far. While the pattern only grows (suppressing relaxes the LP), every one of them
 * stays feasible, so a point at which a target already reaches its need proves that side without an LP.
 */
export class JointPoints {
  private readonly points: Float64Array[] = [];
  hits = 0;
  add(x: Float64Array | null): void {
    if (x) this.points.push(x);
  }
  reaches(vars: readonly number[], side: 'min' | 'max', need: Need): boolean {
    for (let k = this.points.length - 1; k >= 0; k--) {
      const x = this.points[k]!;
      let s = 0;
      for (const v of vars) s += x[v]!;
      if (sideMeets(side, s, need)) {
        this.hits++;
        return true;
      }
    }
    return false;
  }

  /**
   * Does the side reach its need on `lp`: proved by a known point (every one must be feasible for `lp`), else by an LP
   * of `lp`, whose optimum joins the points. The one proof of a side for the search's check and the audit.
   */
  proves(lp: JointLp, vars: readonly number[], side: 'min' | 'max', need: Need): boolean {
    if (this.reaches(vars, side, need)) return true;
    const b = lp.bound(vars, side);
    this.add(b.x);
    return sideMeets(side, b.value, need);
  }
}

/** Does a side's bound (an LP optimum or a point's sum) reach the need, read as whole numbers (integerInterval)? */
function sideMeets(side: 'min' | 'max', value: number, need: Need): boolean {
  const [lo, hi] = integerInterval(side === 'min' ? value : 0, side === 'max' ? value : 0);
  return side === 'min' ? lo <= need.lo : hi >= need.hi;
}

/**
 * Secondary suppression against the joint attacker, in the new export only (earlier exports are fixed):
 * for every target side that fails, the published new cells with a non-zero dual pin the bound; they are
 * tried cheapest first and the first whose suppression moves the bound is taken (after MAX_TRIES the cheapest).
 * Returns the new rows suppressed, each with the targets it was chosen for; `unprotectable` names a target no
 * suppression in the new export can protect.
 */
export function jointSuppression(
  lp: JointLp,
  targets: readonly JointTarget[],
  cost: readonly number[],
  points: JointPoints = new JointPoints(),
): { added: Map<number, number[]>; unprotectable: JointTarget | null } {
  const added = new Map<number, number[]>();
  const byCost = (a: number, b: number) => cost[a]! - cost[b]! || a - b;
  const passes = (t: JointTarget, side: 'min' | 'max', value: number) => sideMeets(side, value, t.need);
  for (let ti = 0; ti < targets.length; ti++) {
    const t = targets[ti]!;
    for (const side of ['min', 'max'] as const) {
      if (points.reaches(t.vars, side, t.need)) continue;
      let b = lp.bound(t.vars, side);
      points.add(b.x);
      while (!passes(t, side, b.value)) {
        const candidates: number[] = [];
        for (let r = 0; r < lp.newRows.length; r++)
          if (lp.isNewPublished(r) && Math.abs(b.rowDual?.[r] ?? 0) > 1e-9) candidates.push(r);
        candidates.sort(byCost);
        if (candidates.length === 0) return { added, unprotectable: t };
        let chosen = -1;
        let next = b;
        for (const r of candidates.slice(0, MAX_TRIES)) {
          lp.setNewPublished(r, false);
          const nb = lp.bound(t.vars, side);
          const moved =
            passes(t, side, nb.value) ||
            (side === 'min' ? nb.value < b.value - IMPROVE_EPS : nb.value > b.value + IMPROVE_EPS);
          if (moved) {
            // only the point of a trial that is kept: once its cell is shown again the point may be infeasible
            points.add(nb.x);
            chosen = r;
            next = nb;
            break;
          }
          lp.setNewPublished(r, true);
        }
        if (chosen < 0) {
          chosen = candidates[0]!;
          lp.setNewPublished(chosen, false);
          next = lp.bound(t.vars, side);
          points.add(next.x);
        }
        added.set(chosen, [...(added.get(chosen) ?? []), ti]);
        b = next;
      }
    }
  }
  return { added, unprotectable: null };
}
