import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAtoms } from '../../model/cellAtoms.js';
import { cellMatches } from '../../model/cellTerm.js';
import { TABLE_DECLARATIONS, cellTerms } from '../../model/tableDeclarations.js';
import { randomPopulation } from '../support/randomPopulation.js';

describe('model/cellAtoms', () => {
  it('every declared cell once, in declaration order, with exactly the atoms its terms match and their sum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const atoms = randomPopulation(300, seed);
        const expected: string[] = [];
        TABLE_DECLARATIONS.forEach((decl, t) =>
          decl.rows.forEach((_, i) =>
            decl.columns.forEach((_, j) => {
              if (cellTerms(decl, i, j) !== null) expected.push(`${t}/${i}/${j}`);
            }),
          ),
        );
        const seen: string[] = [];
        for (const c of cellAtoms(TABLE_DECLARATIONS, atoms)) {
          seen.push(`${c.table}/${c.row}/${c.column}`);
          expect(c.decl).toBe(TABLE_DECLARATIONS[c.table]);
          const terms = cellTerms(c.decl, c.row, c.column)!;
          const members = atoms.flatMap((a, k) => (cellMatches(terms, a, c.decl.basis) ? [k] : []));
          expect(c.members).toEqual(members);
          expect(c.n).toBe(members.reduce((s, k) => s + atoms[k]!.n, 0));
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 5 },
    );
  });

  it('no atoms: every cell is there, empty, with count 0', () => {
    const cells = [...cellAtoms(TABLE_DECLARATIONS, [])];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.members.length === 0 && c.n === 0)).toBe(true);
  });
});
