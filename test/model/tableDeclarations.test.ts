import { describe, expect, it } from 'vitest';
import { PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS, bitOf } from '../../model/personSets.js';
import { cellMatches } from '../../model/cellTerm.js';
import { TABLE_DECLARATIONS, type TableDeclaration, cellTerms } from '../../model/tableDeclarations.js';

const T = ['total'];
const AGES = ['lt18', '18_27', '28_55', 'gt55', 'onbekend'];
const GROUPS = ['uwv_pwet', 'pwet_wmo', 'uwv_wmo', 'uwv_pwet_wmo'];
const n = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

/** Rows and columns of every table, transcribed from tables.md ("The tables"). */
const SPEC: Record<string, [string[], string[]]> = {
  '3.0': [['work', 'multi', 'uwv_pwet_wmo'], ['users']],
  '3.1': [['pwet', 'uwv', 'wmo'], ['total', 'pwet', 'uwv', 'wmo']],
  '3.2': [[...T, ...PWET_CATS], ['users']],
  '3.3': [[...PWET_CATS], [...PWET_CATS]],
  '3.4': [[...T, ...UWV_TYPES], ['users']],
  '3.5': [[...UWV_TYPES], [...UWV_TYPES]],
  '3.6': [[...T, ...UWV_TYPES], [...T, ...UWV_BACKGROUNDS]],
  '3.7': [[...PWET_CATS], [...T, ...WMO_CATS]],
  '3.8': [[...UWV_TYPES], [...T, ...WMO_CATS]],
  '3.9': [[...UWV_BACKGROUNDS], [...T, ...WMO_CATS]],
  '3.10': [[...T, ...PWET_CATS], [...T, ...UWV_TYPES]],
  '3.11': [[...PWET_CATS], [...UWV_BACKGROUNDS]],
  'F3.1': [GROUPS, [...AGES, 'total']],
  'F3.2': [GROUPS, ['man', 'vrouw', 'onbekend', 'total']],
  'F3.3': [GROUPS, ['laag', 'midden', 'hoog', 'onbekend', 'total']],
  'F3.4': [n(1, 5), ['users']],
  'F3.5': [n(1, 5), ['users']],
  '4.1': [['visueel'], [...T, ...UWV_BACKGROUNDS]],
  'F4.1': [n(0, 5), ['users']],
  '4.2': [['tolk'], [...T, ...PWET_CATS]],
  'F4.3': [n(1, 5), ['users']],
  '4.3': [['tolk'], ['jobcoach', 'meeneembaar', 'startkrediet', 'vervoer']],
  '4.4': [['tolk'], [...T, ...WMO_CATS]],
  'F4.4': [n(1, 5), ['users']],
  '4.5': [['tolk'], [...T, ...UWV_BACKGROUNDS]],
  A: [['lks'], [...T, ...WMO_CATS]],
  B: [['lks'], [...T, ...UWV_TYPES]],
  C: [['lks'], [...T, ...UWV_BACKGROUNDS]],
};

const decl = (id: string) => TABLE_DECLARATIONS.find((d) => d.id === id)!;
const nullCells = (d: TableDeclaration) => d.rows.flatMap((r, i) => d.columns.flatMap((c, j) => (cellTerms(d, i, j) === null ? [`${r.key}/${c.key}`] : [])));
const person = (...keys: string[]) => {
  const bits = keys.reduce((m, k) => m | (1 << bitOf(k)), 0);
  return { bits, bitsBg: bits, age: 'onbekend', gender: 'onbekend', education: 'onbekend', n: 1 };
};

