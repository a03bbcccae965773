import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateCounts, certificateText } from '../../disclosure/certificate.js';
import { protectTables } from '../../disclosure/protectTables.js';
import { isPrimaryUnsafe, protectionLevel } from '../../disclosure/protectionRule.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../model/tabulate.js';
import { randomPopulation } from '../support/randomPopulation.js';

const period = { start: '2017-01-01', end: '2022-12-31' };
const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

interface Parsed {
  format: string;
  exports: { id: string; tablesSha256: string }[];
  atoms: number[];
  cells: { table: string; row: string; column: string; atoms: number[]; published: number | null }[];
  requirements: {
    table: string;
    row: string;
    column: string;
    value: number;
    reason: string;
    bounds: [number, number];
    witnesses: { lo: [number, number][] | null; hi: [number, number][] | null };
  }[];
}

describe('buildCertificate (through protectTables)', () => {
  it('lists every cell with its atoms and published value, a requirement per protected cell, and witnesses that hold', async () => {
    const atoms = randomPopulation(1500, 7);
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const result = await protectTables({
      internal,
      atoms,
      declarations: TABLE_DECLARATIONS,
      params,
      certificate: true,
    });
    const draft = result.certificate!;
    expect(draft).toBeDefined();
    const text = certificateText(draft, 'ab'.repeat(32));
    expect(text).toBe(certificateText(draft, 'ab'.repeat(32)));
    const c = JSON.parse(text) as Parsed;
    expect(c.format).toBe('multigebruik-certificate/1');
    expect(c.exports).toEqual([
      { id: 'run', period: '2017-01-01..2022-12-31', tables: 'export/tables.json', tablesSha256: 'ab'.repeat(32) },
    ]);

    // every cell of the export, with the value the export shows (null = **), and its atoms sum to the true count
    const shown = new Map<string, number | null>();
    for (const [id, t] of Object.entries(result.exported.tables))
      t.rows.forEach((r, i) =>
        t.columns.forEach((col, j) => {
          const v = t.cells[i]![j];
          if (v !== null && v !== undefined) shown.set(`${id}|${r.key}|${col.key}`, v === '**' ? null : (v as number));
        }),
      );
    expect(c.cells.length).toBe(shown.size);
    const truthOf = (atomIds: readonly number[], counts: readonly number[]) =>
      atomIds.reduce((a, k) => a + counts[k]!, 0);
    for (const cell of c.cells) {
      const key = `${cell.table}|${cell.row}|${cell.column}`;
      expect(shown.get(key), key).toBe(cell.published);
      const truth = internal.tables[cell.table]!;
      const i = truth.rows.findIndex((r) => r.key === cell.row);
      const j = truth.columns.findIndex((r) => r.key === cell.column);
      expect(truthOf(cell.atoms, c.atoms), key).toBe(truth.cells[i]![j]);
    }

    // a requirement exactly for every suppressed unsafe cell, with the rule's bounds
    const required = new Set(c.requirements.map((r) => `${r.table}|${r.row}|${r.column}`));
    const unsafe = c.cells.filter((x) => x.published === null && isPrimaryUnsafe(truthOf(x.atoms, c.atoms), params));
    expect(unsafe.length).toBeGreaterThan(0);
    for (const x of unsafe) expect(required.has(`${x.table}|${x.row}|${x.column}`)).toBe(true);
    expect(required.size).toBe(unsafe.length);

    // each witness: whole numbers ≥ 0 reproducing every published value, the cell at its bound (by addition)
    const { sides, witnessed } = certificateCounts(draft);
    expect(sides).toBe(2 * c.requirements.length);
    expect(witnessed).toBe(sides);
    for (const r of c.requirements) {
      const p = protectionLevel(r.value, params);
      expect(r.bounds).toEqual([Math.max(0, r.value - p), r.value + p]);
      const own = c.cells.find((x) => x.table === r.table && x.row === r.row && x.column === r.column)!;
      for (const sense of ['lo', 'hi'] as const) {
        const counts = c.atoms.slice();
        for (const [k, n] of r.witnesses[sense]!) counts[k] = n;
        expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        for (const x of c.cells) if (x.published !== null) expect(truthOf(x.atoms, counts)).toBe(x.published);
        const at = truthOf(own.atoms, counts);
        if (sense === 'lo') expect(at).toBeLessThanOrEqual(r.bounds[0]);
        else expect(at).toBeGreaterThanOrEqual(r.bounds[1]);
      }
    }
    // the text carries no person-level data: only counts, ids and the table's own keys
    expect(createHash('sha256').update(text).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('is not built unless asked for', async () => {
    const atoms = randomPopulation(400, 3);
    const internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
    const result = await protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params });
    expect(result.certificate).toBeUndefined();
  });
});
