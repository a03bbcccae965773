import { describe, expect, it } from 'vitest';
import { buildAttackerModel } from '../../disclosure/attackerModel.js';
import { GRAND_TOTAL_PENALTY, TOTAL_WEIGHT, isGrandTotal, suppressionCost } from '../../disclosure/suppressionCost.js';
import type { Atom } from '../../model/atom.js';
import { bitOf } from '../../model/personSets.js';
import type { TableDeclaration } from '../../model/tableDeclarations.js';

const a = (key: string, n: number, gender = 'man'): Atom => ({
  bits: 1 << bitOf(key),
  bitsBg: 1 << bitOf(key),
  age: 'onbekend',
  gender,
  education: 'onbekend',
  n,
});

const decl = (id: string, extra: Partial<TableDeclaration> = {}): TableDeclaration => ({
  id,
  kind: 'table',
  order: 0,
  titleEn: '',
  title: id,
  basis: 'period',
  base: [{ set: 'pwet' }],
  rows: [
    { key: 'total', label: 'Totaal', terms: [] },
    { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
    { key: 'overig', label: 'Overig', terms: [{ set: 'pwet.overig' }] },
  ],
  columns: [
    { key: 'man', label: 'man', terms: [{ dim: 'gender', value: 'man' }] },
    { key: 'vrouw', label: 'vrouw', terms: [{ dim: 'gender', value: 'vrouw' }] },
  ],
  cells: 'all',
  ...extra,
});

describe('disclosure/suppressionCost', () => {
  it('isGrandTotal: the plain size of one population (optionally within work)', () => {
    expect(isGrandTotal([{ set: 'pwet' }])).toBe(true);
    expect(isGrandTotal([{ set: 'work' }, { set: 'wmo' }])).toBe(true);
    expect(isGrandTotal([{ set: 'work' }])).toBe(true);
    expect(isGrandTotal([{ set: 'lks' }])).toBe(true);
    expect(isGrandTotal([])).toBe(true);
    expect(isGrandTotal([{ set: 'pwet' }, { set: 'wmo' }])).toBe(false); // an intersection
    expect(isGrandTotal([{ set: 'pwet.vervoer' }])).toBe(false); // a category
    expect(isGrandTotal([{ set: 'pwet' }, { dim: 'gender', value: 'man' }])).toBe(false);
    expect(isGrandTotal([{ set: 'pwet' }, { countOf: 'pwet', n: 1 }])).toBe(false);
  });

  it('cost = occurrences × (value + threshold), × TOTAL_WEIGHT in a total row or column', () => {
    const atoms = [
      a('pwet.vervoer', 40),
      a('pwet.overig', 5),
      a('pwet.overig', 12, 'vrouw'),
      a('pwet.vervoer', 7, 'vrouw'),
    ];
    const model = buildAttackerModel(atoms, [decl('T')]);
    const cost = suppressionCost(model, [decl('T')], 10);
    const byCell = new Map(model.cells.map((c, k) => [`${c.row}/${c.column}`, cost[model.cellCanonical[k]!]!]));
    expect(byCell.get('overig/man')).toBe(5 + 10);
    expect(byCell.get('overig/vrouw')).toBe(12 + 10);
    expect(byCell.get('vervoer/vrouw')).toBe(7 + 10);
    expect(byCell.get('total/man')).toBe((45 + 10) * TOTAL_WEIGHT);
    expect(byCell.get('total/vrouw')).toBe((19 + 10) * TOTAL_WEIGHT);
    expect(TOTAL_WEIGHT).toBeGreaterThan(1);
  });

  it('an interior cell with the same persons as a total is the same count: it costs as a total, per occurrence', () => {
    const atoms = [a('pwet.vervoer', 40), a('pwet.overig', 12, 'vrouw')];
    const model = buildAttackerModel(atoms, [decl('T')]);
    const cost = suppressionCost(model, [decl('T')], 10);
    const k = model.cells.findIndex((c) => c.row === 'overig' && c.column === 'vrouw');
    expect(model.canonical[model.cellCanonical[k]!]!.occurrences.length).toBe(2); // overig/vrouw = total/vrouw
    expect(cost[model.cellCanonical[k]!]).toBe(2 * (12 + 10) * TOTAL_WEIGHT);
  });

  it('a count that appears in several tables (one canonical cell) costs once per occurrence', () => {
    const atoms = [a('pwet.vervoer', 40), a('pwet.overig', 5)];
    const decls = [decl('T1'), decl('T2')];
    const model = buildAttackerModel(atoms, decls);
    const cost = suppressionCost(model, decls, 10);
    const c = model.cells.findIndex((x) => x.table === 'T1' && x.row === 'overig' && x.column === 'man');
    const canon = model.canonical[model.cellCanonical[c]!]!;
    expect(canon.occurrences.length).toBe(2);
    expect(cost[canon.id]).toBe(2 * (5 + 10));
  });

  it('grand totals carry the prohibitive penalty', () => {
    const d = decl('G', {
      base: [],
      rows: [
        { key: 'total', label: 'Pwet', terms: [{ set: 'pwet' }] },
        { key: 'vervoer', label: 'Vervoer', terms: [{ set: 'pwet.vervoer' }] },
      ],
      columns: [{ key: 'users', label: 'Personen', terms: [] }],
    });
    const atoms = [a('pwet.vervoer', 40), a('pwet.overig', 5)];
    const model = buildAttackerModel(atoms, [d]);
    const cost = suppressionCost(model, [d], 10);
    const total = model.cellCanonical[model.cells.findIndex((x) => x.row === 'total')!]!;
    const vervoer = model.cellCanonical[model.cells.findIndex((x) => x.row === 'vervoer')!]!;
    expect(cost[total]).toBe((45 + 10) * TOTAL_WEIGHT + GRAND_TOTAL_PENALTY);
    expect(cost[vervoer]).toBe(40 + 10);
  });

  it('cheaper for a small cell than for a large one, interior before total', () => {
    const atoms = [a('pwet.vervoer', 40), a('pwet.overig', 5), a('pwet.overig', 3, 'vrouw')];
    const model = buildAttackerModel(atoms, [decl('T')]);
    const cost = suppressionCost(model, [decl('T')], 10);
    const of = (row: string, column: string) =>
      cost[model.cellCanonical[model.cells.findIndex((x) => x.row === row && x.column === column)]!]!;
    expect(of('overig', 'man')).toBeLessThan(of('vervoer', 'man'));
    expect(of('vervoer', 'man')).toBeLessThan(of('total', 'man'));
  });
});