describe('model/tableDeclarations', () => {
  it('the tables of tables.md, each with its row and column keys, ids unique', () => {
    expect(TABLE_DECLARATIONS.map((d) => d.id).sort()).toEqual(Object.keys(SPEC).sort());
    for (const d of TABLE_DECLARATIONS) {
      expect([d.rows.map((r) => r.key), d.columns.map((c) => c.key)], d.id).toEqual(SPEC[d.id]);
      expect(d.title.length, d.id).toBeGreaterThan(0);
      for (const h of [...d.rows, ...d.columns]) expect(h.label.length, `${d.id}/${h.key}`).toBeGreaterThan(0);
    }
  });

  it('figures are the F ids; F3.1–F3.3 count over the background period, the rest over P', () => {
    for (const d of TABLE_DECLARATIONS) {
      expect(d.kind, d.id).toBe(d.id.startsWith('F') ? 'figure' : 'table');
      expect(d.basis, d.id).toBe(['F3.1', 'F3.2', 'F3.3'].includes(d.id) ? 'background' : 'period');
    }
  });

  it('cells without a value: 3.1 diagonal, 3.3 and 3.5 on and below the diagonal, 3.10 corner; none elsewhere', () => {
    expect(nullCells(decl('3.1'))).toEqual(['pwet/pwet', 'uwv/uwv', 'wmo/wmo']);
    expect(nullCells(decl('3.3'))).toHaveLength(15); // 5 × 5 minus the 10 above the diagonal
    expect(cellTerms(decl('3.3'), 0, 1)).not.toBeNull();
    expect(cellTerms(decl('3.3'), 1, 0)).toBeNull();
    expect(nullCells(decl('3.5'))).toHaveLength(15);
    expect(nullCells(decl('3.10'))).toEqual(['total/total']);
    for (const d of TABLE_DECLARATIONS) if (!['3.1', '3.3', '3.5', '3.10'].includes(d.id)) expect(nullCells(d), d.id).toEqual([]);
  });

  it('cellTerms = base + row + column terms', () => {
    const d = decl('3.1');
    expect(cellTerms(d, 0, 2)).toEqual([{ set: 'work' }, { set: 'pwet' }, { set: 'uwv' }]);
    expect(cellTerms(decl('4.2'), 0, 0)).toEqual([{ set: 'tolk' }, { set: 'pwet' }]);
  });

  it('cells mean what tables.md says (checked on single persons)', () => {
    const inCell = (id: string, row: string, col: string, p: ReturnType<typeof person>) => {
      const d = decl(id);
      const terms = cellTerms(d, d.rows.findIndex((r) => r.key === row), d.columns.findIndex((c) => c.key === col))!;
      return cellMatches(terms, p, d.basis);
    };
    // 3.0 multi: in at least two of pwet, uwv, wmo
    expect(inCell('3.0', 'multi', 'users', person('pwet.vervoer', 'wmo.overig'))).toBe(true);
    expect(inCell('3.0', 'multi', 'users', person('pwet.vervoer', 'pwet.overig'))).toBe(false);
    // 3.1 total column: row ∩ work — a Wmo user outside work is not counted
    expect(inCell('3.1', 'wmo', 'total', person('wmo.overig'))).toBe(false);
    expect(inCell('3.1', 'wmo', 'total', person('wmo.overig', 'uwv.vervoer'))).toBe(true);
    // 3.6 corner = |uwv|
    expect(inCell('3.6', 'total', 'total', person('uwv.startkrediet'))).toBe(true);
    expect(inCell('3.6', 'total', 'total', person('pwet.vervoer'))).toBe(false);
    // F3.4: number of distinct Pwet categories
    expect(inCell('F3.4', 'n2', 'users', person('pwet.vervoer', 'pwet.overig', 'uwv.vervoer'))).toBe(true);
    // F4.1 n0: visueel without any Wmo provision
    expect(inCell('F4.1', 'n0', 'users', person('visueel'))).toBe(true);
    expect(inCell('F4.1', 'n0', 'users', person('visueel', 'wmo.huishouden'))).toBe(false);
    // F3.1 pair groups include the triple group
    expect(inCell('F3.1', 'uwv_pwet', 'total', person('uwv.vervoer', 'pwet.vervoer', 'wmo.overig'))).toBe(true);
    // A: lks users are counted whether or not they are in work
    expect(inCell('A', 'lks', 'total', person('lks'))).toBe(true);
  });

  it('labels carry the report\'s footnote markers where tables.md has them (Pwet categories from 2019)', () => {
    const labels = Object.fromEntries(decl('3.3').rows.map((r) => [r.key, r.label]));
    expect(labels.ondersteuning_werkplek).toMatch(/\*$/);
    expect(labels.overig_faciliterend).toMatch(/\*$/);
    expect(labels.begeleiding_jobcoach).toMatch(/~$/);
    expect(labels.vervoer).not.toMatch(/[*~]$/);
  });
});
