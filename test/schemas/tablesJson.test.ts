import { describe, expect, it } from 'vitest';
import {
  ExportCellSchema,
  ExportTablesSchema,
  InternalTablesSchema,
  PeriodSchema,
  SUPPRESSED,
} from '../../schemas/tablesJson.js';

/** The example of docs/spec/outputs.md ("tables.json"), without its ellipses. */
const specExample = () => ({
  period: { start: '2017-01-01', end: '2022-12-31' },
  tables: {
    '3.1': {
      title: 'Aantal mensen dat gebruik heeft gemaakt van voorzieningen vanuit verschillende domeinen',
      rows: [{ key: 'pwet', label: 'Pwet' }],
      columns: [
        { key: 'total', label: 'Totaal' },
        { key: 'pwet', label: 'Pwet' },
        { key: 'uwv', label: 'UWV' },
        { key: 'wmo', label: 'Wmo' },
      ],
      cells: [[72512, null, 781, 18897]],
    },
  },
});

describe('schemas/tablesJson', () => {
  it('the suppression marker is "**"', () => {
    expect(SUPPRESSED).toBe('**');
  });

  it('the shape of docs/spec/outputs.md is valid for both internal and export', () => {
    expect(InternalTablesSchema.safeParse(specExample()).success).toBe(true);
    expect(ExportTablesSchema.safeParse(specExample()).success).toBe(true);
  });

  it('internal: a string cell (also "**") is rejected; export accepts "**" but no other string', () => {
    const withStar = specExample();
    (withStar.tables['3.1'].cells[0] as unknown[])[2] = '**';
    expect(InternalTablesSchema.safeParse(withStar).success).toBe(false);
    expect(ExportTablesSchema.safeParse(withStar).success).toBe(true);
    const withText = specExample();
    (withText.tables['3.1'].cells[0] as unknown[])[2] = '781';
    expect(InternalTablesSchema.safeParse(withText).success).toBe(false);
    expect(ExportTablesSchema.safeParse(withText).success).toBe(false);
  });

  it('counts are whole numbers >= 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) {
      const t = specExample();
      t.tables['3.1'].cells[0]![0] = bad;
      expect(InternalTablesSchema.safeParse(t).success, String(bad)).toBe(false);
      expect(ExportCellSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(ExportCellSchema.safeParse(0).success).toBe(true);
    expect(ExportCellSchema.safeParse(null).success).toBe(true);
    expect(ExportCellSchema.safeParse('*').success).toBe(false);
  });

  it('percentages: export only, numbers with decimals, "**" or null', () => {
    const t = specExample() as ReturnType<typeof specExample> & { tables: { '3.1': { percentages?: unknown } } };
    t.tables['3.1'].percentages = [[100, null, 1.1, '**']];
    expect(ExportTablesSchema.safeParse(t).success).toBe(true);
    t.tables['3.1'].percentages = [[100, 'x', 1.1, '**']];
    expect(ExportTablesSchema.safeParse(t).success).toBe(false);
  });

  it('periods are YYYY-MM-DD; a background period is optional', () => {
    expect(PeriodSchema.safeParse({ start: '2017-01-01', end: '2022-12-31' }).success).toBe(true);
    expect(PeriodSchema.safeParse({ start: '2017-1-1', end: '2022-12-31' }).success).toBe(false);
    expect(PeriodSchema.safeParse({ start: '2017', end: '2022' }).success).toBe(false);
    const t = { ...specExample(), backgroundPeriod: { start: '2022-01-01', end: '2022-12-31' } };
    expect(InternalTablesSchema.safeParse(t).success).toBe(true);
    expect(
      InternalTablesSchema.safeParse({ ...specExample(), backgroundPeriod: { start: 'x', end: 'y' } }).success,
    ).toBe(false);
  });

  it('a header needs key and label; a table needs title, rows, columns and cells', () => {
    const noLabel = specExample();
    (noLabel.tables['3.1'].rows[0] as { label?: string }).label = undefined;
    expect(InternalTablesSchema.safeParse(noLabel).success).toBe(false);
    const noCells = specExample() as { tables: Record<string, Record<string, unknown>> };
    delete noCells.tables['3.1']!.cells;
    expect(InternalTablesSchema.safeParse(noCells).success).toBe(false);
  });
});
