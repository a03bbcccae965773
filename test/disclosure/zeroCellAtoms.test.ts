import { describe, expect, it } from 'vitest';
import { zeroCellAtoms } from '../../disclosure/zeroCellAtoms.js';
import type { Atom } from '../../model/atom.js';
import { cellMatches } from '../../model/cellTerm.js';
import { bitOf } from '../../model/personSets.js';
import { TABLE_DECLARATIONS, type TableDeclaration, cellTerms } from '../../model/tableDeclarations.js';
import { randomPopulation } from '../support/randomPopulation.js';

const unreached = (atoms: readonly Atom[], decls: readonly TableDeclaration[]) => {
  const out: string[] = [];
  for (const d of decls)
    d.rows.forEach((r, i) =>
      d.columns.forEach((c, j) => {
        const terms = cellTerms(d, i, j);
        if (terms !== null && !atoms.some((a) => cellMatches(terms, a, d.basis))) out.push(`${d.id}/${r.key}/${c.key}`);
      }),
    );
  return out;
};

describe('disclosure/zeroCellAtoms', () => {
  it('no atoms: every cell of every declared table gets an empty atom that lies in it', () => {
    const extra = zeroCellAtoms([], TABLE_DECLARATIONS);
    expect(extra.length).toBeGreaterThan(0);
    for (const x of extra) expect(x.n).toBe(0);
    expect(unreached(extra, TABLE_DECLARATIONS)).toEqual([]);
  });

  it('a realistic population: only unreached cells get an atom, and afterwards every cell is reached', () => {
    const atoms = randomPopulation(3000, 11);
    const before = unreached(atoms, TABLE_DECLARATIONS);
    const extra = zeroCellAtoms(atoms, TABLE_DECLARATIONS);
    expect(extra.length).toBeLessThanOrEqual(before.length);
    expect(extra.length).toBeGreaterThan(0); // with 3000 persons some combinations are empty
    expect(unreached([...atoms, ...extra], TABLE_DECLARATIONS)).toEqual([]);
    for (const x of extra) {
      expect(x.n).toBe(0);
      expect(x.bitsBg).toBe(x.bits);
    }
  });

  it('nothing to add when every cell is reached', () => {
    const atoms = randomPopulation(3000, 11);
    const all = [...atoms, ...zeroCellAtoms(atoms, TABLE_DECLARATIONS)];
    expect(zeroCellAtoms(all, TABLE_DECLARATIONS)).toEqual([]);
  });

  it('hand-checked: one atom per cell that needs one, reused for later cells it also reaches', () => {
    const d: TableDeclaration = {
      id: 'T',
      kind: 'table',
      order: 0,
      titleEn: '',
      title: 't',
      basis: 'period',
      base: [],
      rows: [{ key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] }],
      columns: [
        { key: 'uwv', label: 'UWV', terms: [{ set: 'uwv' }] },
        { key: 'jc', label: 'Jobcoach', terms: [{ set: 'uwv.jobcoach' }] },
        { key: 'man', label: 'man', terms: [{ dim: 'gender', value: 'man' }] },
        { key: 'onb', label: 'onbekend', terms: [{ dim: 'gender', value: 'onbekend' }] },
      ],
      cells: 'all',
    };
    const observed: Atom = {
      bits: 1 << bitOf('pwet.vervoer'),
      bitsBg: 1 << bitOf('pwet.vervoer'),
      age: 'onbekend',
      gender: 'man',
      education: 'onbekend',
      n: 4,
    };
    const extra = zeroCellAtoms([observed], [d]);
    // vervoer×man is reached by the observed atom; vervoer×uwv gets the lowest UWV type (intermediair);
    // vervoer×jobcoach needs its own atom; vervoer×onbekend is reached by the first added atom (classes onbekend)
    expect(extra).toEqual([
      {
        bits: (1 << bitOf('pwet.vervoer')) | (1 << bitOf('uwv.intermediair')),
        bitsBg: (1 << bitOf('pwet.vervoer')) | (1 << bitOf('uwv.intermediair')),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 0,
      },
      {
        bits: (1 << bitOf('pwet.vervoer')) | (1 << bitOf('uwv.jobcoach')),
        bitsBg: (1 << bitOf('pwet.vervoer')) | (1 << bitOf('uwv.jobcoach')),
        age: 'onbekend',
        gender: 'onbekend',
        education: 'onbekend',
        n: 0,
      },
    ]);
  });

  it('countOf and atLeast terms are satisfied by the added atom', () => {
    const d: TableDeclaration = {
      id: 'C',
      kind: 'figure',
      order: 0,
      titleEn: '',
      title: 'c',
      basis: 'period',
      base: [{ set: 'tolk' }],
      rows: [{ key: 'n3', label: '3', terms: [{ countOf: 'pwet', n: 3 }] }],
      columns: [
        { key: 'two', label: '2 of 3', terms: [{ atLeast: 2, of: ['uwv', 'pwet', 'wmo'] }] },
        { key: 'g', label: 'vrouw', terms: [{ dim: 'gender', value: 'vrouw' }] },
      ],
      cells: 'all',
    };
    const extra = zeroCellAtoms([], [d]);
    expect(unreached(extra, [d])).toEqual([]);
  });

  it('an impossible cell (exactly 6 of 5 Pwet categories) is a bug, reported as such', () => {
    const d: TableDeclaration = {
      id: 'X',
      kind: 'table',
      order: 0,
      titleEn: '',
      title: 'x',
      basis: 'period',
      base: [],
      rows: [{ key: 'n6', label: '6', terms: [{ countOf: 'pwet', n: 6 }] }],
      columns: [{ key: 'u', label: 'u', terms: [] }],
      cells: 'all',
    };
    expect(() => zeroCellAtoms([], [d])).toThrow(/no atom combination lies in cell X\/n6\/u/);
  });
});
