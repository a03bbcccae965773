import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../core/packageRoot.js';
import { cellIntervals, type IntervalProblem } from '../../disclosure/cellIntervals.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { startIntervalHelper } from '../../disclosure/parallelIntervals.js';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';

type Start = typeof startIntervalHelper;

/** A 3-way table of 4 × 3 × 2 atoms with all 1- and 2-way margins as rows, some cells hidden. */
function problem(): { p: IntervalProblem; targets: number[] } {
  const counts = Array.from({ length: 24 }, (_, k) => (k * 7) % 11);
  const rows: { vars: number[]; value: number }[] = [];
  const add = (pred: (a: number, b: number, c: number) => boolean) => {
    const vars = counts.map((_, k) => k).filter((k) => pred(Math.floor(k / 6), Math.floor(k / 2) % 3, k % 2));
    rows.push({ vars, value: vars.reduce((s, v) => s + counts[v]!, 0) });
  };
  for (let a = 0; a < 4; a++) for (let b = 0; b < 3; b++) add((x, y) => x === a && y === b);
  for (let a = 0; a < 4; a++) for (let c = 0; c < 2; c++) add((x, _y, z) => x === a && z === c);
  for (let b = 0; b < 3; b++) for (let c = 0; c < 2; c++) add((_x, y, z) => y === b && z === c);
  add(() => true);
  const targets = [0, 1, 5, 7, 12, 13, 20];
  return { p: { numVars: 24, rows, published: rows.map((_, k) => !targets.includes(k)) }, targets };
}

describe('disclosure/parallelIntervals', () => {
  it('from the sources (no compiled worker next to it): the same intervals as cellIntervals, on this thread', async () => {
    const highs = await loadSolver();
    const { p, targets } = problem();
    const helper = startIntervalHelper();
    const r = await helper.solve(highs, p, targets);
    expect([...r.keys()]).toEqual(targets);
    expect(r).toEqual(cellIntervals(highs, p, targets));
  });

  it('from build/ (the compiled worker exists): half the targets solved by the helper thread, same intervals', async () => {
    const highs = await loadSolver();
    const compiled = (await import(join(packageRoot(), 'build', 'disclosure', 'parallelIntervals.js'))) as {
      startIntervalHelper: Start;
    };
    const { p, targets } = problem();
    const expected = cellIntervals(highs, p, targets);
    const r = await compiled.startIntervalHelper().solve(highs, p, targets);
    expect([...r.keys()]).toEqual(targets);
    for (const t of targets) {
      expect(r.get(t)![0], `target ${t}`).toBeCloseTo(expected.get(t)![0], 6);
      expect(r.get(t)![1], `target ${t}`).toBeCloseTo(expected.get(t)![1], 6);
    }
    // a hand-checked case through the helper too: the 2×2 table with d hidden (a in [0, 8], d in [17, 25])
    const two = await compiled
      .startIntervalHelper()
      .solve(
        highs,
        { numVars: 4, rows: TWO_BY_TWO_ROWS, published: [false, false, false, false, true, true, true, true] },
        [0, 3],
      );
    expect(two.get(0)![1]).toBeCloseTo(8, 6);
    expect(two.get(3)![0]).toBeCloseTo(17, 6);
  });

  it('a helper never asked is stopped without an error (twice is harmless); a single target is then solved on this thread, the same interval', async () => {
    const highs = await loadSolver();
    const compiled = (await import(join(packageRoot(), 'build', 'disclosure', 'parallelIntervals.js'))) as {
      startIntervalHelper: Start;
    };
    const helper = compiled.startIntervalHelper();
    helper.stop();
    helper.stop();
    const { p, targets } = problem();
    const one = [targets[2]!];
    const r = await helper.solve(highs, p, one);
    expect(r).toEqual(cellIntervals(highs, p, one));
  });
});
