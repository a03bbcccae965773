import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';
import { AttackerLp } from '../../disclosure/attackerLp.js';
import { cellIntervals } from '../../disclosure/cellIntervals.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { integerInterval } from '../../disclosure/protectionRule.js';
import { independentInterval } from '../support/independentInterval.js';

/** A two-level table: k×m interior cells (the variables), row and column margins, subtotals of the first two rows, grand total. */
function nestedTableRows(values: number[][]): { vars: number[]; value: number }[] {
  const m = values[0]!.length;
  const v = (i: number, j: number) => i * m + j;
  const rows: { vars: number[]; value: number }[] = [];
  const add = (cells: [number, number][]) =>
    rows.push({ vars: cells.map(([i, j]) => v(i, j)), value: cells.reduce((a, [i, j]) => a + values[i]![j]!, 0) });
  values.forEach((r, i) => r.forEach((_, j) => add([[i, j]])));
  values.forEach((r, i) => add(r.map((_, j): [number, number] => [i, j])));
  for (let j = 0; j < m; j++) add(values.map((_, i): [number, number] => [i, j]));
  for (let j = 0; j < m; j++)
    add([
      [0, j],
      [1, j],
    ]);
  add(values.flatMap((r, i) => r.map((_, j): [number, number] => [i, j])));
  return rows;
}

