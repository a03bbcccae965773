import { type ExportTable, SUPPRESSED } from '../schemas/tablesJson.js';

/**
 * Percentages of the row's `total` column, one decimal, computed from the published counts only: a
 * percentage is shown when its count is shown and its base (the row total) is shown and ≥ threshold;
 * otherwise `**`. A `null` cell has a `null` percentage. Derived from shown numbers, so it reveals nothing
 * beyond them.
 */
export function percentages(
  table: Pick<ExportTable, 'columns' | 'cells'>,
  threshold: number,
): (number | typeof SUPPRESSED | null)[][] {
  const t = table.columns.findIndex((c) => c.key === 'total');
  return table.cells.map((row) => {
    const base = t >= 0 ? row[t] : undefined;
    return row.map((cell) => {
      if (cell === null) return null;
      if (typeof cell !== 'number' || typeof base !== 'number' || base < threshold) return SUPPRESSED;
      return Math.round((cell / base) * 1000) / 10;
    });
  });
}
