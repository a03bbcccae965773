import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { FIGURE_IDS, PUBLISHED_ORDER, caption, chartKind, isFigure, tableOrder } from '../../reports/tableOrder.js';

describe('reports/tableOrder', () => {
  it('the published order lists every declared table once', () => {
    expect(new Set(PUBLISHED_ORDER).size).toBe(PUBLISHED_ORDER.length);
    expect([...PUBLISHED_ORDER].sort()).toEqual(TABLE_DECLARATIONS.map((d) => d.id).sort());
  });

  it('figures are the declared figures; share figures are figures', () => {
    expect([...FIGURE_IDS].sort()).toEqual(
      TABLE_DECLARATIONS.filter((d) => d.kind === 'figure')
        .map((d) => d.id)
        .sort(),
    );
    for (const id of ['F3.1', 'F3.2', 'F3.3'])
      expect([isFigure(id, TABLE_DECLARATIONS), chartKind(id, TABLE_DECLARATIONS)]).toEqual([true, 'share']);
    expect(isFigure('3.1', TABLE_DECLARATIONS)).toBe(false);
  });

  it('tableOrder: published order (3.10 after 3.9, figures in between), unknown ids last by code point, duplicates once', () => {
    expect(tableOrder(['3.10', 'zz', '3.9', 'F3.1', '3.1', 'Aa', '3.1'], TABLE_DECLARATIONS)).toEqual([
      '3.1',
      'F3.1',
      '3.9',
      '3.10',
      'Aa',
      'zz',
    ]);
    expect(tableOrder([], TABLE_DECLARATIONS)).toEqual([]);
    expect(tableOrder([...PUBLISHED_ORDER].reverse(), TABLE_DECLARATIONS)).toEqual([...PUBLISHED_ORDER]);
  });

  it('caption: Tabel/Figuur in Dutch, Table/Figure in English', () => {
    expect(caption('3.1', 'nl', TABLE_DECLARATIONS)).toBe('Tabel 3.1');
    expect(caption('F3.4', 'nl', TABLE_DECLARATIONS)).toBe('Figuur 3.4');
    expect(caption('A', 'en', TABLE_DECLARATIONS)).toBe('Table A');
    expect(caption('F4.1', 'en', TABLE_DECLARATIONS)).toBe('Figure 4.1');
  });
});
