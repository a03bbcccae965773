import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSolver } from '../../disclosure/loadSolver.js';
import type { EarlierExport } from '../../disclosure/earlierExports.js';
import { earlierBlocks } from '../../disclosure/acrossReleases.js';
import { buildAttackerModel } from '../../disclosure/attackerModel.js';
import { JointLp, JointPoints } from '../../disclosure/jointAttacker.js';
import { type ProtectResult, protectTables } from '../../disclosure/protectTables.js';
import { InputError } from '../../core/errors.js';
import type { Atom } from '../../model/atom.js';
import {
  cellTerms,
  declarationsFor,
  TABLE_DECLARATIONS,
  type TableDeclaration,
} from '../../model/tableDeclarations.js';
import type { TableSpec } from '../../model/tablesFile.js';
import { tabulate } from '../../model/tabulate.js';
import {
  type ChainLink,
  chainUnprotectedPrimaries,
  type Link,
  smallDifferences,
  unprotectedPrimaries,
} from '../support/jointAttacker.js';
import { nestedPopulation, shorterPeriod, withoutPersons } from '../support/nestedPopulation.js';
import { randomPopulation } from '../support/randomPopulation.js';
import { rollingPopulation } from '../support/rollingPopulation.js';
import { rollingUnprotectedPrimaries } from '../support/rollingAttacker.js';
import { windowSense } from '../../disclosure/acrossReleases.js';
import { bitOf } from '../../model/personSets.js';
import type { Period } from '../../schemas/tablesJson.js';
import { chainOfThree, earlierOf, P20, P21, P22, RECORDED_SHA, RELEASE_PARAMS, release } from '../support/releases.js';

const params = RELEASE_PARAMS;

const suppressedCells = (r: ProtectResult) => r.audit.totals.suppressed;

/** The pairs of a chain of three releases, and their links: every period starts 2017-01-01, each inside the next. */
const PAIRS = [
  [0, 1],
  [0, 2],
  [1, 2],
] as const;
const CHAIN_LINKS: ChainLink[] = PAIRS.map(([earlier, later]) => ({
  earlier,
  later,
  link: { kind: 'nested', classes: true },
}));

/** (a) and (b) for a pair of releases; `label` for the figures printed. */
async function check(
  label: string,
  earlier: { atoms: readonly Atom[]; r: ProtectResult },
  later: { atoms: readonly Atom[]; r: ProtectResult },
  link: Link,
  stopAtA = false,
) {
  const highs = await loadSolver();
  const a = smallDifferences(earlier.r.exported, later.r.exported);
  // when (a) already fails, (b) need not be computed to show that the pair fails
  if (stopAtA && a.length > 0) {
    console.log(`${label}: ${a.length} cell(s) shown in both differ by 1..9`);
    return { a, b: [] };
  }
  const b = unprotectedPrimaries(
    highs,
    TABLE_DECLARATIONS,
    { atoms: earlier.atoms, exported: earlier.r.exported },
    { atoms: later.atoms, exported: later.r.exported },
    link,
  );
  console.log(
    `${label}: ${a.length} cell(s) shown in both differ by 1..9; ${b.length} primary cell(s) unprotected against the joint attacker`,
  );
  return { a, b };
}

