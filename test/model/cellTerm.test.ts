import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Atom } from '../../model/atom.js';
import { type CellTerm, cellMatches, compileCell, termMatches } from '../../model/cellTerm.js';
import { BASE_SETS, DIMENSIONS, bitOf } from '../../model/personSets.js';

const b = (...keys: string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);
const atom = (bits: number, extra: Partial<Atom> = {}): Atom => ({
  bits,
  bitsBg: bits,
  age: '28_55',
  gender: 'vrouw',
  education: 'hoog',
  n: 1,
  ...extra,
});

describe('model/cellTerm', () => {
  it('set terms: base and derived sets', () => {
    const a = atom(b('pwet.vervoer', 'wmo.huishouden'));
    expect(termMatches({ set: 'pwet.vervoer' }, a, 'period')).toBe(true);
    expect(termMatches({ set: 'pwet.overig' }, a, 'period')).toBe(false);
    expect(termMatches({ set: 'pwet' }, a, 'period')).toBe(true);
    expect(termMatches({ set: 'work' }, a, 'period')).toBe(true);
    expect(termMatches({ set: 'uwv' }, a, 'period')).toBe(false);
    expect(termMatches({ set: 'wmo' }, a, 'period')).toBe(true);
  });

  it('dim terms compare the background class', () => {
    const a = atom(0);
    expect(termMatches({ dim: 'gender', value: 'vrouw' }, a, 'period')).toBe(true);
    expect(termMatches({ dim: 'gender', value: 'man' }, a, 'period')).toBe(false);
    expect(termMatches({ dim: 'age', value: '28_55' }, a, 'period')).toBe(true);
    expect(termMatches({ dim: 'education', value: 'laag' }, a, 'period')).toBe(false);
  });

  it('countOf: exactly n distinct categories of the family', () => {
    const a = atom(b('pwet.vervoer', 'pwet.overig', 'uwv.jobcoach', 'lks'));
    expect(termMatches({ countOf: 'pwet', n: 2 }, a, 'period')).toBe(true);
    expect(termMatches({ countOf: 'pwet', n: 1 }, a, 'period')).toBe(false);
    expect(termMatches({ countOf: 'pwet', n: 3 }, a, 'period')).toBe(false);
    expect(termMatches({ countOf: 'uwv', n: 1 }, a, 'period')).toBe(true);
    expect(termMatches({ countOf: 'wmo', n: 0 }, a, 'period')).toBe(true);
  });

  it('atLeast: member of at least k of the sets (derived sets count once)', () => {
    const a = atom(b('pwet.vervoer', 'pwet.overig', 'wmo.overig'));
    const of = ['pwet', 'uwv', 'wmo'];
    expect(termMatches({ atLeast: 2, of }, a, 'period')).toBe(true);
    expect(termMatches({ atLeast: 3, of }, a, 'period')).toBe(false);
    expect(termMatches({ atLeast: 0, of: [] }, a, 'period')).toBe(true);
  });

  it('basis: "background" reads bitsBg, "period" reads bits', () => {
    const a = atom(b('pwet.vervoer'), { bitsBg: b('uwv.vervoer') });
    expect(termMatches({ set: 'pwet' }, a, 'period')).toBe(true);
    expect(termMatches({ set: 'pwet' }, a, 'background')).toBe(false);
    expect(termMatches({ set: 'uwv' }, a, 'background')).toBe(true);
    expect(compileCell([{ set: 'uwv' }], 'background')(a)).toBe(true);
    expect(compileCell([{ set: 'uwv' }], 'period')(a)).toBe(false);
  });

  it('cellMatches is the conjunction of its terms; no terms matches everything', () => {
    const a = atom(b('pwet.vervoer', 'uwv.jobcoach'));
    expect(cellMatches([], a, 'period')).toBe(true);
    expect(cellMatches([{ set: 'pwet' }, { set: 'uwv' }], a, 'period')).toBe(true);
    expect(cellMatches([{ set: 'pwet' }, { set: 'wmo' }], a, 'period')).toBe(false);
    expect(cellMatches([{ set: 'pwet' }, { dim: 'gender', value: 'man' }], a, 'period')).toBe(false);
  });

  const setKeys = [...BASE_SETS, 'pwet', 'uwv', 'wmo', 'work'];
  const termArb: fc.Arbitrary<CellTerm> = fc.oneof(
    fc.constantFrom(...setKeys).map((set) => ({ set })),
    fc
      .constantFrom(...(Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[]))
      .chain((dim) => fc.constantFrom(...DIMENSIONS[dim].map(([v]) => v)).map((value) => ({ dim, value }) as CellTerm)),
    fc.record({
      countOf: fc.constantFrom('pwet' as const, 'uwv' as const, 'wmo' as const),
      n: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({
      atLeast: fc.integer({ min: 0, max: 4 }),
      of: fc.uniqueArray(fc.constantFrom(...setKeys), { maxLength: 4 }),
    }),
  );
  const atomArb: fc.Arbitrary<Atom> = fc.record({
    bits: fc.integer({ min: 0, max: 2 ** BASE_SETS.length - 1 }),
    bitsBg: fc.integer({ min: 0, max: 2 ** BASE_SETS.length - 1 }),
    age: fc.constantFrom(...DIMENSIONS.age.map(([k]) => k)),
    gender: fc.constantFrom(...DIMENSIONS.gender.map(([k]) => k)),
    education: fc.constantFrom(...DIMENSIONS.education.map(([k]) => k)),
    n: fc.integer({ min: 0, max: 50 }),
  });

  it('compileCell gives the same answer as cellMatches for any terms, atom and basis', () => {
    fc.assert(
      fc.property(
        fc.array(termArb, { maxLength: 4 }),
        atomArb,
        fc.constantFrom('period' as const, 'background' as const),
        (terms, a, basis) => {
          expect(compileCell(terms, basis)(a)).toBe(cellMatches(terms, a, basis));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('compileCell throws for an unknown set when compiled (not silently false)', () => {
    expect(() => compileCell([{ set: 'pwet.nope' }], 'period')).toThrow(/unknown base set/);
  });
});
