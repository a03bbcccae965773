import { describe, expect, it } from 'vitest';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';
import { AttackerLp } from '../../disclosure/attackerLp.js';
import { loadSolver, SOLVER_OPTIONS } from '../../disclosure/loadSolver.js';
import { protectTables } from '../../disclosure/protectTables.js';
import { meetsRule } from '../../disclosure/protectionRule.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { randomPopulation } from '../support/randomPopulation.js';

const rows = TWO_BY_TWO_ROWS;
/** Interior hidden, margins published: a ranges over [0, 8]. */
const marginsOnly = [false, false, false, false, true, true, true, true];

describe('AttackerLp', () => {
  it('hand-checked bounds; an unbounded maximum is decided without the solver', async () => {
    const highs = await loadSolver();
    const lp = new AttackerLp(highs, 4, rows, marginsOnly);
    try {
      expect(lp.bound([0], 'min').value).toBeCloseTo(0, 6);
      expect(lp.bound([0], 'max').value).toBeCloseTo(8, 6);
      expect(lp.bound([3], 'min').value).toBeCloseTo(17, 6);
      expect(lp.paths.warm).toBe(3);
      // hide col2 (b + d): b and d now lie only in row sums, still bounded; hide row2 too: d is in no published row
      lp.setPublished(7, false);
      expect(lp.isUnbounded([3])).toBe(false);
      expect(lp.bound([3], 'max').value).toBeCloseTo(25, 6);
      lp.setPublished(5, false);
      expect(lp.isUnbounded([3])).toBe(true);
      const none = lp.paths.none;
      expect(lp.bound([0, 3], 'max')).toEqual({ value: Infinity, x: null, rowDual: null, rowValue: null });
      expect(lp.paths.none).toBe(none + 1);
      // publishing again makes it bounded again
      lp.setPublished(5, true);
      expect(lp.bound([3], 'max').value).toBeCloseTo(25, 6);
    } finally {
      lp.dispose();
    }
  });

  it('a bound the persistent model cannot solve is retried cold, then in a fresh model with default options', async () => {
    const highs = await loadSolver();
    // An iteration limit of 0 makes every run of the persistent model stop before optimality (status
    // "iteration limit") — the stand-in for the status 15 ("unknown") a warm start hit on national atoms.
    const lp = new AttackerLp(highs, 4, rows, marginsOnly, { ...SOLVER_OPTIONS, simplex_iteration_limit: 0 });
    try {
      const min = lp.bound([3], 'min');
      expect(min.value).toBeCloseTo(17, 6);
      // the point and duals come from the fresh solve: a feasible point reaching the bound
      const x = min.x!;
      expect(x[3]).toBeCloseTo(17, 6);
      expect(x[0]! + x[1]!).toBeCloseTo(10, 6);
      expect(x[2]! + x[3]!).toBeCloseTo(25, 6);
      expect(min.rowDual!.length).toBe(rows.length);
      expect(lp.bound([0], 'max').value).toBeCloseTo(8, 6);
      expect(lp.paths).toEqual({ warm: 0, cold: 0, fresh: 2, none: 0 });
    } finally {
      lp.dispose();
    }
  });

  it('regression: a population on which a warm-started bound ended in solver status 15 is protected', async () => {
    // randomPopulation(20000, 1) reproduced the national failure ("attacker LP: solver status 15 for a min
    // bound": a warm start after a relaxed row left primal infeasibilities of ~1e-7 above the 1e-9 tolerance).
    const atoms = randomPopulation(20000, 1);
    const period = { start: '2017-01-01', end: '2022-12-31' };
    const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const result = await protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params });
    expect(result.audit.passed).toBe(true);
    const primaries = result.audit.cells.filter((c) => c.kind === 'primary');
    expect(primaries.length).toBeGreaterThan(0);
    for (const c of primaries)
      expect(meetsRule(c.value, [c.interval[0], c.interval[1] ?? Infinity], params)).toBe(true);
  }, 120_000);
});