describe('cellIntervals', () => {
  it('hand-checked: a 2×2 table with margins, one interior cell published', async () => {
    const highs = await loadSolver();
    const rows = TWO_BY_TWO_ROWS;
    const published = [false, false, false, true, true, true, true, true];
    const r = cellIntervals(highs, { numVars: 4, rows, published }, [0, 1, 2]);
    // d published pins c = 25 − 20 = 5, then a = 8 − 5 = 3, b = 7: everything is derivable
    expect(r.get(0)).toEqual([3, 3]);
    expect(r.get(2)).toEqual([5, 5]);
    // with d hidden too, a ranges over [0, 8] (a + b = 10, a + c = 8, c + d = 25, b + d = 27)
    const r2 = cellIntervals(
      highs,
      { numVars: 4, rows, published: [false, false, false, false, true, true, true, true] },
      [0, 3],
    );
    expect(r2.get(0)![0]).toBeCloseTo(0, 6);
    expect(r2.get(0)![1]).toBeCloseTo(8, 6);
    expect(r2.get(3)![0]).toBeCloseTo(17, 6);
    expect(r2.get(3)![1]).toBeCloseTo(25, 6);
  });

  it('decomposes: a published zero fixes its variables, free parts are unbounded, parts add up', async () => {
    const highs = await loadSolver();
    const rows = [
      { vars: [0, 1], value: 0 }, // published zero → x0 = x1 = 0
      { vars: [1, 2, 3], value: 6 }, // target: x2 + x3 (+ x1 = 0)
      { vars: [2, 4], value: 10 }, // published: x2 <= 10
      { vars: [3, 5], value: 4 }, // published, separate component: x3 <= 4
      { vars: [0, 6], value: 2 }, // target: x6 is in no published row → unbounded
    ];
    const r = cellIntervals(highs, { numVars: 7, rows, published: [true, false, true, true, false] }, [1, 4]);
    expect(r.get(1)![0]).toBeCloseTo(0, 6);
    expect(r.get(1)![1]).toBeCloseTo(14, 6);
    expect(r.get(4)).toEqual([0, Infinity]);
  });

  it('a maximum proved without an LP: a known point reaches the row total minus the published cells beside the part', async () => {
    const highs = await loadSolver();
    // one row a + b + c = 30 (published), a = 4, b = 6 suppressed, c = 20 published
    const rows = [
      { vars: [0], value: 4 },
      { vars: [1], value: 6 },
      { vars: [2], value: 20 },
      { vars: [0, 1, 2], value: 30 },
    ];
    const stats = { lps: 0, proved: 0 };
    const r = cellIntervals(highs, { numVars: 3, rows, published: [false, false, true, true] }, [0, 1], stats);
    expect(r.get(0)!.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 10]);
    expect(r.get(1)!.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 10]);
    // a: min and max by LP; the min of a leaves b = 10, so b's maximum (30 − 20) is proved and b's minimum 0 is
    // proved by the max point of a (b = 0): two LPs, two bounds without one
    expect(stats).toEqual({ lps: 2, proved: 2 });
  });

  it('known points: a feasible one proves a bound without an LP, one that breaks a published row proves nothing', async () => {
    const highs = await loadSolver();
    const rows = TWO_BY_TWO_ROWS; // a b / c d = 3 7 / 5 20; margins published: a ∈ [0, 8]
    const published = [false, false, false, false, true, true, true, true];
    const solve = (seeds: Float64Array[]) => {
      const stats = { lps: 0, proved: 0 };
      const r = cellIntervals(highs, { numVars: 4, rows, published, seeds }, [0], stats);
      return { interval: integerInterval(...r.get(0)!), stats };
    };
    expect(solve([])).toEqual({ interval: [0, 8], stats: { lps: 2, proved: 0 } });
    // a = 0, b = 10, c = 8, d = 17 meets every margin: the minimum 0 of a needs no LP
    expect(solve([Float64Array.from([0, 10, 8, 17])])).toEqual({ interval: [0, 8], stats: { lps: 1, proved: 1 } });
    // a = 8, b = 2, c = 0, d = 25 reaches a's enclosing bound (col1 = 8): the maximum needs no LP either
    expect(solve([Float64Array.from([0, 10, 8, 17]), Float64Array.from([8, 2, 0, 25])])).toEqual({
      interval: [0, 8],
      stats: { lps: 0, proved: 2 },
    });
    // the same a = 0 with d = 18 breaks c + d = 25 (and b + d): not a point of the attacker, so the LP decides
    expect(solve([Float64Array.from([0, 10, 8, 18])])).toEqual({ interval: [0, 8], stats: { lps: 2, proved: 0 } });
    // wrong length or a negative count: ignored
    expect(solve([Float64Array.from([0, 10, 8]), Float64Array.from([-1, 11, 9, 16])]).stats).toEqual({
      lps: 2,
      proved: 0,
    });
  });

  it('property: known points (the true counts, LP optima of another pattern, random vectors) change no interval', async () => {
    const highs = await loadSolver();
    const arb = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).chain(([k, m]) =>
      fc.tuple(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }), {
          minLength: k,
          maxLength: k,
        }),
        fc.array(fc.boolean(), { minLength: k * m + k + 2 * m + 1, maxLength: k * m + k + 2 * m + 1 }),
        fc.array(fc.boolean(), { minLength: k * m + k + 2 * m + 1, maxLength: k * m + k + 2 * m + 1 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: k * m, maxLength: k * m }), { maxLength: 3 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([values, shown, more, random]) => {
        const rows = nestedTableRows(values);
        const nVars = values.length * values[0]!.length;
        const published = rows.map((_, i) => shown[i]!);
        const targets = rows.flatMap((_, i) => (published[i] ? [] : [i]));
        // points of a pattern that shows fewer rows: feasible here only when they happen to meet the extra rows
        const fewer = published.map((p, i) => p && more[i]!);
        const lp = new AttackerLp(highs, nVars, rows, fewer);
        const optima: Float64Array[] = [];
        try {
          for (const t of targets)
            for (const side of ['min', 'max'] as const) {
              const x = lp.bound(rows[t]!.vars, side).x;
              if (x) optima.push(Float64Array.from(x));
            }
        } finally {
          lp.dispose();
        }
        const seeds = [Float64Array.from(values.flat()), ...optima, ...random.map((x) => Float64Array.from(x))];
        const plain = cellIntervals(highs, { numVars: nVars, rows, published }, targets);
        const seeded = cellIntervals(highs, { numVars: nVars, rows, published, seeds }, targets);
        for (const t of targets) {
          const exact = independentInterval(highs, rows, nVars, published, t);
          expect(integerInterval(...seeded.get(t)!)).toEqual(exact);
          expect(integerInterval(...plain.get(t)!)).toEqual(exact);
        }
      }),
      { numRuns: 60, seed: 22 },
    );
  });

  it('property: every interval equals an independent LP, on nested tables with random patterns', async () => {
    const highs = await loadSolver();
    const arb = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).chain(([k, m]) =>
      fc.tuple(
        fc.array(
          fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 60 })), {
            minLength: m,
            maxLength: m,
          }),
          { minLength: k, maxLength: k },
        ),
        fc.array(fc.boolean(), { minLength: k * m + k + 2 * m + 1, maxLength: k * m + k + 2 * m + 1 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([values, shown]) => {
        const rows = nestedTableRows(values);
        const published = rows.map((_, i) => shown[i]!);
        const targets = rows.flatMap((_, i) => (published[i] ? [] : [i]));
        const nVars = values.length * values[0]!.length;
        const r = cellIntervals(highs, { numVars: nVars, rows, published }, targets);
        for (const t of targets)
          expect(integerInterval(...r.get(t)!)).toEqual(independentInterval(highs, rows, nVars, published, t));
      }),
      { numRuns: 60, seed: 22 },
    );
  });
});