describe('across releases (generated populations, protect stage)', () => {
  it('30,000 persons, 2017-2021 then 2017-2022: with --previous (a) and (b) hold; without, they do not', async () => {
    const { earlier, later } = nestedPopulation(30000, 5);
    expect(earlier.reduce((s, a) => s + a.n, 0)).toBeGreaterThan(25000);
    const old = await release(earlier, P21);
    const joint = await release(later, P22, [earlierOf(old, earlier, P21, P22)]);
    const alone = await release(later, P22);
    const withPrev = await check(
      '30k with --previous',
      { atoms: earlier, r: old },
      { atoms: later, r: joint },
      { kind: 'nested' },
    );
    expect(withPrev.a).toEqual([]);
    expect(withPrev.b).toEqual([]);
    const without = await check(
      '30k without',
      { atoms: earlier, r: old },
      { atoms: later, r: alone },
      { kind: 'nested' },
      true,
    );
    expect(without.a.length + without.b.length).toBeGreaterThan(0);
    console.log(
      `30k: suppressed ${suppressedCells(alone)} alone, ${suppressedCells(joint)} with --previous (+${suppressedCells(joint) - suppressedCells(alone)})`,
    );
    expect(joint.audit.previous).toEqual([
      { dir: 'out-2021', period: P21, tablesSha256: RECORDED_SHA, manifestSha256: RECORDED_SHA },
    ]);
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
  }, 600_000); // the person-level pairing: about 25 s of joint search on this machine (85 s with every flow edge) (docs/disclosure.md)

  it('same period: a correction of 1-5 persons is refused, one of 12 is protected', async () => {
    const { later } = nestedPopulation(3000, 9);
    const old = await release(later, P22);
    for (const removed of [1, 5]) {
      const corrected = withoutPersons(later, removed, removed);
      await expect(release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')])).rejects.toThrow(InputError);
      await expect(release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')])).rejects.toThrow(
        /out-first.*only \d person/,
      );
    }
    // 12 Pwet-only persons (no UWV, no LKS, no Wmo): the totals that change, change by 12
    const pwetOnly = (a: Atom) => a.bits === (a.bits & 0b11111) && a.bitsBg === a.bits;
    const corrected = withoutPersons(later, 12, 3, pwetOnly);
    const joint = await release(corrected, P22, [earlierOf(old, null, P22, P22, 'out-first')]);
    const r = await check(
      '3k same period, 12 removed',
      { atoms: later, r: old },
      { atoms: corrected, r: joint },
      { kind: 'changed', k: 12 },
    );
    expect(r.a).toEqual([]);
    expect(r.b).toEqual([]);
  });

  it('property: random small nested populations never show a difference of 1..threshold-1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          persons: fc.integer({ min: 150, max: 700 }),
          seed: fc.integer({ min: 1, max: 10_000 }),
          newcomers: fc.double({ min: 0, max: 0.3, noNaN: true }),
          fewer: fc.double({ min: 0, max: 0.3, noNaN: true }),
        }),
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

/** A user table: `base` sets, rows every category of one list, columns every category of another (and a total). */
function userTable(id: string, base: string[], rows: string, columns: string): TableSpec {
  return {
    id,
    kind: 'table',
    title: { nl: `Tabel ${id}`, en: `Table ${id}` },
    basis: 'period',
    base: base.map((set) => ({ set })),
    rows: [{ each: rows }],
    columns: [{ each: columns }, 'total'],
    cells: 'all',
  };
}

async function releaseWith(
  atoms: readonly Atom[],
  declarations: readonly TableDeclaration[],
  previous: EarlierExport[] = [],
): Promise<ProtectResult> {
  const internal = tabulate({ atoms, declarations, period: P22, backgroundPeriod: P22 });
  return protectTables({ internal, atoms, declarations, params, previous });
}

const sameDataEarlier = (
  r: ProtectResult,
  atoms: readonly Atom[],
  declarations: readonly TableDeclaration[],
): EarlierExport => ({
  ...earlierOf(r, atoms, P22, P22, 'out-first'),
  sameData: true,
  declarations,
});

describe('same data, other tables (one atom set for both exports)', () => {
  it('property: random small populations and user tables, both orders: no primary of either export under-protected against the attacker holding both', async () => {
    const highs = await loadSolver();
    let refusals = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          persons: fc.integer({ min: 200, max: 900 }),
          seed: fc.integer({ min: 1, max: 10_000 }),
          base: fc.subarray(['pwet', 'uwv', 'wmo', 'lks'], { maxLength: 2 }),
          rows: fc.constantFrom('pwet', 'uwvType', 'wmo', 'groups'),
          columns: fc.constantFrom('gender', 'age', 'education', 'wmo'),
          keep: fc.constantFrom<string[] | undefined>(undefined, ['3.*'], ['3.*', '4.*']),
          userFirst: fc.boolean(),
        }),
        async ({ persons, seed, base, rows, columns, keep, userFirst }) => {
          const atoms = randomPopulation(persons, seed);
          const plain = declarationsFor({ tables: { add: [], drop: [], ...(keep ? { keep } : {}) } });
          const withUser = declarationsFor({ tables: { add: [userTable('UX1', base, rows, columns)], drop: [] } });
          const [d1, d2] = userFirst ? [withUser, plain] : [plain, withUser];
          const r1 = await releaseWith(atoms, d1);
          let r2: ProtectResult;
          try {
            r2 = await releaseWith(atoms, d2, [sameDataEarlier(r1, atoms, d1)]);
          } catch (e) {
            // a refusal only when R1 alone already narrows a count R2 must hide
            expect(e).toBeInstanceOf(InputError);
            expect((e as Error).message).toContain('same input files');
            refusals++;
            return;
          }
          runs++;
          expect(smallDifferences(r1.exported, r2.exported)).toEqual([]);
          const found = unprotectedPrimaries(
            highs,
            [],
            { atoms, exported: r1.exported, declarations: d1 },
            { atoms, exported: r2.exported, declarations: d2 },
            { kind: 'sameData' },
          );
          expect(found).toEqual([]);
          expect(r2.audit.acrossReleases?.earlierPrimariesChecked).toBeGreaterThan(0);
        },
      ),
      { numRuns: 8, seed: 27 },
    );
    console.log(`same data: ${runs} pair(s) protected jointly, ${refusals} refused`);
    expect(runs).toBeGreaterThan(0);
  });

  it('without the earlier export, a same-data pair leaks: R2 shows what R1 hid', async () => {
    const highs = await loadSolver();
    const atoms = randomPopulation(2000, 1);
    const d1 = TABLE_DECLARATIONS;
    const d2 = declarationsFor({ tables: { add: [userTable('UX1', [], 'groups', 'age')], drop: [] } });
    const r1 = await releaseWith(atoms, d1);
    const alone = await releaseWith(atoms, d2);
    const joint = await releaseWith(atoms, d2, [sameDataEarlier(r1, atoms, d1)]);
    const leaks = unprotectedPrimaries(
      highs,
      [],
      { atoms, exported: r1.exported, declarations: d1 },
      { atoms, exported: alone.exported, declarations: d2 },
      { kind: 'sameData' },
    );
    console.log(
      `same data, 2,000 persons, domain groups by age: ${leaks.length} primary count(s) under-protected without --previous; suppressed ${alone.audit.totals.suppressed} alone, ${joint.audit.totals.suppressed} jointly`,
    );
    expect(leaks.length).toBeGreaterThan(0);
    expect(
      unprotectedPrimaries(
        highs,
        [],
        { atoms, exported: r1.exported, declarations: d1 },
        { atoms, exported: joint.exported, declarations: d2 },
        { kind: 'sameData' },
      ),
    ).toEqual([]);
  });
});

