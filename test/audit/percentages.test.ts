import { describe, expect, it } from 'vitest';
import { checkPercentages } from '../../audit/percentages.js';
import { shippedDeclarations } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

const decls = shippedDeclarations().filter((d) => d.id === 'F3.1' || d.id === '3.6');
const columns = [
  { key: 'man', label: 'man' },
  { key: 'vrouw', label: 'vrouw' },
  { key: 'total', label: 'Totaal' },
];
const rows = [{ key: 'r1', label: 'r1' }];
const exportOf = (percentages: unknown) =>
  ({
    tables: {
      'F3.1': { rows, columns, cells: [[267, '**', 702]], ...(percentages === undefined ? {} : { percentages }) },
    },
  }) as unknown as ExportTables;

describe('audit/percentages: every share figure recomputed from its shown counts', () => {
  it('the allowed ratios of shown counts: no finding', () => {
    expect(decls.map((d) => d.id).sort()).toEqual(['3.6', 'F3.1']);
    expect(checkPercentages(exportOf([[38, '**', 100]]), decls, 10)).toEqual({ notes: [], failures: [] });
  });

  it('a changed ratio, or a percentage where the count is suppressed, names the cell', () => {
    expect(checkPercentages(exportOf([[39, '**', 100]]), decls, 10).failures).toEqual([
      'table F3.1 r1/man: percentage 39 not allowed or not the ratio of shown counts',
    ]);
    expect(checkPercentages(exportOf([[38, 62, 100]]), decls, 10).failures).toEqual([
      'table F3.1 r1/vrouw: percentage 62 not allowed or not the ratio of shown counts',
    ]);
  });

  it('percentages missing from a share figure', () => {
    expect(checkPercentages(exportOf(undefined), decls, 10).failures).toEqual(['table F3.1: percentages missing']);
  });
});
