import { describe, expect, it } from 'vitest';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';
import { cellIntervals } from '../../disclosure/cellIntervals.js';
import { loadSolver } from '../../disclosure/loadSolver.js';

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
    const r2 = cellIntervals(highs, { numVars: 4, rows, published: [false, false, false, false, true, true, true, true] }, [0, 3]);
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
});
