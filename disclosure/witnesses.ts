import type { Highs } from 'highs';
import type { LpRow } from './attackerLp.js';

/**
 * Whole-number witnesses for the protection certificate (docs/certificate.md): for one side of one protected row, a
 * list of non-negative whole variable counts that reproduces every published row and puts the row at or beyond its
 * bound. Found as the smallest move away from the true counts (min Σ|d|), in three steps measured on the demo
 * (bench/witnesses.mjs; docs/disclosure.md):
 *
 * 0. on a small model (at most `fullVariables` variables) the MIP over all variables first: on 500 variables it
 *    finds a witness in 1–4 s where the neighbourhood below often finds none;
 * 1. the LP of the smallest fractional move gives a support S (the variables it moves);
 * 2. a MIP over S only (the other variables kept at their true counts), stopped at its first solution;
 * 3. when it has none, S grows by every variable that shares a suppressed row with S, up to `rounds` times.
 *
 * The MIPs are limited in branch-and-bound nodes, not seconds, so the same input gives the same certificate on any
 * machine; a time limit (SAFETY_SECONDS) only guards against a solver that never returns.
 *
 * Every witness is checked here in whole numbers before it is returned; a side without one within the limits gets
 * null (the certificate then says so and the verifiers fail on it: no side is claimed without its proof).
 */

export interface WitnessProblem {
  /** True count of each variable. */
  truth: readonly number[];
  rows: readonly LpRow[];
  published: boolean[];
}

export interface WitnessSide {
  row: number;
  sense: 'lo' | 'hi';
  /** lo: the row's sum must be ≤ bound; hi: ≥ bound. */
  bound: number;
}

export interface WitnessLimits {
  /** Branch-and-bound nodes of each neighbourhood MIP. */
  neighbourhoodNodes: number;
  /** Growth rounds of the neighbourhood. */
  rounds: number;
  /** The MIP over all variables is tried (first) on models of at most this many variables. */
  fullVariables: number;
  /** Branch-and-bound nodes of the MIP over all variables. */
  fullNodes: number;
}

export const DEFAULT_WITNESS_LIMITS: Readonly<WitnessLimits> = Object.freeze({
  neighbourhoodNodes: 200,
  rounds: 3,
  fullVariables: 2000,
  fullNodes: 2000,
});

/** A guard only: a MIP or LP still running after this many seconds is given up (the side then has no witness). */
const SAFETY_SECONDS = 600;

/** A witness: the variables whose counts differ from the true ones, with their counts, by variable. */
export type Witness = Map<number, number>;

/** Is truth with `changed` a witness for `side`: whole numbers ≥ 0, every published row kept, the row at its bound? */
export function isWitness(problem: WitnessProblem, side: WitnessSide, changed: ReadonlyMap<number, number>): boolean {
  for (const n of changed.values()) if (!Number.isInteger(n) || n < 0) return false;
  const count = (v: number) => changed.get(v) ?? problem.truth[v]!;
  const touched = new Set(changed.keys());
  for (let r = 0; r < problem.rows.length; r++) {
    const row = problem.rows[r]!;
    if (r !== side.row && !(problem.published[r] && row.vars.some((v) => touched.has(v)))) continue;
    const sum = row.vars.reduce((a, v) => a + count(v), 0);
    if (r === side.row) {
      if (side.sense === 'lo' ? sum > side.bound : sum < side.bound) return false;
      if (problem.published[r] && sum !== row.value) return false;
    } else if (sum !== row.value) return false;
  }
  return true;
}

