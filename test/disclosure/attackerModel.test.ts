import { describe, expect, it } from 'vitest';
import { attackerModelFile, buildAttackerModel } from '../../disclosure/attackerModel.js';
import type { Atom } from '../../model/atom.js';
import { bitOf } from '../../model/personSets.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { randomPopulation } from '../support/randomPopulation.js';

const period = { start: '2017-01-01', end: '2022-12-31' };

describe('buildAttackerModel', () => {
  it('every cell is the sum of its variables, and equals the tabulated count', () => {
    const atoms = randomPopulation(2000, 4);
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const m = buildAttackerModel(atoms, TABLE_DECLARATIONS);
    expect(m.variables.length).toBeLessThan(atoms.length);
    m.cells.forEach((ref, k) => {
      const [, i, j] = m.positions[k]!;
      const c = m.canonical[m.cellCanonical[k]!]!;
      expect(c.vars.reduce((s, v) => s + m.variables[v]!.n, 0)).toBe(internal.tables[ref.table]!.cells[i]![j]);
    });
    const file = attackerModelFile(m);
    expect(file.cells.length).toBe(m.cells.length);
    expect(file.variables.reduce((s, v) => s + v.n, 0)).toBe(m.variables.reduce((s, v) => s + v.n, 0));
  });

  it('one count in several tables is one canonical cell (|pwet.vervoer| in 3.2, 3.7 and 3.10)', () => {
    const m = buildAttackerModel(randomPopulation(2000, 4), TABLE_DECLARATIONS);
    const at = (table: string, row: string, column: string) =>
      m.cellCanonical[m.cells.findIndex((c) => c.table === table && c.row === row && c.column === column)]!;
    const id = at('3.2', 'vervoer', 'users');
    expect(at('3.7', 'vervoer', 'total')).toBe(id);
    expect(at('3.10', 'vervoer', 'total')).toBe(id);
    expect(at('3.2', 'overig', 'users')).not.toBe(id);
  });

  it('atoms in the same cells merge into one variable; the order of atoms does not matter', () => {
    const bit = 1 << bitOf('pwet.vervoer');
    const a: Atom = { bits: bit, bitsBg: bit, age: 'lt18', gender: 'man', education: 'laag', n: 3 };
    // b differs only in a class no cell of a non-group person reads: indistinguishable, merged
    const b: Atom = { ...a, age: 'gt55', n: 4 };
    const m = buildAttackerModel([a, b], TABLE_DECLARATIONS);
    expect(m.variables).toHaveLength(1);
    expect(m.variables[0]!.n).toBe(7);
    expect(buildAttackerModel([b, a], TABLE_DECLARATIONS)).toEqual(m);
  });
});