describe('background classes across nested releases with the same start date', () => {
  it('chain of three, 2017-2020 -> 2017-2021 -> 2017-2022 (each with --previous of all before): no primary under-protected against an attacker that also links age, gender and education cells', async () => {
    const highs = await loadSolver();
    const { p20, p21, p22, r20, r21, r22 } = await chainOfThree(randomPopulation(3000, 21), 21);
    const chain = [
      { atoms: p20, exported: r20.exported },
      { atoms: p21, exported: r21.exported },
      { atoms: p22, exported: r22.exported },
    ];
    for (const [a, b] of PAIRS) expect(smallDifferences(chain[a]!.exported, chain[b]!.exported)).toEqual([]);
    const found = chainUnprotectedPrimaries(highs, TABLE_DECLARATIONS, chain, CHAIN_LINKS);
    console.log(
      `chain of three (3,000 persons): ${found.length} primary count(s) under-protected against the attacker holding all three (background cells linked); suppressed ${suppressedCells(r20)}, ${suppressedCells(r21)}, ${suppressedCells(r22)}`,
    );
    expect(found).toEqual([]);
    // the class cells are linked: F3.1 (age classes) has earlier primaries checked by the joint model
    expect(r22.audit.acrossReleases?.earlierPrimariesChecked).toBeGreaterThan(0);
  });
});