/** min Σ(d⁺ + d⁻) over the variables `free` (the others at their true counts), as an LP or a MIP; the moves, or null. */
function smallestMove(
  highs: Highs,
  problem: WitnessProblem,
  side: WitnessSide,
  free: readonly number[],
  /** Branch-and-bound nodes of the MIP; null: the LP. */
  nodes: number | null,
  /** Told the solver's model status. */
  onStatus?: (status: number) => void,
): Map<number, number> | null {
  const integer = nodes !== null;
  const inf = highs.infinity;
  const m = free.length;
  const col = new Map(free.map((v, k) => [v, k]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const target = problem.rows[side.row]!;
  const move = side.bound - target.value;
  const addRow = (row: LpRow, lo: number, hi: number) => {
    let any = false;
    for (const v of row.vars) {
      const k = col.get(v);
      if (k === undefined) continue;
      indices.push(k, m + k);
      values.push(1, -1);
      any = true;
    }
    if (!any) return;
    starts.push(indices.length);
    lower.push(lo);
    upper.push(hi);
  };
  problem.rows.forEach((r, k) => {
    if (problem.published[k] && k !== side.row) addRow(r, 0, 0);
  });
  const before = lower.length;
  addRow(target, side.sense === 'lo' ? -inf : move, side.sense === 'lo' ? move : inf);
  if (lower.length === before) return null; // the row has no free variable
  const model = highs.createModel({
    numCols: 2 * m,
    numRows: lower.length,
    colCost: new Float64Array(2 * m).fill(1),
    colLower: new Float64Array(2 * m),
    colUpper: Float64Array.from([...free.map(() => inf), ...free.map((v) => problem.truth[v]!)]),
    rowLower: lower,
    rowUpper: upper,
    matrix: {
      format: 'csr',
      numRows: lower.length,
      numCols: 2 * m,
      starts: new Int32Array(starts),
      indices: new Int32Array(indices),
      values: new Float64Array(values),
    },
    ...(integer ? { integrality: new Int32Array(2 * m).fill(1) } : {}),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: SAFETY_SECONDS,
      ...(integer ? { mip_max_improving_sols: 1, mip_max_nodes: nodes } : {}),
    });
    model.run();
    onStatus?.(model.getModelStatus());
    let x: Float64Array;
    try {
      x = model.getSolution().colValue;
    } catch {
      return null; // no solution within the limit
    }
    if (x.length !== 2 * m || x.some((z) => !Number.isFinite(z))) return null;
    return new Map(free.map((v, k) => [v, x[k]! - x[m + k]!]));
  } finally {
    model.dispose();
  }
}

/** The moves rounded to whole numbers, as changed counts (zero moves left out). */
function rounded(problem: WitnessProblem, move: ReadonlyMap<number, number>): Witness {
  const w: Witness = new Map();
  for (const [v, d] of move) {
    const r = Math.round(d);
    if (r !== 0) w.set(v, problem.truth[v]! + r);
  }
  return w;
}

/** One side's witness, or null when none was found within the limits. */
export function findWitness(
  highs: Highs,
  problem: WitnessProblem,
  side: WitnessSide,
  limits: WitnessLimits = DEFAULT_WITNESS_LIMITS,
): Witness | null {
  return searchWitness(highs, problem, side, limits).witness;
}

/**
 * One side's witness, or null; with null, `provedNone` when the MIP over all variables (models of at most
 * `fullVariables`) ended infeasible: a proof that the side has no witness, not a limit reached.
 */
export function searchWitness(
  highs: Highs,
  problem: WitnessProblem,
  side: WitnessSide,
  limits: WitnessLimits = DEFAULT_WITNESS_LIMITS,
): { witness: Witness | null; provedNone: boolean } {
  const found = (witness: Witness | null) => ({ witness, provedNone: false });
  const n = problem.truth.length;
  // A hi side over a variable in no published row: that variable alone carries the move.
  const target = problem.rows[side.row]!;
  if (side.sense === 'hi') {
    const inPublished = new Uint8Array(n);
    problem.rows.forEach((r, k) => {
      if (problem.published[k]) for (const v of r.vars) inPublished[v] = 1;
    });
    const free = target.vars.find((v) => !inPublished[v]);
    if (free !== undefined) {
      const w: Witness = new Map([[free, problem.truth[free]! + Math.max(0, side.bound - target.value)]]);
      if (isWitness(problem, side, w)) return found(w);
    }
  }
  const all = Array.from({ length: n }, (_, v) => v);
  if (n <= limits.fullVariables) {
    let infeasible = false;
    const move = smallestMove(
      highs,
      problem,
      side,
      all,
      limits.fullNodes,
      (status) => (infeasible = status === highs.constants.modelStatus.infeasible),
    );
    if (infeasible) return { witness: null, provedNone: true };
    if (move) {
      const w = rounded(problem, move);
      if (isWitness(problem, side, w)) return found(w);
    }
  }
  const lp = smallestMove(highs, problem, side, all, null);
  if (!lp) return found(null);
  const exact = rounded(problem, lp);
  if (isWitness(problem, side, exact)) return found(exact);
  const suppressedOf: number[][] = Array.from({ length: n }, () => []);
  problem.rows.forEach((r, k) => {
    if (!problem.published[k]) for (const v of r.vars) suppressedOf[v]!.push(k);
  });
  let support = new Set([...lp].filter(([, d]) => Math.abs(d) > 1e-9).map(([v]) => v));
  for (let round = 0; round <= limits.rounds; round++) {
    const move = smallestMove(
      highs,
      problem,
      side,
      [...support].sort((a, b) => a - b),
      limits.neighbourhoodNodes,
    );
    if (move) {
      const w = rounded(problem, move);
      if (isWitness(problem, side, w)) return found(w);
    }
    const grown = new Set(support);
    for (const v of support) for (const r of suppressedOf[v]!) for (const u of problem.rows[r]!.vars) grown.add(u);
    if (grown.size === support.size) break;
    support = grown;
  }
  return found(null);
}
