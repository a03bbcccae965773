import { describe, expect, it } from 'vitest';
import { percentages } from '../../model/percentages.js';
import { hasPercentages, TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import type { ExportTable } from '../../schemas/tablesJson.js';

const cols = [
  { key: 'man', label: 'man' },
  { key: 'vrouw', label: 'vrouw' },
  { key: 'total', label: 'Totaal' },
];
const t = (cells: ExportTable['cells'], columns = cols) => ({ columns, cells });

describe('model/percentages', () => {
  it('the share figures F3.1–F3.3 carry percentages', () => {
    expect(TABLE_DECLARATIONS.filter(hasPercentages).map((d) => d.id)).toEqual(['F3.1', 'F3.2', 'F3.3']);
  });

  it('percent of the row total, one decimal', () => {
    expect(percentages(t([[267, 435, 702]]), 10)).toEqual([[38, 62, 100]]);
    expect(percentages(t([[1, 2, 3]]), 3)).toEqual([[33.3, 66.7, 100]]);
    expect(percentages(t([[0, 12, 12]]), 10)).toEqual([[0, 100, 100]]);
  });

  it('"**" when the count is suppressed, when the base is suppressed, or when the base is below the threshold', () => {
    expect(percentages(t([['**', 237, 389]]), 10)).toEqual([['**', 60.9, 100]]);
    expect(percentages(t([[5, 6, '**']]), 10)).toEqual([['**', '**', '**']]);
    expect(percentages(t([[0, 9, 9]]), 10)).toEqual([['**', '**', '**']]);
    expect(percentages(t([[0, 10, 10]]), 10)).toEqual([[0, 100, 100]]);
  });

  it('null stays null (no cell), also when the base is missing', () => {
    expect(percentages(t([[null, 20, 20]]), 10)).toEqual([[null, 100, 100]]);
    expect(percentages(t([[null, 5, null]]), 10)).toEqual([[null, '**', null]]);
  });

  it('no total column: every non-null percentage is "**"; rows are independent', () => {
    expect(percentages(t([[20, null]], cols.slice(0, 2)), 10)).toEqual([['**', null]]);
    expect(
      percentages(
        t([
          [10, 10, 20],
          [1, '**', 100],
        ]),
        10,
      ),
    ).toEqual([
      [50, 50, 100],
      [1, '**', 100],
    ]);
  });

  it('the matrix has the shape of the cells', () => {
    const cells = [
      [1, 2, 30],
      [3, 4, 40],
      [null, null, null],
    ];
    const p = percentages(t(cells), 10);
    expect(p.map((r) => r.length)).toEqual(cells.map((r) => r.length));
  });
});
