import { type ExportTables, type InternalTables, SUPPRESSED } from '../../schemas/tablesJson.js';

/**
 * Test helper: primary suppression only (fast), for pipeline tests that check exact counts, not protection.
 * The full protection (secondary suppression against the atom attacker) is disclosure/protectTables.ts.
 */
export function protectPrimary(internal: InternalTables, threshold: number, zeroUnsafe: boolean): ExportTables {
  const unsafe = (v: number) => (v > 0 && v < threshold) || (zeroUnsafe && v === 0);
  const tables: ExportTables['tables'] = {};
  for (const [id, t] of Object.entries(internal.tables)) {
    tables[id] = {
      ...t,
      cells: t.cells.map((row) => row.map((v) => (v === null ? null : unsafe(v) ? SUPPRESSED : v))),
    };
  }
  return { ...internal, tables };
}
