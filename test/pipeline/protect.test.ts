import { describe, expect, it } from 'vitest';
import type { ProtectInput } from '../../disclosure/protectTables.js';
import { type Protect, protect } from '../../pipeline/protect.js';
import type { ExportTables } from '../../schemas/tablesJson.js';

const exported = (): ExportTables => ({
  period: { start: '2017-01-01', end: '2022-12-31' },
  tables: {
    a: { title: 'a', rows: [], columns: [], cells: [] },
    b: { title: 'b', rows: [], columns: [], cells: [] },
  },
});
const input = (threshold = 10): ProtectInput => ({
  internal: { period: { start: '2017-01-01', end: '2022-12-31' }, tables: {} },
  atoms: [],
  declarations: [],
  params: { threshold, zeroUnsafe: false, safetyRange: 0.3 },
});
const fake: Protect = async () => ({ exported: exported(), internalFiles: { 'x.json': '{}' }, marks: {} });

describe('pipeline/protect', () => {
  it('no quarantined rows: the protection result as it is, no note', async () => {
    const out = await protect(input(), 0, 'nl', fake);
    expect(out.exported).toEqual(exported());
    expect(out.internalFiles).toEqual({ 'x.json': '{}' });
  });

  it('fewer quarantined rows than the threshold: every table notes "fewer than <threshold>", never the count', async () => {
    const out = await protect(input(10), 3, 'en', fake);
    for (const t of Object.values(out.exported.tables)) {
      expect(t.note).toBe('fewer than 10 input row(s) with errors were set aside (quarantine) and not counted.');
      expect(t.note).not.toMatch(/\b3\b/);
    }
    const nl = await protect(input(25), 24, 'nl', fake);
    expect(nl.exported.tables.a!.note).toMatch(/^minder dan 25 invoerrij/);
  });

  it('at least the threshold: the count is shown', async () => {
    const out = await protect(input(10), 10, 'en', fake);
    expect(out.exported.tables.b!.note).toMatch(/^10 input row\(s\)/);
  });

  it('passes the input to the protection unchanged', async () => {
    let seen: ProtectInput | undefined;
    const i = input(12);
    await protect(i, 0, 'nl', async (x) => {
      seen = x;
      return fake(x);
    });
    expect(seen).toBe(i);
  });
});
