import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EarlierExport } from '../../disclosure/acrossReleases.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { periodRelation } from '../../disclosure/previousExports.js';
import { type DisclosureParams, type ProtectResult, protectTables } from '../../disclosure/protectTables.js';
import { InputError } from '../../core/errors.js';
import type { Atom } from '../../model/atom.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../pipeline/tabulate.js';
import type { Period } from '../../schemas/tablesJson.js';
import { type Link, smallDifferences, unprotectedPrimaries } from '../support/jointAttacker.js';
import { nestedPopulation, withoutPersons } from '../support/nestedPopulation.js';

const P21: Period = { start: '2017-01-01', end: '2021-12-31' };
const P22: Period = { start: '2017-01-01', end: '2022-12-31' };
const params: DisclosureParams = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };
const SHA = '0'.repeat(64);

async function release(atoms: readonly Atom[], period: Period, previous: EarlierExport[] = []): Promise<ProtectResult> {
  const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
  return protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params, previous });
}

function earlierOf(r: ProtectResult, atoms: readonly Atom[] | null, period: Period, now: Period, dir = 'out-2021'): EarlierExport {
  return { record: { dir, period, tablesSha256: SHA, manifestSha256: SHA }, exported: r.exported, threshold: 10, relation: periodRelation(period, now), atoms };
}

const suppressedCells = (r: ProtectResult) => r.audit.totals.suppressed;

/** (a) and (b) for a pair of releases; `label` for the figures printed. */
async function check(label: string, earlier: { atoms: readonly Atom[]; r: ProtectResult }, later: { atoms: readonly Atom[]; r: ProtectResult }, link: Link, stopAtA = false) {
  const highs = await loadSolver();
  const a = smallDifferences(earlier.r.exported, later.r.exported);
  // when (a) already fails, (b) need not be computed to show that the pair fails
  if (stopAtA && a.length > 0) {
    console.log(`${label}: ${a.length} cell(s) shown in both differ by 1..9`);
    return { a, b: [] };
  }
  const b = unprotectedPrimaries(highs, TABLE_DECLARATIONS, { atoms: earlier.atoms, exported: earlier.r.exported }, { atoms: later.atoms, exported: later.r.exported }, link);
  console.log(`${label}: ${a.length} cell(s) shown in both differ by 1..9; ${b.length} primary cell(s) unprotected against the joint attacker`);
  return { a, b };
}

describe('across releases (generated populations, protect stage)', () => {
  it('30,000 persons, 2017-2021 then 2017-2022: with --previous (a) and (b) hold; without, they do not', async () => {
    const { earlier, later } = nestedPopulation(30000, 5);
    expect(earlier.reduce((s, a) => s + a.n, 0)).toBeGreaterThan(25000);
    const old = await release(earlier, P21);
    const joint = await release(later, P22, [earlierOf(old, earlier, P21, P22)]);
    const alone = await release(later, P22);
    const withPrev = await check('30k with --previous', { atoms: earlier, r: old }, { atoms: later, r: joint }, { kind: 'nested' });
    expect(withPrev.a).toEqual([]);
    expect(withPrev.b).toEqual([]);
    const without = await check('30k without', { atoms: earlier, r: old }, { atoms: later, r: alone }, { kind: 'nested' }, true);
    expect(without.a.length + without.b.length).toBeGreaterThan(0);
    console.log(`30k: suppressed ${suppressedCells(alone)} alone, ${suppressedCells(joint)} with --previous (+${suppressedCells(joint) - suppressedCells(alone)})`);
    expect(joint.audit.previous).toEqual([{ dir: 'out-2021', period: P21, tablesSha256: SHA, manifestSha256: SHA }]);
    const reasons = joint.audit.cells.filter((c) => c.reason);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((c) => c.reason === 'differencing with out-2021')).toBe(true);
    expect(joint.audit.acrossReleases?.earlierPrimariesChecked).toBeGreaterThan(0);
    // every suppressed cell has one reason kind; the kinds add up; a cell below the threshold is never counted as
    // differencing; a differencing cell names the export and a difference of 1..threshold-1; the cost is at least those
    const t = joint.audit.totals;
    expect(Object.values(t.byReason).reduce((a, b) => a + b, 0)).toBe(t.suppressed);
    for (const c of joint.audit.cells) {
      if (c.why === 'threshold') expect(c.value).toBeLessThan(10);
      if (c.why === 'differencing') {
        expect(c.value).toBeGreaterThanOrEqual(10);
        const d = c.earlier!.find((e) => e.kind === 'differencing')!;
        expect(d.export).toBe('out-2021');
        expect(d.difference).toBeGreaterThanOrEqual(1);
        expect(d.difference).toBeLessThan(10);
      }
    }
    expect(t.byReason.differencing).toBeGreaterThan(0);
    expect(t.forPrevious).toBeGreaterThanOrEqual(t.byReason.differencing + t.byReason.earlierCell);
    expect(alone.audit.totals.forPrevious).toBe(0);
    expect(alone.audit.cells.every((c) => c.why === 'threshold' || c.why === 'protects')).toBe(true);
  });

  it('same period: a correction of 1-5 persons is refused, one of 12 is protected', async () => {
    const { later } = nestedPopulation(3000, 9);
    const old = await release(later, P22);
    for (const removed of [1, 5]) {
      const corrected = withoutPersons(later, removed, removed);
      await expect(release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')])).rejects.toThrow(InputError);
      await expect(release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')])).rejects.toThrow(/out-first.*only \d person/);
    }
    // 12 Pwet-only persons (no UWV, no LKS, no Wmo): the totals that change, change by 12
    const pwetOnly = (a: Atom) => a.bits === (a.bits & 0b11111) && a.bitsBg === a.bits;
    const corrected = withoutPersons(later, 12, 3, pwetOnly);
    const joint = await release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')]);
    const r = await check('3k same period, 12 removed', { atoms: later, r: old }, { atoms: corrected, r: joint }, { kind: 'changed', k: 12 });
    expect(r.a).toEqual([]);
    expect(r.b).toEqual([]);
  });

  it('property: random small nested populations never show a difference of 1..threshold-1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ persons: fc.integer({ min: 150, max: 700 }), seed: fc.integer({ min: 1, max: 10_000 }), newcomers: fc.double({ min: 0, max: 0.3, noNaN: true }), fewer: fc.double({ min: 0, max: 0.3, noNaN: true }) }),
        async ({ persons, seed, newcomers, fewer }) => {
          const { earlier, later } = nestedPopulation(persons, seed, { newcomers, fewer });
          const old = await release(earlier, P21);
          const joint = await release(later, P22, [earlierOf(old, earlier, P21, P22)]);
          expect(smallDifferences(old.exported, joint.exported)).toEqual([]);
        },
      ),
      { numRuns: 6, seed: 15 },
    );
  });
});
