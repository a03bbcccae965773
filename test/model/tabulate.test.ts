import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Atom } from '../../model/atom.js';
import { cellMatches } from '../../model/cellTerm.js';
import { BASE_SETS, DIMENSIONS, bitOf } from '../../model/personSets.js';
import { TABLE_DECLARATIONS, type TableDeclaration, cellTerms } from '../../model/tableDeclarations.js';
import { periodLabel, tabulate } from '../../model/tabulate.js';
import { randomPopulation } from '../support/randomPopulation.js';

const P = { start: '2017-01-01', end: '2022-12-31' };
const BG = { start: '2022-01-01', end: '2022-12-31' };
const b = (...keys: string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);
const atom = (bits: number, n: number, extra: Partial<Atom> = {}): Atom => ({
  bits,
  bitsBg: bits,
  age: '28_55',
  gender: 'man',
  education: 'laag',
  n,
  ...extra,
});

/** Pwet categories × gender, within uwv (base), with every cell mode exercised through `cells`. */
const decl = (cells: TableDeclaration['cells'], basis: TableDeclaration['basis'] = 'period'): TableDeclaration => ({
  id: 'T',
  kind: 'table',
  order: 0,
  titleEn: '',
  title: 'Test {period}',
  basis,
  base: [{ set: 'uwv' }],
  rows: [
    { key: 'total', label: 'Totaal', terms: [] },
    { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
    { key: 'overig', label: 'Overig', terms: [{ set: 'pwet.overig' }] },
  ],
  columns: [
    { key: 'total', label: 'Totaal', terms: [] },
    { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
    { key: 'man', label: 'man', terms: [{ dim: 'gender', value: 'man' }] },
  ],
  cells,
});

const ATOMS: Atom[] = [
  atom(b('uwv.jobcoach', 'pwet.vervoer'), 3),
  atom(b('uwv.jobcoach', 'pwet.vervoer', 'pwet.overig'), 4, { gender: 'vrouw' }),
  atom(b('uwv.vervoer', 'pwet.overig'), 5),
  atom(b('pwet.vervoer'), 100), // not in the base (no UWV): in no cell
  atom(b('uwv.intermediair'), 7, { gender: 'vrouw', bitsBg: b('pwet.vervoer') }),
];

describe('model/tabulate', () => {
  it('periodLabel: the years of the period, one year once', () => {
    expect(periodLabel(P)).toBe('2017-2022');
    expect(periodLabel(BG)).toBe('2022');
    expect(periodLabel({ start: '2019-07-01', end: '2020-06-30' })).toBe('2019-2020');
  });

  it('hand-checked cells: every cell is the sum of the atoms in base ∩ row ∩ column', () => {
    const t = tabulate({ atoms: ATOMS, declarations: [decl('all')], period: P, backgroundPeriod: P }).tables.T!;
    expect(t.cells).toEqual([
      // total, vervoer, man
      [3 + 4 + 5 + 7, 3 + 4, 3 + 5],
      [3 + 4, 3 + 4, 3],
      [4 + 5, 4, 5],
    ]);
  });

  it('cell modes: null where the table has no cell', () => {
    const cells = (mode: TableDeclaration['cells']) =>
      tabulate({ atoms: ATOMS, declarations: [decl(mode)], period: P, backgroundPeriod: P }).tables.T!.cells;
    expect(cells('offDiagonal')).toEqual([
      [null, 7, 8],
      [7, null, 3],
      [9, 4, 5],
    ]);
    expect(cells('aboveDiagonal')).toEqual([
      [null, 7, 8],
      [null, null, 3],
      [null, null, null],
    ]);
    expect(cells('noCorner')).toEqual([
      [null, 7, 8],
      [7, 7, 3],
      [9, 4, 5],
    ]);
  });

  it('background basis: reads bitsBg and titles with the background period', () => {
    const out = tabulate({ atoms: ATOMS, declarations: [decl('all', 'background')], period: P, backgroundPeriod: BG });
    // the last atom has no UWV provision in P_bg, so the base drops it
    expect(out.tables.T!.cells[0]![0]).toBe(3 + 4 + 5);
    expect(out.tables.T!.title).toBe('Test 2022');
    const inP = tabulate({ atoms: ATOMS, declarations: [decl('all')], period: P, backgroundPeriod: BG });
    expect(inP.tables.T!.title).toBe('Test 2017-2022');
  });

  it('headers copied as key + label; backgroundPeriod present only when it differs from the period', () => {
    const same = tabulate({ atoms: ATOMS, declarations: [decl('all')], period: P, backgroundPeriod: { ...P } });
    expect(same).not.toHaveProperty('backgroundPeriod');
    expect(same.period).toEqual(P);
    expect(same.tables.T!.rows).toEqual([
      { key: 'total', label: 'Totaal' },
      { key: 'vervoer', label: 'Vervoer' },
      { key: 'overig', label: 'Overig' },
    ]);
    const diff = tabulate({ atoms: ATOMS, declarations: [decl('all')], period: P, backgroundPeriod: BG });
    expect(diff.backgroundPeriod).toEqual(BG);
  });

  it('no atoms: every existing cell is 0', () => {
    const t = tabulate({ atoms: [], declarations: [decl('offDiagonal')], period: P, backgroundPeriod: P }).tables.T!;
    expect(t.cells).toEqual([
      [null, 0, 0],
      [0, null, 0],
      [0, 0, 0],
    ]);
  });

  it('every declared table: each cell equals the sum of the atoms matching its terms (cellMatches, not the compiled path)', () => {
    const atomArb = fc.record({
      bits: fc.integer({ min: 0, max: 2 ** BASE_SETS.length - 1 }),
      bitsBg: fc.integer({ min: 0, max: 2 ** BASE_SETS.length - 1 }),
      age: fc.constantFrom(...DIMENSIONS.age.map(([k]) => k)),
      gender: fc.constantFrom(...DIMENSIONS.gender.map(([k]) => k)),
      education: fc.constantFrom(...DIMENSIONS.education.map(([k]) => k)),
      n: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(atomArb, { maxLength: 25 }), (atoms) => {
        const out = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period: P, backgroundPeriod: BG });
        expect(Object.keys(out.tables)).toEqual(TABLE_DECLARATIONS.map((d) => d.id));
        for (const d of TABLE_DECLARATIONS) {
          const t = out.tables[d.id]!;
          expect(t.cells.length).toBe(d.rows.length);
          d.rows.forEach((_, i) =>
            d.columns.forEach((_, j) => {
              const terms = cellTerms(d, i, j);
              const expected =
                terms === null
                  ? null
                  : atoms.filter((a) => cellMatches(terms, a, d.basis)).reduce((s, a) => s + a.n, 0);
              expect(t.cells[i]![j], `${d.id} ${i},${j}`).toBe(expected);
            }),
          );
        }
      }),
      { numRuns: 25 },
    );
  });

  it('the order of the atoms does not matter', () => {
    const atoms = randomPopulation(2000, 7);
    const a = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period: P, backgroundPeriod: BG });
    const r = tabulate({
      atoms: [...atoms].reverse(),
      declarations: TABLE_DECLARATIONS,
      period: P,
      backgroundPeriod: BG,
    });
    expect(JSON.stringify(r)).toBe(JSON.stringify(a));
  });
});