describe('person-level pairing in the joint LP', () => {
  it('column generation gives the intervals of the LP with every flow edge, and the pairing narrows primaries the couplings alone leave wider', async () => {
    const highs = await loadSolver();
    const p22 = randomPopulation(800, 103);
    const p21 = shorterPeriod(p22, 103);
    const r21 = await release(p21, P21);
    const internal = tabulate({ atoms: p22, declarations: TABLE_DECLARATIONS, period: P22, backgroundPeriod: P22 });
    const model = buildAttackerModel(p22, TABLE_DECLARATIONS);
    const e = earlierOf(r21, p21, P21, P22, 'out-2021');
    const { parts, links, pairings } = earlierBlocks(
      model,
      TABLE_DECLARATIONS,
      internal,
      [{ ...e, atoms: e.atoms! }],
      params,
    );
    expect(pairings).toHaveLength(1);
    const pairing = pairings[0]!.pairing;
    expect(pairing.seedEdges.length).toBeGreaterThan(0);
    expect(pairing.seedEdges.length).toBeLessThan(pairing.targets.length);
    const rows = model.canonical.map((c) => ({ vars: c.vars, value: c.value }));
    // the new export as made without --previous: what it shows
    const alone = await release(p22, P22);
    const open = model.canonical.map((c) =>
      c.occurrences.some((o) => {
        const ref = model.cells[o]!;
        const t = alone.exported.tables[ref.table]!;
        const i = t.rows.findIndex((h) => h.key === ref.row);
        const j = t.columns.findIndex((h) => h.key === ref.column);
        return typeof t.cells[i]?.[j] === 'number';
      }),
    );
    const blocks = parts.map((p) => p.block);
    const generated = new JointLp(highs, model.variables.length, rows, open, blocks, links, pairings);
    // every edge in the LP from the start (no pricing can add any)
    const all = Object.assign(Object.create(Object.getPrototypeOf(pairing)), pairing, {
      seedEdges: pairing.targets.map((_, k) => k),
    });
    const full = new JointLp(highs, model.variables.length, rows, open, blocks, links, [
      { ...pairings[0]!, pairing: all },
    ]);
    const cells = new JointLp(highs, model.variables.length, rows, open, blocks, links);
    // the first solve started from the true counts' transport: only the start differs
    const fromTruth = new JointLp(
      highs,
      model.variables.length,
      rows,
      open,
      blocks,
      links,
      pairings,
      model.variables.map((v) => v.n),
    );
    let narrower = 0;
    try {
      for (const x of parts[0]!.primaries) {
        const vars = generated.varsOf(0, x.row);
        const a = generated.interval(vars);
        expect(a).toEqual(full.interval(vars));
        expect(a).toEqual(fromTruth.interval(vars));
        const b = cells.interval(vars);
        expect(a[0]).toBeGreaterThanOrEqual(b[0]);
        expect(a[1]).toBeLessThanOrEqual(b[1]);
        if (a[0] > b[0] || a[1] < b[1]) narrower++;
      }
      expect(full.columnGeneration.added).toBe(0);
      expect(generated.columnGeneration.added).toBeGreaterThan(0);
      // the one proof of a side (a known point, else an LP) answers as the interval does, both ways, also for needs
      // just beyond the interval; later sides are proved by the points of earlier ones
      const points = new JointPoints();
      let failing = 0;
      for (const x of parts[0]!.primaries) {
        const vars = generated.varsOf(0, x.row);
        const [lo, hi] = generated.interval(vars);
        for (const need of [x.need, { lo: lo - 1, hi: hi + 1 }]) {
          expect(points.proves(generated, vars, 'min', need)).toBe(lo <= need.lo);
          expect(points.proves(generated, vars, 'max', need)).toBe(hi >= need.hi);
          if (lo > need.lo) failing++;
        }
      }
      expect(failing).toBeGreaterThan(0);
      expect(points.hits).toBeGreaterThan(0);
    } finally {
      generated.dispose();
      full.dispose();
      cells.dispose();
      fromTruth.dispose();
    }
    console.log(
      `pairing: ${pairing.targets.length} edges, ${pairing.seedEdges.length} seeded; ${narrower} of ${parts[0]!.primaries.length} earlier primaries narrower than with the couplings alone`,
    );
    expect(narrower).toBeGreaterThan(0);
  });
});

