import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttackerModel } from '../../disclosure/attackerModel.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { type DisclosureParams, isPrimaryUnsafe, meetsRule } from '../../disclosure/protectionRule.js';
import { buildAttackerModel } from '../../disclosure/attackerModel.js';
import { secondarySuppression } from '../../disclosure/secondarySuppression.js';
import { suppressionCost } from '../../disclosure/suppressionCost.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { randomPopulation } from '../support/randomPopulation.js';
import { independentInterval } from '../support/independentInterval.js';
import { TWO_BY_TWO_ROWS } from '../support/twoByTwo.js';
import { marginTableRows } from '../support/marginTable.js';

/** A model straight from attacker rows (cells = rows; variables = interior cells). */
function modelOf(rows: readonly { vars: number[]; value: number }[], nVars: number): AttackerModel {
  return {
    cells: rows.map((_, i) => ({ table: 'T', row: `r${i}`, column: 'c' })),
    positions: rows.map((_, i) => [0, i, 0]),
    cellCanonical: rows.map((_, i) => i),
    canonical: rows.map((r, i) => ({ id: i, value: r.value, occurrences: [i], vars: r.vars })),
    variables: Array.from({ length: nVars }, (_, k) => ({
      n: 0,
      cells: rows.flatMap((r, i) => (r.vars.includes(k) ? [i] : [])),
      atoms: [],
    })),
  };
}

/** The attacker's interval of row `target` with the `suppressed` rows hidden, solved independently (test/support). */
const interval = (
  highs: Highs,
  rows: readonly { vars: number[]; value: number }[],
  nVars: number,
  suppressed: readonly boolean[],
  target: number,
) =>
  independentInterval(
    highs,
    rows,
    nVars,
    suppressed.map((s) => !s),
    target,
  );

const PARAMS: DisclosureParams = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

