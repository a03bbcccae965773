import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttackerLp } from '../../disclosure/attackerLp.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import {
  findWitness,
  isWitness,
  searchWitness,
  type WitnessProblem,
  type WitnessSide,
} from '../../disclosure/witnesses.js';
import { TWO_BY_TWO_ROWS, twoByThree } from '../support/twoByTwo.js';

/** The counts a witness gives: the true ones with the listed changes. */
const countsOf = (problem: WitnessProblem, w: ReadonlyMap<number, number>) =>
  problem.truth.map((n, v) => w.get(v) ?? n);
const sumOf = (counts: readonly number[], vars: readonly number[]) => vars.reduce((a, v) => a + counts[v]!, 0);

/** Checked here by addition, without isWitness: whole numbers ≥ 0, every published row kept, the row at its bound. */
function holds(problem: WitnessProblem, side: WitnessSide, w: ReadonlyMap<number, number>): boolean {
  const counts = countsOf(problem, w);
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) return false;
  if (problem.rows.some((r, k) => problem.published[k] && sumOf(counts, r.vars) !== r.value)) return false;
  const s = sumOf(counts, problem.rows[side.row]!.vars);
  return side.sense === 'lo' ? s <= side.bound : s >= side.bound;
}

// the 2×2 table a b / c d = 3 7 / 5 20: interior hidden, margins published
const twoByTwo: WitnessProblem = {
  truth: [3, 7, 5, 20],
  rows: TWO_BY_TWO_ROWS,
  published: [false, false, false, false, true, true, true, true],
};

describe('isWitness', () => {
  it('accepts a population that keeps every published number and reaches the bound, and nothing else', () => {
    const lo: WitnessSide = { row: 0, sense: 'lo', bound: 2 };
    // a b / c d = 2 8 / 6 19: margins 10, 25, 8, 27 kept
    expect(
      isWitness(
        twoByTwo,
        lo,
        new Map([
          [0, 2],
          [1, 8],
          [2, 6],
          [3, 19],
        ]),
      ),
    ).toBe(true);
    // a margin broken
    expect(
      isWitness(
        twoByTwo,
        lo,
        new Map([
          [0, 2],
          [1, 8],
        ]),
      ),
    ).toBe(false);
    // not at the bound
    expect(
      isWitness(
        twoByTwo,
        { row: 0, sense: 'lo', bound: 1 },
        new Map([
          [0, 2],
          [1, 8],
          [2, 6],
          [3, 19],
        ]),
      ),
    ).toBe(false);
    // not whole, or negative
    expect(
      isWitness(
        twoByTwo,
        lo,
        new Map([
          [0, 1.5],
          [1, 8.5],
          [2, 6.5],
          [3, 18.5],
        ]),
      ),
    ).toBe(false);
    expect(
      isWitness(
        twoByTwo,
        { row: 0, sense: 'lo', bound: 0 },
        new Map([
          [0, -1],
          [1, 11],
          [2, 9],
          [3, 16],
        ]),
      ),
    ).toBe(false);
  });
});

describe('findWitness', () => {
  it('finds whole-number witnesses on both sides of a hidden 2×2 interior', async () => {
    const highs = await loadSolver();
    for (const side of [
      { row: 0, sense: 'lo', bound: 2 },
      { row: 0, sense: 'hi', bound: 4 },
      { row: 3, sense: 'lo', bound: 17 },
      { row: 1, sense: 'hi', bound: 10 },
    ] as const) {
      const w = findWitness(highs, twoByTwo, side);
      expect(w, JSON.stringify(side)).not.toBeNull();
      expect(holds(twoByTwo, side, w!)).toBe(true);
    }
    // beyond what the margins allow (a ≤ 8): none
    expect(findWitness(highs, twoByTwo, { row: 0, sense: 'hi', bound: 9 })).toBeNull();
  });

  it('finds none where only a fractional population reaches the bound (the integer attacker knows more than the LP)', async () => {
    const highs = await loadSolver();
    // p + q + t = q + r + t = p + r + t = 1 published, t hidden (true 1): the LP puts t at 0 with p = q = r = ½,
    // but in whole numbers t = 0 would need p + q = q + r = p + r = 1, i.e. 2(p + q + r) = 3
    const parity: WitnessProblem = {
      truth: [0, 0, 0, 1],
      rows: [
        { vars: [0, 1, 3], value: 1 },
        { vars: [1, 2, 3], value: 1 },
        { vars: [0, 2, 3], value: 1 },
        { vars: [3], value: 1 },
      ],
      published: [true, true, true, false],
    };
    const lp = new AttackerLp(highs, 4, parity.rows, parity.published);
    try {
      expect(lp.bound([3], 'min').value).toBeCloseTo(0, 6);
    } finally {
      lp.dispose();
    }
    const side: WitnessSide = { row: 3, sense: 'lo', bound: 0 };
    const limits = { neighbourhoodNodes: 1000, rounds: 3, fullVariables: 100, fullNodes: 1000 };
    expect(findWitness(highs, parity, side, limits)).toBeNull();
    // proved: the MIP over all variables ends infeasible
    expect(searchWitness(highs, parity, side, limits)).toEqual({ witness: null, provedNone: true });
    // a model above fullVariables gets no MIP over all variables, so no proof either
    expect(searchWitness(highs, parity, side, { ...limits, fullVariables: 3 })).toEqual({
      witness: null,
      provedNone: false,
    });
  });

  it('a hi side over a variable in no published row moves that variable alone', async () => {
    const highs = await loadSolver();
    const problem: WitnessProblem = { ...twoByTwo, published: [false, false, false, false, true, false, true, false] };
    // d lies in row2 and col2 only, both hidden now
    const w = findWitness(highs, problem, { row: 3, sense: 'hi', bound: 26 });
    expect(w).toEqual(new Map([[3, 26]]));
  });

  it('every witness found holds, on random tables with margins (fast-check)', async () => {
    const highs = await loadSolver();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom<'lo' | 'hi'>('lo', 'hi'),
        async (truth, cell, sense) => {
          // a 2×3 table: interior hidden, row and column sums and the total published
          const problem: WitnessProblem = twoByThree(truth, true);
          const v = truth[cell]!;
          const side: WitnessSide = { row: cell, sense, bound: sense === 'lo' ? Math.max(0, v - 1) : v + 1 };
          const w = findWitness(highs, problem, side);
          if (w) expect(holds(problem, side, w)).toBe(true);
          // a cell whose column has another nonzero cell in a row where it can give way always moves by one
          const col = cell % 3;
          const otherRow = cell < 3 ? cell + 3 : cell - 3;
          const movable = [0, 1, 2].some(
            (c) =>
              c !== col &&
              (sense === 'lo'
                ? v > 0 && truth[otherRow - (otherRow % 3) + c]! > 0
                : truth[cell - col + c]! > 0 && truth[otherRow]! > 0),
          );
          if (movable) expect(w).not.toBeNull();
        },
      ),
      { numRuns: 60, seed: 26 },
    );
  });
});
