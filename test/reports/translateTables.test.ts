import { describe, expect, it } from 'vitest';
import { translateTables } from '../../reports/translateTables.js';
import type { TableDeclaration } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

const decl = (id: string, basis: TableDeclaration['basis'], rows: TableDeclaration['rows']): TableDeclaration => ({
  id,
  kind: 'table',
  order: 0,
  title: 'NL {period}',
  titleEn: 'Combinations in {period}, background {bgPeriod}',
  basis,
  base: [],
  rows,
  columns: [{ key: 'total', label: 'Totaal', labelEn: 'Total', terms: [] }],
  cells: 'all',
});

const DECLS = [
  decl('T', 'period', [
    { key: 'vervoer', label: 'Vervoer', labelEn: 'Transport', terms: [] },
    { key: 'ondersteuning_werkplek', label: 'Ondersteuning op de werkplek *', labelEn: 'Workplace support', terms: [] },
    { key: 'geen_en', label: 'Iets Nederlands ~', terms: [] },
  ]),
  decl('B', 'background', [{ key: 'x', label: 'x', labelEn: 'X', terms: [] }]),
];

const tables = (): ExportTables => ({
  period: { start: '2017-01-01', end: '2022-12-31' },
  backgroundPeriod: { start: '2021-01-01', end: '2021-12-31' },
  tables: {
    T: {
      title: 'NL 2017-2022',
      rows: [
        { key: 'vervoer', label: 'Vervoer' },
        { key: 'ondersteuning_werkplek', label: 'Ondersteuning op de werkplek *' },
        { key: 'geen_en', label: 'Iets Nederlands ~' },
      ],
      columns: [{ key: 'total', label: 'Totaal' }],
      cells: [[1], ['**'], [null]],
    },
    B: { title: 'NL', rows: [{ key: 'x', label: 'x' }], columns: [{ key: 'total', label: 'Totaal' }], cells: [[5]] },
    X: { title: 'Geen declaratie', rows: [], columns: [], cells: [] },
  },
});

describe('reports/translateTables', () => {
  it('labels from the declarations, markers carried over, a header without an English label keeps its Dutch one', () => {
    const t = translateTables(tables(), DECLS).tables['T']!;
    expect(t.rows.map((r) => r.label)).toEqual(['Transport', 'Workplace support *', 'Iets Nederlands ~']);
    expect(t.columns[0]!.label).toBe('Total');
    expect(t.rows.map((r) => r.key)).toEqual(['vervoer', 'ondersteuning_werkplek', 'geen_en']);
    expect(t.cells).toEqual([[1], ['**'], [null]]);
  });

  it('titles: {period} is the period, {bgPeriod} the background period for background tables; undeclared tables untouched', () => {
    const out = translateTables(tables(), DECLS).tables;
    expect(out['T']!.title).toBe('Combinations in 2017–2022, background 2017–2022');
    expect(out['B']!.title).toBe('Combinations in 2017–2022, background 2021');
    expect(out['X']!.title).toBe('Geen declaratie');
  });
});
