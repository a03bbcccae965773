import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../bin/auditCommand.js';
import { type ProtectResult, protectTables } from '../../disclosure/protectTables.js';
import { InputError } from '../../core/errors.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { tabulate } from '../../pipeline/tabulate.js';
import type { ExportTables, InternalTables } from '../../schemas/tablesJson.js';
import { randomPopulation } from '../support/randomPopulation.js';

const period = { start: '2017-01-01', end: '2022-12-31' };
const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

let root: string;
let internal: InternalTables;
let result: ProtectResult;

/** Write a run's output as the pipeline does (the parts the audit reads), optionally with a tampered export. */
function writeRun(name: string, exported: ExportTables = result.exported, files: Record<string, string> = result.internalFiles): string {
  const out = join(root, name);
  mkdirSync(join(out, 'export'), { recursive: true });
  mkdirSync(join(out, 'internal'), { recursive: true });
  writeFileSync(join(out, 'export', 'tables.json'), JSON.stringify(exported, null, 2));
  writeFileSync(join(out, 'internal', 'tables.json'), JSON.stringify(internal, null, 2));
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(out, 'internal', rel), text);
  return out;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const position = (table: string, row: string, column: string) => {
  const t = internal.tables[table]!;
  return [t.rows.findIndex((r) => r.key === row), t.columns.findIndex((c) => c.key === column)] as const;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mg-audit-'));
  const atoms = randomPopulation(1500, 2);
  internal = tabulate({ atoms, declarations: TABLE_DECLARATIONS, period, backgroundPeriod: period });
  result = await protectTables({ internal, atoms, declarations: TABLE_DECLARATIONS, params });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('auditCommand', () => {
  it('passes on a real protected output', async () => {
    const r = await auditCommand(writeRun('ok'));
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.lines.at(-1)).toBe('audit PASSED');
    expect(result.audit.totals.secondary).toBeGreaterThan(0);
  });

  it('fails when any one secondary cell is published: every secondary is needed', async () => {
    const secondaries = result.audit.cells.filter((c) => c.kind === 'secondary');
    expect(secondaries.length).toBeGreaterThan(0);
    for (const s of secondaries) {
      const exported = clone(result.exported);
      const [i, j] = position(s.table, s.row, s.column);
      expect(exported.tables[s.table]!.cells[i]![j]).toBe('**');
      exported.tables[s.table]!.cells[i]![j] = s.value;
      const r = await auditCommand(writeRun(`weak-${s.table}-${s.row}-${s.column}`, exported));
      expect(r.ok, `publishing ${s.table} ${s.row}/${s.column}`).toBe(false);
      expect(r.lines.some((l) => l.startsWith('FAIL') && l.includes('is not protected'))).toBe(true);
    }
  });

  it('fails on a published unsafe count, on a wrong number, and on an interval the audit file misstates', async () => {
    const primary = result.audit.cells.find((c) => c.kind === 'primary' && c.value > 0)!;
    const [pi, pj] = position(primary.table, primary.row, primary.column);
    const leaked = clone(result.exported);
    leaked.tables[primary.table]!.cells[pi]![pj] = primary.value;
    const r1 = await auditCommand(writeRun('leak', leaked));
    expect(r1.ok).toBe(false);
    expect(r1.lines.some((l) => l.includes('is unsafe'))).toBe(true);

    const wrong = clone(result.exported);
    const t = wrong.tables['3.2']!;
    const [wi, wj] = [0, 0];
    expect(typeof t.cells[wi]![wj]).toBe('number');
    t.cells[wi]![wj] = (t.cells[wi]![wj] as number) + 1;
    const r2 = await auditCommand(writeRun('wrong', wrong));
    expect(r2.ok).toBe(false);
    expect(r2.lines.some((l) => l.includes('differs from the internal count'))).toBe(true);

    const audit = JSON.parse(result.internalFiles['suppression-audit.json']!) as { cells: { interval: [number, number | null] }[] };
    audit.cells[0]!.interval = [audit.cells[0]!.interval[0] + 1, audit.cells[0]!.interval[1]];
    const r3 = await auditCommand(writeRun('claim', result.exported, { ...result.internalFiles, 'suppression-audit.json': JSON.stringify(audit) }));
    expect(r3.ok).toBe(false);
    expect(r3.lines.some((l) => l.includes('claims'))).toBe(true);
  });

  it('fails when a shared count is suppressed in one table and shown in another', async () => {
    // find a suppressed count that appears in several tables (same atoms), publish one copy only
    const model = JSON.parse(result.internalFiles['attacker-model.json']!) as { cells: [string, string, string][]; variables: { cells: number[] }[] };
    const sig = new Map<number, number[]>();
    model.variables.forEach((v, k) => v.cells.forEach((c) => sig.set(c, [...(sig.get(c) ?? []), k])));
    const groups = new Map<string, number[]>();
    model.cells.forEach((_, c) => {
      const key = (sig.get(c) ?? []).join(',');
      groups.set(key, [...(groups.get(key) ?? []), c]);
    });
    const shared = [...groups.values()].find((g) => {
      if (g.length < 2) return false;
      const [t, r, c] = model.cells[g[0]!]!;
      const [i, j] = position(t, r, c);
      return result.exported.tables[t]!.cells[i]![j] === '**';
    });
    expect(shared).toBeDefined();
    const [t, r, c] = model.cells[shared![0]!]!;
    const [i, j] = position(t, r, c);
    const exported = clone(result.exported);
    exported.tables[t]!.cells[i]![j] = internal.tables[t]!.cells[i]![j]!;
    const res = await auditCommand(writeRun('inconsistent', exported));
    expect(res.ok).toBe(false);
    expect(res.lines.some((l) => l.includes('same count is published in another cell'))).toBe(true);
  });

  it('throws InputError when a file is missing', async () => {
    const out = writeRun('missing');
    rmSync(join(out, 'internal', 'attacker-model.json'));
    await expect(auditCommand(out)).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(join(out, 'export', 'tables.json'), 'utf8').length).toBeGreaterThan(0);
  });
});
