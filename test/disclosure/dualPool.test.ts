import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AttackerLp } from '../../disclosure/attackerLp.js';
import { DualPool } from '../../disclosure/dualPool.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { integerInterval } from '../../disclosure/protectionRule.js';
import { independentInterval } from '../support/independentInterval.js';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';
import { marginTableRows } from '../support/marginTable.js';

/** Interior hidden, margins published: a ranges over [0, 8]. */
const MARGINS_ONLY = [false, false, false, false, true, true, true, true];

describe('DualPool', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadSolver();
  });

  it('2×2 hand-checked: the duals of a maximum prove it while their rows are published, and only then', () => {
    const rows = TWO_BY_TWO_ROWS;
    const published = [...MARGINS_ONLY];
    const lp = new AttackerLp(highs, 4, rows, published);
    const pool = new DualPool(rows, 4, (r) => published[r]!);
    try {
      const max = lp.bound([0], 'max'); // a ≤ 8 (col1 = a + c = 8)
      pool.add(0, [0], 'max', max.rowDual!);
      expect(pool.size).toBe(1);
      expect(pool.bound(0, 'max')).toBeCloseTo(8, 9);
      expect(pool.bound(0, 'min')).toBeNull(); // per side
      expect(pool.bound(1, 'max')).toBeNull(); // per target
      // hiding the rows the certificate rests on retires it; showing them again brings it back
      const support = [...max.rowDual!].flatMap((y, r) => (Math.abs(y) > 1e-12 ? [r] : []));
      expect(support.length).toBeGreaterThan(0);
      published[support[0]!] = false;
      expect(pool.bound(0, 'max')).toBeNull();
      published[support[0]!] = true;
      expect(pool.bound(0, 'max')).toBeCloseTo(8, 9);
    } finally {
      lp.dispose();
    }
  });

  it('multipliers on a hidden row, or that do not bound the objective, are no certificate', () => {
    const rows = TWO_BY_TWO_ROWS;
    const pool = new DualPool(rows, 4, (r) => MARGINS_ONLY[r]!);
    // y = 1 on hidden row a: not a certificate under this pattern
    pool.add(0, [0], 'max', Float64Array.from([1, 0, 0, 0, 0, 0, 0, 0]));
    // y = 1 on row1 (a + b) for the maximum of a + c: c lies in no support row, so a + c is not bounded by it
    pool.add(0, [0, 2], 'max', Float64Array.from([0, 0, 0, 0, 1, 0, 0, 0]));
    expect(pool.size).toBe(0);
    // y = 1 on row1 and col1 for the maximum of a: every reduced cost ≤ 0, so a ≤ a + b + a + c = 18 (valid, weak)
    pool.add(0, [0], 'max', Float64Array.from([0, 0, 0, 0, 1, 0, 1, 0]));
    expect(pool.size).toBe(1);
    expect(pool.bound(0, 'max')).toBeCloseTo(18, 12);
    // y = ½ on col1: a's reduced cost ½ has the wrong sign and is charged at the value of col1 (a ≤ 8):
    // a ≤ ½·8 + ½·8 = 8, the true maximum
    pool.add(0, [0], 'max', Float64Array.from([0, 0, 0, 0, 0, 0, 0.5, 0]));
    expect(pool.bound(0, 'max')).toBeCloseTo(8, 12);
    // a minimum: y = 1 on col1 (a + c = 8) and −1 on row2 (c + d = 25) gives a ≥ 8 − 25 + d ≥ −17: valid, weak
    pool.add(0, [0], 'min', Float64Array.from([0, 0, 0, 0, 0, -1, 1, 0]));
    expect(pool.bound(0, 'min')).toBeLessThanOrEqual(0);
  });

  it('random tables and patterns: a certificate that holds never cuts into the attacker interval, and is tight where it was found', () => {
    const tableArb = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 })).chain(([k, m]) =>
      fc.record({
        values: fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }), {
          minLength: k,
          maxLength: k,
        }),
        // published flags of the pattern the LP is solved under, and of a later pattern the certificate is asked under
        found: fc.array(fc.boolean(), { minLength: k * m + k + m + 1, maxLength: k * m + k + m + 1 }),
        later: fc.array(fc.boolean(), { minLength: k * m + k + m + 1, maxLength: k * m + k + m + 1 }),
        target: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(tableArb, ({ values, found, later, target: t }) => {
        const rows = marginTableRows(values);
        const nVars = values.flat().length;
        const target = t % nVars; // an interior cell
        const published = found.map((p, r) => p && r !== target);
        const lp = new AttackerLp(highs, nVars, rows, published);
        const pool = new DualPool(rows, nVars, (r) => published[r]!);
        try {
          const vars = rows[target]!.vars;
          const exact = independentInterval(highs, rows, nVars, published, target);
          for (const side of ['min', 'max'] as const) {
            const b = lp.bound(vars, side);
            if (!b.rowDual || b.value === Infinity) continue;
            pool.add(target, vars, side, b.rowDual);
            // found under this pattern: it holds, and reads to the same whole number as the LP optimum
            const proved = pool.bound(target, side);
            expect(proved, side).not.toBeNull();
            const [lo, hi] = integerInterval(side === 'min' ? proved! : 0, side === 'max' ? proved! : 0);
            if (side === 'min') expect(lo).toBe(exact[0]);
            else expect(hi).toBe(exact[1]);
          }
          // under any other pattern: when a certificate holds, the true interval lies within its bound
          for (let r = 0; r < rows.length; r++) published[r] = later[r]! && r !== target;
          const other = independentInterval(highs, rows, nVars, published, target);
          const min = pool.bound(target, 'min');
          if (min !== null) expect(integerInterval(min, 0)[0]).toBeLessThanOrEqual(other[0]);
          const max = pool.bound(target, 'max');
          if (max !== null) expect(integerInterval(0, max)[1]).toBeGreaterThanOrEqual(other[1]);
        } finally {
          lp.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});
