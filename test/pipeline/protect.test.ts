import { describe, expect, it } from 'vitest';
import type { ProtectInput } from '../../disclosure/protectTables.js';
import { type Protect, type ProtectOutput, protect } from '../../pipeline/protect.js';
import type { ExportTables, InternalTables } from '../../schemas/tablesJson.js';
import { shippedDeclarations } from '../../model/tableDeclarations.js';
import type { SuppressionAudit } from '../../schemas/suppressionAudit.js';

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

  describe('tables the config adds: the shipped tables protected a second time, alone, and compared', () => {
    const shipped = shippedDeclarations();
    const t31 = shipped.find((d) => d.id === '3.1')!;
    const t32 = shipped.find((d) => d.id === '3.2')!;
    // a user table, declared like 3.2 under another id; and one reusing the id of a dropped shipped table with another title
    const user = { ...t32, id: 'U1', order: 99 };
    const reused = { ...t31, title: 'mijn 3.1' };
    const table = (id: string) => ({
      title: id,
      rows: [
        { key: 'r0', label: 'r0' },
        { key: 'r1', label: 'r1' },
      ],
      columns: [
        { key: 'c0', label: 'c0' },
        { key: 'c1', label: 'c1' },
      ],
      cells: [
        [1, 2],
        [3, 4],
      ],
    });
    const internal = (ids: string[]): InternalTables => ({
      period: { start: '2017-01-01', end: '2022-12-31' },
      tables: Object.fromEntries(ids.map((id) => [id, table(id)])),
    });
    const S = 'secondary' as const;
    /** This run hides 3.1 r0/c0 and r1/c1 and 3.2 r1/c0; the shipped tables alone hide 3.1 r0/c1 and r1/c1, and nothing of 3.2. */
    const pattern: Protect = async (x) =>
      ({
        exported: { period: x.internal.period, tables: {} },
        internalFiles: {},
        marks: x.declarations.some((d) => d.id === 'U1')
          ? {
              '3.1': [
                [S, null],
                [null, S],
              ],
              '3.2': [
                [null, null],
                [S, null],
              ],
              U1: [
                [null, null],
                [null, null],
              ],
            }
          : {
              '3.1': [
                [null, S],
                [null, S],
              ],
              '3.2': [
                [null, null],
                [null, null],
              ],
            },
      }) as ProtectOutput;

    it('names each shipped table whose pattern differs, with the cells hidden beyond the shipped-only pattern and shown instead, in published order', async () => {
      const calls: ProtectInput[] = [];
      const i: ProtectInput = {
        ...input(),
        internal: internal(['3.1', '3.2', 'U1']),
        declarations: [t32, t31, user],
        previous: [],
        onProgress: () => undefined,
      };
      const out = await protect(i, 0, 'en', async (x) => {
        calls.push(x);
        return pattern(x);
      });
      expect(out.addedTables).toEqual({
        added: ['U1'],
        changed: [
          { table: '3.1', hidden: 1, shown: 1 },
          { table: '3.2', hidden: 1, shown: 0 },
        ],
      });
      // the second protection: the shipped tables only, the same atoms and params, no earlier exports, no progress
      expect(calls).toHaveLength(2);
      expect(calls[0]).toBe(i);
      expect(calls[1]!.declarations).toEqual([t32, t31]);
      expect(Object.keys(calls[1]!.internal.tables)).toEqual(['3.2', '3.1']);
      expect(calls[1]!.atoms).toBe(i.atoms);
      expect(calls[1]!.params).toBe(i.params);
      expect(calls[1]!.previous).toBeUndefined();
      expect(calls[1]!.onProgress).toBeUndefined();
    });

    it('cells the run hides for earlier exports are left out of the comparison', async () => {
      const audit = {
        cells: [{ table: '3.2', row: 'r1', column: 'c0', forPrevious: true }],
      } as unknown as SuppressionAudit;
      const out = await protect(
        { ...input(), internal: internal(['3.1', '3.2', 'U1']), declarations: [t31, t32, user] },
        0,
        'en',
        async (x) => ({ ...(await pattern(x)), audit }),
      );
      expect(out.addedTables).toEqual({ added: ['U1'], changed: [{ table: '3.1', hidden: 1, shown: 1 }] });
    });

    it('no added tables, or no shipped table kept: one protection, no comparison; a reused shipped id with another definition counts as added', async () => {
      let n = 0;
      const count: Protect = async (x) => {
        n++;
        return pattern(x);
      };
      expect(
        (await protect({ ...input(), internal: internal(['3.1', '3.2']), declarations: [t31, t32] }, 0, 'en', count))
          .addedTables,
      ).toBeUndefined();
      expect(
        (await protect({ ...input(), internal: internal(['U1']), declarations: [user] }, 0, 'en', count)).addedTables,
      ).toBeUndefined();
      expect(n).toBe(2);
      const out = await protect(
        { ...input(), internal: internal(['3.2', '3.1']), declarations: [t32, reused] },
        0,
        'en',
        count,
      );
      expect(n).toBe(4);
      expect(out.addedTables?.added).toEqual(['3.1']);
    });
  });
});