describe('a chain of releases is one attacker', () => {
  it('the joint model links the earlier exports with each other (R1 <-> R2), not only each with the new run', async () => {
    const highs = await loadSolver();
    const p22 = randomPopulation(3000, 31);
    const p21 = shorterPeriod(p22, 31);
    const p20 = shorterPeriod(p21, 32);
    // R1 and R2 each protected alone: what they show together narrows some R1 primary only through the R1 <-> R2 link
    const r20 = await release(p20, P20);
    const r21 = await release(p21, P21);
    const internal = tabulate({ atoms: p22, declarations: TABLE_DECLARATIONS, period: P22, backgroundPeriod: P22 });
    const model = buildAttackerModel(p22, TABLE_DECLARATIONS);
    const earlier = [earlierOf(r20, p20, P20, P22, 'out-2020'), earlierOf(r21, p21, P21, P22, 'out-2021')] as const;
    const { parts, links } = earlierBlocks(
      model,
      TABLE_DECLARATIONS,
      internal,
      earlier.map((e) => ({ ...e, atoms: e.atoms! })),
      params,
    );
    expect(links).toHaveLength(1);
    const [link] = links;
    // block 1 (2017-2021) in the role of the later release, block 0 (2017-2020) inside it
    expect([link!.a, link!.b]).toEqual([1, 0]);
    expect(link!.coupling.length).toBeGreaterThan(100);
    expect(link!.coupling.every((c) => c.sense === 'newAtLeast')).toBe(true);
    // the same rules as new <-> earlier: as many R1 <-> R2 rows as R1 <-> new rows, up to cells whose true counts break them
    expect(link!.coupling.length).toBeLessThanOrEqual(parts[0]!.block.coupling.length);
    // every row holds at the true counts
    for (const c of link!.coupling)
      expect(parts[1]!.block.rows[c.newRow]!.value).toBeGreaterThanOrEqual(parts[0]!.block.rows[c.oldRow]!.value);
    // a cell that asks for an age class (same start date) is linked too
    const { model: m1, declarations: d1 } = parts[1]!.side;
    const asksAge = (row: number) =>
      m1.canonical[row]!.occurrences.some((o) => {
        const [t, i, j] = m1.positions[o]!;
        return cellTerms(d1[t]!, i, j)?.some((x) => 'dim' in x && x.dim === 'age') === true;
      });
    expect(link!.coupling.some((c) => asksAge(c.newRow))).toBe(true);
    // with the link the attacker narrows at least one R1 primary further than without it
    const rows = model.canonical.map((c) => ({ vars: c.vars, value: c.value }));
    const open = model.canonical.map(() => false);
    const blocks = parts.map((p) => p.block);
    const withLinks = new JointLp(highs, model.variables.length, rows, open, blocks, links);
    const without = new JointLp(highs, model.variables.length, rows, open, blocks);
    let narrower = 0;
    try {
      for (const x of parts[0]!.primaries) {
        const a = withLinks.interval(withLinks.varsOf(0, x.row));
        const b = without.interval(without.varsOf(0, x.row));
        expect(a[0]).toBeGreaterThanOrEqual(b[0]);
        expect(a[1]).toBeLessThanOrEqual(b[1]);
        if (a[0] > b[0] || a[1] < b[1]) narrower++;
      }
    } finally {
      withLinks.dispose();
      without.dispose();
    }
    console.log(
      `R1 <-> R2 link: ${link!.coupling.length} coupling rows; ${narrower} of ${parts[0]!.primaries.length} R1 primaries narrower with it`,
    );
    expect(narrower).toBeGreaterThan(0);
  });

  it('property: random small chains of three, no primary of any release under-protected against the attacker holding all three', async () => {
    const highs = await loadSolver();
    await fc.assert(
      fc.asyncProperty(
        fc.record({ persons: fc.integer({ min: 200, max: 800 }), seed: fc.integer({ min: 1, max: 10_000 }) }),
        async ({ persons, seed }) => {
          const { p20, p21, p22, r20, r21, r22 } = await chainOfThree(randomPopulation(persons, seed), seed);
          const chain = [
            { atoms: p20, exported: r20.exported },
            { atoms: p21, exported: r21.exported },
            { atoms: p22, exported: r22.exported },
          ];
          for (const [a, b] of PAIRS) expect(smallDifferences(chain[a]!.exported, chain[b]!.exported)).toEqual([]);
          expect(chainUnprotectedPrimaries(highs, TABLE_DECLARATIONS, chain, CHAIN_LINKS)).toEqual([]);
        },
      ),
      { numRuns: 4, seed: 2027 },
    );
  });
});