describe('disclosure/secondarySuppression', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadSolver();
  });

  it('2×2 hand-checked: a lone small cell needs the other three interior cells (totals are dearer)', () => {
    const rows = TWO_BY_TWO_ROWS; // a=3 b=7 / c=5 d=20, margins 10 25 8 27
    const params = { ...PARAMS, threshold: 4 }; // only a (3) is unsafe: p = 1, interval must reach [2, 4]
    const primary = rows.map((r, i) => i < 4 && isPrimaryUnsafe(r.value, params));
    expect(primary).toEqual([true, false, false, false, false, false, false, false]);
    const cost = rows.map((r, i) => (r.value + params.threshold) * (i >= 4 ? 5 : 1));
    const r = secondarySuppression(highs, modelOf(rows, 4), primary, cost, params);
    expect(r.suppressed).toEqual([true, true, true, true, false, false, false, false]);
    expect([...r.protects.entries()]).toEqual([
      [1, [0]],
      [2, [0]],
      [3, [0]],
    ]);
    expect(interval(highs, rows, 4, r.suppressed, 0)).toEqual([0, 8]);
  });

  it('release checks both sides: a total that caps the maximum stays suppressed even when the minimum passes', () => {
    // variables a = 3 (primary), z = 0, w = 40; rows: a, z, a + z, w, a + w
    const rows = [
      { vars: [0], value: 3 },
      { vars: [1], value: 0 },
      { vars: [0, 1], value: 3 },
      { vars: [2], value: 40 },
      { vars: [0, 2], value: 43 },
    ];
    const primary = [true, false, false, false, false];
    const cost = [13, 1, 100, 2, 100];
    const r = secondarySuppression(highs, modelOf(rows, 3), primary, cost, PARAMS);
    // a needs [2, 4]. With a + z published, a <= 3 whatever z is: the total must go; then z can be shown.
    expect(r.suppressed).toEqual([true, false, true, true, false]);
    expect(meetsRule(3, interval(highs, rows, 3, r.suppressed, 0), PARAMS)).toBe(true);
    // publishing a + z again is refused without an LP (z = 0 published beside it: a + z caps a at 3 < 3 + 1), and so
    // is publishing w (a + w = 43 with w = 40 beside it caps a at 3); z's release stands
    expect(r.stats.cheapRejects).toBe(2);
    expect(r.stats.released).toBe(1);
    const withTotal = [true, true, false, true, false];
    expect(interval(highs, rows, 3, withTotal, 0)).toEqual([0, 3]); // min side passes, max side fails
  });

  it('reports progress: primaries protected of all, from 0 up to all, one step per primary', () => {
    const rows = marginTableRows([
      [3, 40, 50],
      [60, 4, 70],
      [80, 90, 5],
    ]);
    const primary = rows.map((r, i) => i < 9 && isPrimaryUnsafe(r.value, PARAMS));
    const seen: [number, number][] = [];
    const r = secondarySuppression(
      highs,
      modelOf(rows, 9),
      primary,
      rows.map((x) => x.value),
      PARAMS,
      [],
      (done, total) => seen.push([done, total]),
    );
    expect(seen).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(r.suppressed.filter(Boolean).length).toBeGreaterThan(3);
  });

  it('nothing unsafe: nothing suppressed, no LP solved', () => {
    const rows = TWO_BY_TWO_ROWS;
    const r = secondarySuppression(
      highs,
      modelOf(rows, 4),
      rows.map(() => false),
      rows.map((x) => x.value),
      PARAMS,
    );
    expect(r.suppressed.every((s) => !s)).toBe(true);
    expect(r.protects.size).toBe(0);
    expect(r.stats.lpSolves).toBe(0);
  });

  it('primaries that protect each other need no secondary', () => {
    const rows = TWO_BY_TWO_ROWS;
    // a, b, c, d all primary: with the margins published a ∈ [0, 8], b ∈ [2, 10], c ∈ [0, 8], d ∈ [17, 25],
    // enough for p = max(1, ceil(0.1 v)) (d = 20 needs [18, 22])
    const primary = [true, true, true, true, false, false, false, false];
    const r = secondarySuppression(
      highs,
      modelOf(rows, 4),
      primary,
      rows.map((x) => x.value),
      { ...PARAMS, threshold: 21, safetyRange: 0.1 },
    );
    expect(r.suppressed).toEqual(primary);
    expect(r.stats.added).toBe(0);
  });

  it('random tables: every primary meets the rule (independent LP), primaries stay suppressed, no secondary is superfluous', () => {
    const tableArb = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 })).chain(([k, m]) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 60 })), {
          minLength: m,
          maxLength: m,
        }),
        { minLength: k, maxLength: k },
      ),
    );
    fc.assert(
      fc.property(tableArb, (values) => {
        const rows = marginTableRows(values);
        const nVars = values.flat().length;
        const primary = rows.map((r) => isPrimaryUnsafe(r.value, PARAMS));
        const cost = rows.map((r, i) => (r.value + PARAMS.threshold) * (i >= nVars ? 5 : 1));
        const res = secondarySuppression(highs, modelOf(rows, nVars), primary, cost, PARAMS);
        primary.forEach((p, i) => p && expect(res.suppressed[i], `primary ${i}`).toBe(true));
        const primaries = primary.flatMap((p, i) => (p ? [i] : []));
        const protectedBy = (pattern: readonly boolean[]) =>
          primaries.every((c) => meetsRule(rows[c]!.value, interval(highs, rows, nVars, pattern, c), PARAMS));
        expect(protectedBy(res.suppressed)).toBe(true);
        // release pass: publishing any one secondary again would expose a primary
        const secondaries = res.suppressed.flatMap((s, i) => (s && !primary[i] ? [i] : []));
        for (const s of secondaries) {
          const pattern = [...res.suppressed];
          pattern[s] = false;
          expect(protectedBy(pattern), `secondary ${s} could be published`).toBe(false);
        }
        expect([...res.protects.keys()]).toEqual(secondaries);
        // the points handed to the audit are feasible for the final pattern
        for (const x of res.points)
          rows.forEach((r, i) => {
            if (!res.suppressed[i]) expect(r.vars.reduce((a, v) => a + x[v]!, 0)).toBeCloseTo(r.value, 6);
          });
        for (const cs of res.protects.values()) for (const c of cs) expect(primary[c]).toBe(true);
        // deterministic
        const again = secondarySuppression(highs, modelOf(rows, nVars), primary, cost, PARAMS);
        expect(again.suppressed).toEqual(res.suppressed);
        // the same pattern without dual certificates (every failing side of the release pass by an LP)
        const plain = secondarySuppression(highs, modelOf(rows, nVars), primary, cost, PARAMS, [], undefined, false);
        expect(plain.stats.dualHits).toBe(0);
        expect(plain.suppressed).toEqual(res.suppressed);
        expect(plain.protects).toEqual(res.protects);
      }),
      { numRuns: 25 },
    );
  });

  it('random populations: dual certificates in the release pass change no decision, only save LPs', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 1500 }), fc.integer({ min: 1, max: 1000 }), (persons, seed) => {
        const model = buildAttackerModel(randomPopulation(persons, seed), TABLE_DECLARATIONS);
        const primary = model.canonical.map((c) => isPrimaryUnsafe(c.value, PARAMS));
        const cost = suppressionCost(model, TABLE_DECLARATIONS, PARAMS.threshold);
        const fast = secondarySuppression(highs, model, primary, cost, PARAMS);
        const plain = secondarySuppression(highs, model, primary, cost, PARAMS, [], undefined, false);
        expect(fast.suppressed).toEqual(plain.suppressed);
        expect(fast.protects).toEqual(plain.protects);
        expect([fast.stats.added, fast.stats.released]).toEqual([plain.stats.added, plain.stats.released]);
        hits += fast.stats.dualHits;
      }),
      { numRuns: 4, seed: 22 },
    );
    expect(hits).toBeGreaterThan(0);
  });
});