describe('rolling windows with category breaks (2017-2021, then 2018-2022)', () => {
  const W1: Period = { start: '2017-01-01', end: '2021-12-31' };
  const W2: Period = { start: '2018-01-01', end: '2022-12-31' };
  /** A category that ends in 2018, two that start in 2019 (docs/spec/inputs.md). */
  const NESTED = {
    laterInside: ['pwet.begeleiding_jobcoach'],
    earlierInside: ['pwet.ondersteuning_werkplek', 'pwet.overig_faciliterend'],
  };
  const maskOf = (keys: readonly string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);
  const nesting = {
    newInside: maskOf(NESTED.laterInside),
    earlierInside: maskOf(NESTED.earlierInside),
  };

  async function releaseAt(
    atoms: readonly Atom[],
    declarations: readonly TableDeclaration[],
    period: Period,
    previous: EarlierExport[] = [],
  ): Promise<ProtectResult> {
    const internal = tabulate({ atoms, declarations, period, backgroundPeriod: period });
    return protectTables({ internal, atoms, declarations, params, previous });
  }

  it('which cells are nested: every membership one way, only classes a person keeps', () => {
    const n = { newInside: maskOf(['pwet.begeleiding_jobcoach', 'lks']), earlierInside: maskOf(['visueel']) };
    expect(windowSense([{ set: 'pwet.begeleiding_jobcoach' }], n)).toBe('newAtMost');
    expect(windowSense([{ set: 'pwet.begeleiding_jobcoach' }, { dim: 'gender', value: 'man' }], n)).toBe('newAtMost');
    expect(windowSense([{ atLeast: 2, of: ['pwet.begeleiding_jobcoach', 'lks'] }], n)).toBe('newAtMost');
    expect(windowSense([{ set: 'visueel' }, { dim: 'education', value: 'hoog' }], n)).toBe('newAtLeast');
    // the age class moves with the window; "exactly n" is not monotone; mixed directions; no membership at all
    expect(windowSense([{ set: 'pwet.begeleiding_jobcoach' }, { dim: 'age', value: '18-27' }], n)).toBeNull();
    expect(windowSense([{ set: 'lks' }, { countOf: 'pwet', n: 1 }], n)).toBeNull();
    expect(windowSense([{ set: 'pwet.begeleiding_jobcoach' }, { set: 'visueel' }], n)).toBeNull();
    expect(windowSense([{ dim: 'gender', value: 'man' }], n)).toBeNull();
    // a derived set is nested only when all its base sets are
    expect(windowSense([{ set: 'pwet' }], n)).toBeNull();
    expect(windowSense([{ set: 'pwet' }], { newInside: 0x7fffffff, earlierInside: 0 })).toBe('newAtMost');
    expect(windowSense([{ set: 'visueel' }], { newInside: n.earlierInside, earlierInside: n.earlierInside })).toBe(
      'equal',
    );
  });

  /** A random rolling population and one user table over a nested category, by gender, education or age. */
  const rollingCase = (min: number, max: number) =>
    fc.record({
      persons: fc.integer({ min, max }),
      seed: fc.integer({ min: 1, max: 10_000 }),
      base: fc.constantFrom(...NESTED.laterInside, ...NESTED.earlierInside),
      rows: fc.constantFrom('gender', 'education'),
      columns: fc.constantFrom('gender', 'education', 'age'),
    });

  /** Both windows released: the earlier alone, the later with the breaks (r2 null: refused). */
  async function rollingPair(c: { persons: number; seed: number; base: string; rows: string; columns: string }) {
    const { earlier, later } = rollingPopulation(c.persons, c.seed, NESTED);
    const d = declarationsFor({ tables: { add: [userTable('UW1', [c.base], c.rows, c.columns)], drop: [] } });
    const r1 = await releaseAt(earlier, d, W1);
    const e1: EarlierExport = { ...earlierOf(r1, earlier, W1, W2, 'out-w1'), declarations: d };
    expect(e1.relation).toBe('other');
    let r2: ProtectResult | null = null;
    try {
      r2 = await releaseAt(later, d, W2, [{ ...e1, nesting: { period: nesting, background: nesting } }]);
    } catch (e) {
      // a refusal only when the earlier export alone (with the breaks) narrows a count the new one must hide
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toContain('cannot be protected by suppressing cells of the new export');
    }
    const window = (atoms: readonly Atom[], r: ProtectResult) => ({ atoms, exported: r.exported, declarations: d });
    return { earlier, later, d, r1, e1, r2, window };
  }

  it('property: random populations and user tables over a category that ends or starts: no primary of either window under-protected against the attacker who knows the breaks (leaks without them printed)', async () => {
    const highs = await loadSolver();
    let runs = 0;
    let refusals = 0;
    let leaksWithout = 0;
    const extraCells: number[] = [];
    await fc.assert(
      fc.asyncProperty(rollingCase(400, 1200), async (c) => {
        const { earlier, later, d, r1, e1, r2, window } = await rollingPair(c);
        if (!r2) {
          refusals++;
          return;
        }
        const without = await releaseAt(later, d, W2, [e1]);
        runs++;
        const link: Link = { kind: 'windows', ...NESTED };
        const pair = (r: ProtectResult) => unprotectedPrimaries(highs, [], window(earlier, r1), window(later, r), link);
        expect(pair(r2)).toEqual([]);
        leaksWithout += pair(without).length;
        extraCells.push(r2.audit.totals.suppressed - without.audit.totals.suppressed);
      }),
      { numRuns: 8, seed: 2018 },
    );
    console.log(
      `rolling windows with breaks: ${runs} pair(s), ${refusals} refused; ${leaksWithout} primary count(s) under-protected when the breaks are not modelled; extra suppressed cells with them: ${extraCells.join(', ')}`,
    );
    expect(runs).toBeGreaterThan(0);
  });

  it('property: against the person-level attacker (each person in one window, the other or both, as the breaks allow), random populations and a user table over a nested category: 0 primaries of either window under-protected', async () => {
    const highs = await loadSolver();
    const sizes: string[] = [];
    await fc.assert(
      fc.asyncProperty(rollingCase(250, 350), async (c) => {
        const { earlier, later, r1, r2, window } = await rollingPair(c);
        if (!r2) return;
        const found = rollingUnprotectedPrimaries(highs, [window(earlier, r1), window(later, r2)], NESTED);
        sizes.push(`${c.persons} persons, ${c.base} by ${c.rows}: ${found.length}`);
        expect(found).toEqual([]);
      }),
      { numRuns: 3, seed: 2019 },
    );
    console.log(`rolling windows, person-level attacker: ${sizes.join('; ')}`);
    expect(sizes.length).toBeGreaterThan(0);
  });

  it('two earlier exports that are rolling windows of each other are linked through their category breaks too (a chain of yearly windows)', async () => {
    const { earlier, later } = rollingPopulation(1500, 3, NESTED);
    const d = TABLE_DECLARATIONS;
    const r1 = await releaseAt(earlier, d, W1);
    const r2 = await releaseAt(later, d, W2, [
      { ...earlierOf(r1, earlier, W1, W2, 'out-w1'), nesting: { period: nesting, background: nesting } },
    ]);
    // the spans of the records in use in each window, as the link stage finds them (one mask per set here)
    const others = (1 << 26) - 1 - nesting.newInside - nesting.earlierInside;
    const spans = (ended: string, started: string, rest: [string, string]) => {
      const period = [
        { mask: nesting.newInside, lastBegin: '2018-06-01', firstEnd: ended },
        { mask: nesting.earlierInside, lastBegin: started, firstEnd: '2019-12-31' },
        { mask: others, lastBegin: rest[0], firstEnd: rest[1] },
      ];
      return { period, background: period };
    };
    const W3: Period = { start: '2019-01-01', end: '2023-12-31' };
    const e1 = { ...earlierOf(r1, earlier, W1, W3, 'out-w1'), atoms: earlier };
    const e2 = { ...earlierOf(r2, later, W2, W3, 'out-w2'), atoms: later };
    const s1 = spans('2017-03-01', '2021-01-01', ['2021-12-01', '2017-02-01']);
    const s2 = spans('2018-03-01', '2022-06-01', ['2022-12-01', '2018-02-01']);
    const internal = tabulate({ atoms: later, declarations: d, period: W3, backgroundPeriod: W3 });
    const model = buildAttackerModel(later, d);
    const linksOf = (withSpans: boolean) =>
      earlierBlocks(
        model,
        d,
        internal,
        withSpans
          ? [
              { ...e1, spans: s1 },
              { ...e2, spans: s2 },
            ]
          : [e1, e2],
        params,
      ).links;
    expect(linksOf(false)).toEqual([]);
    const [link] = linksOf(true);
    expect([link!.a, link!.b]).toEqual([1, 0]);
    // 3.2 users of the category that ended (W2 ⊆ W1) and of the two that started (W1 ⊆ W2), at least
    const senses = new Set(link!.coupling.map((c) => c.sense));
    expect(senses).toEqual(new Set(['newAtMost', 'newAtLeast']));
    expect(link!.coupling.length).toBeGreaterThanOrEqual(3);
  });

  it('a category that starts in 2019: 9 men over 2017-2021 (hidden), 10 over 2018-2022 — shown without the break, it bounds the earlier 9 to [.., 10] (both test attackers find it); with it, the new cell is hidden', async () => {
    const highs = await loadSolver();
    const werkplek = 1 << bitOf('pwet.ondersteuning_werkplek');
    // persons of one population, without the category; then 9 men and 25 women get it in both windows, and one
    // more man in the later window only
    const persons = randomPopulation(350, 5).flatMap((a) =>
      Array.from({ length: a.n }, () => ({ ...a, n: 1, bits: a.bits & ~werkplek, bitsBg: a.bitsBg & ~werkplek })),
    );
    const men = persons.filter((x) => x.gender === 'man');
    const women = persons.filter((x) => x.gender === 'vrouw');
    const give = (xs: Atom[]) => xs.forEach((x) => ((x.bits |= werkplek), (x.bitsBg |= werkplek)));
    give(men.slice(0, 9));
    give(women.slice(0, 25));
    const earlier = aggregate(persons);
    give(men.slice(9, 10));
    const later = aggregate(persons);
    const d = declarationsFor({
      tables: { add: [userTable('UW1', ['pwet.ondersteuning_werkplek'], 'gender', 'education')], drop: [] },
    });
    const cell = (r: ProtectResult) => {
      const t = r.exported.tables.UW1!;
      return t.cells[t.rows.findIndex((h) => h.key === 'man')]![t.columns.findIndex((h) => h.key === 'total')];
    };
    const r1 = await releaseAt(earlier, d, W1);
    expect(cell(r1)).toBe('**');
    const e1: EarlierExport = { ...earlierOf(r1, earlier, W1, W2, 'out-w1'), declarations: d };
    const without = await releaseAt(later, d, W2, [e1]);
    const joint = await releaseAt(later, d, W2, [{ ...e1, nesting: { period: nesting, background: nesting } }]);
    const link: Link = { kind: 'windows', ...NESTED };
    const windows = (r: ProtectResult) =>
      [
        { atoms: earlier, exported: r1.exported, declarations: d },
        { atoms: later, exported: r.exported, declarations: d },
      ] as const;
    const leaks = (r: ProtectResult) => unprotectedPrimaries(highs, [], ...windows(r), link);
    expect(cell(without)).toBe(10);
    expect(leaks(without)).toEqual([
      expect.objectContaining({ release: 0, table: 'UW1', value: 9, interval: [expect.any(Number), 10] }),
    ]);
    expect(cell(joint)).toBe('**');
    expect(leaks(joint)).toEqual([]);
    // the person-level attacker finds the same leak, and none in the joint export
    const personLevel = (r: ProtectResult) =>
      rollingUnprotectedPrimaries(highs, windows(r), NESTED).map((f) => `${f.release} ${f.table} ${f.value}`);
    expect(personLevel(without)).toContain('0 UW1 9');
    expect(personLevel(joint)).toEqual([]);
    const reasons = joint.audit.cells.filter((c) => c.table === 'UW1' && c.row === 'man' && c.column === 'total');
    expect(reasons[0]!.earlier).toEqual([{ export: 'out-w1', kind: 'earlierCell' }]);
  });
});

/** Persons (atoms of one) grouped into atoms again. */
function aggregate(persons: readonly Atom[]): Atom[] {
  const m = new Map<string, Atom>();
  for (const p of persons) {
    const key = `${p.bits}|${p.bitsBg}|${p.age}|${p.gender}|${p.education}`;
    const a = m.get(key);
    if (a) a.n++;
    else m.set(key, { ...p, n: 1 });
  }
  return [...m.values()];
}
