import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRun } from '../../audit/auditRun.js';
import { InputError } from '../../core/errors.js';
import type { ExportTables, InternalTables } from '../../schemas/tablesJson.js';
import { cli } from '../support/cli.js';

/**
 * The audit against edited outputs: a finished run (generated data, the built CLI) is copied and edited in one
 * way per test; `auditRun` must fail on every edit, and pass on the untouched copy.
 */

let root: string;
let base: string;
let n = 0;

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const writeJson = (path: string, v: unknown) => writeFileSync(path, `${JSON.stringify(v, null, 2)}\n`);

/** A fresh copy of the finished run. */
function copy(): string {
  const out = join(root, `copy${n++}`);
  cpSync(base, out, { recursive: true });
  return out;
}

interface AuditFile {
  params: { threshold: number; zeroUnsafe: boolean; safetyRange: number };
  cells: {
    table: string;
    row: string;
    column: string;
    value: number;
    kind: string;
    interval: [number, number | null];
  }[];
}

const fails = (lines: string[], text: string) => lines.some((l) => l.startsWith('FAIL') && l.includes(text));
const position = (t: { rows: { key: string }[]; columns: { key: string }[] }, row: string, column: string) =>
  [t.rows.findIndex((r) => r.key === row), t.columns.findIndex((c) => c.key === column)] as const;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-auditrun-'));
  const input = join(root, 'input');
  base = join(root, 'base');
  expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '3']).code).toBe(0);
  const r = cli(['run', '--input', input, '--out', base]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('auditRun', () => {
  it('passes on an untouched run, and the CLI says so with exit 0', async () => {
    const r = await auditRun(base);
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.lines).toContain('earlier exports: none taken into account');
    const c = cli(['audit', base]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('audit PASSED');
  });

  it('recomputes the percentages of a user share figure (examples/): a tampered one fails', async () => {
    const out = join(root, 'user');
    const config = join(import.meta.dirname, '..', '..', 'examples', 'pwet-wmo-by-gender.json');
    expect(cli(['run', '--input', join(root, 'input'), '--out', out, '--config', config]).code).toBe(0);
    expect((await auditRun(out)).ok).toBe(true);
    const path = join(out, 'export', 'tables.json');
    const exported = readJson<ExportTables>(path);
    const pct = exported.tables.FX1!.percentages!;
    const i = pct.findIndex((row) => row.some((v) => typeof v === 'number'));
    const j = pct[i]!.findIndex((v) => typeof v === 'number');
    pct[i]![j] = (pct[i]![j] as number) + 1;
    writeJson(path, exported);
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    expect(r.lines.some((l) => l.startsWith('FAIL') && l.includes('table FX1') && l.includes('percentage'))).toBe(true);
  }, 600_000);

  it('hole 1: zero-count atoms added to attacker-model.json (and every secondary published) fail', async () => {
    const out = copy();
    const audit = readJson<AuditFile>(join(out, 'internal', 'suppression-audit.json'));
    const internal = readJson<InternalTables>(join(out, 'internal', 'tables.json'));
    const exported = readJson<ExportTables>(join(out, 'export', 'tables.json'));
    const secondaries = audit.cells.filter((c) => c.kind === 'secondary');
    expect(secondaries.length).toBeGreaterThan(0);
    for (const s of secondaries) {
      const [i, j] = position(exported.tables[s.table]!, s.row, s.column);
      exported.tables[s.table]!.cells[i]![j] = internal.tables[s.table]!.cells[i]![j]!;
    }
    writeJson(join(out, 'export', 'tables.json'), exported);
    audit.cells = audit.cells.filter((c) => c.kind === 'primary');
    writeJson(join(out, 'internal', 'suppression-audit.json'), audit);
    // one empty atom per primary cell: it makes every primary look free in the model file
    const model = readJson<{ cells: [string, string, string][]; variables: { n: number; cells: number[] }[] }>(
      join(out, 'internal', 'attacker-model.json'),
    );
    for (const p of audit.cells) {
      const k = model.cells.findIndex(([t, r, c]) => t === p.table && r === p.row && c === p.column);
      model.variables.push({ n: 0, cells: [k] });
    }
    writeFileSync(join(out, 'internal', 'attacker-model.json'), `${JSON.stringify(model)}\n`);
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    expect(fails(r.lines, 'attacker-model.json is not the attacker model')).toBe(true);
    expect(fails(r.lines, 'is not protected')).toBe(true);
  });

  it('hole 2: a weaker rule written into suppression-audit.json does not let a published primary pass', async () => {
    const out = copy();
    const audit = readJson<AuditFile>(join(out, 'internal', 'suppression-audit.json'));
    const p = audit.cells.find((c) => c.kind === 'primary' && c.value >= 2)!;
    audit.params = { threshold: 2, zeroUnsafe: false, safetyRange: 0 };
    audit.cells = audit.cells.filter((c) => c !== p);
    writeJson(join(out, 'internal', 'suppression-audit.json'), audit);
    const exported = readJson<ExportTables>(join(out, 'export', 'tables.json'));
    const [i, j] = position(exported.tables[p.table]!, p.row, p.column);
    exported.tables[p.table]!.cells[i]![j] = p.value;
    writeJson(join(out, 'export', 'tables.json'), exported);
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toContain('threshold 10');
    expect(fails(r.lines, 'states other parameters')).toBe(true);
    expect(fails(r.lines, `exported count ${p.value} is unsafe`)).toBe(true);
  });

  it('hole 2b: a weaker rule in the manifest fails on the hash, and with a matching hash on README.txt', async () => {
    const out = copy();
    const manifest = readJson<{ config: { sha256: string; value: { disclosure: { threshold: number } } } }>(
      join(out, 'manifest.json'),
    );
    manifest.config.value.disclosure.threshold = 2;
    writeJson(join(out, 'manifest.json'), manifest);
    const r1 = await auditRun(out);
    expect(r1.ok).toBe(false);
    expect(fails(r1.lines, 'does not have the recorded SHA-256')).toBe(true);
    const { createHash } = await import('node:crypto');
    manifest.config.sha256 = createHash('sha256').update(JSON.stringify(manifest.config.value)).digest('hex');
    writeJson(join(out, 'manifest.json'), manifest);
    const r2 = await auditRun(out);
    expect(r2.ok).toBe(false);
    // README.txt is compared with the statement rendered from the manifest's config; the finding quotes its line
    expect(fails(r2.lines, 'README.txt states "Parameters: threshold = 10,')).toBe(true);
    expect(fails(r2.lines, 'config gives "Parameters: threshold = 2,')).toBe(true);
  });

  it("hole 3: a primary's true value written into export/tables/3.6.csv only fails", async () => {
    const out = copy();
    const exported = readJson<ExportTables>(join(out, 'export', 'tables.json'));
    const internal = readJson<InternalTables>(join(out, 'internal', 'tables.json'));
    const t = exported.tables['3.6']!;
    // the first ** of the CSV in reading order is the first suppressed cell in row-major order
    let value: number | undefined;
    t.cells.forEach((row, i) =>
      row.forEach((c, j) => (value ??= c === '**' ? internal.tables['3.6']!.cells[i]![j]! : undefined)),
    );
    expect(value).toBeDefined();
    const path = join(out, 'export', 'tables', '3.6.csv');
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain('**');
    writeFileSync(path, csv.replace('**', String(value)));
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    // the tamper message names the cell (line, row label, column header) and both values
    let where: [number, number] | undefined;
    t.cells.forEach((row, i) => row.forEach((c, j) => (where ??= c === '**' ? [i, j] : undefined)));
    const [i, j] = where!;
    expect(
      fails(
        r.lines,
        `export/tables/3.6.csv, line ${i + 2} (row "${t.rows[i]!.label}", column "${t.columns[j]!.label}"): the file shows "${value}", export/tables.json "**"`,
      ),
    ).toBe(true);
  });

  it('fails on an edited tables.xlsx, report.html, chart data, an extra file and a missing one', async () => {
    const edits: [string, (dir: string) => void, string][] = [
      [
        'xlsx',
        (d) =>
          writeFileSync(
            join(d, 'export', 'tables.xlsx'),
            Buffer.concat([readFileSync(join(d, 'export', 'tables.xlsx')), Buffer.from([0])]),
          ),
        'export/tables.xlsx does not show',
      ],
      [
        'html',
        (d) =>
          writeFileSync(
            join(d, 'export', 'report.html'),
            readFileSync(join(d, 'export', 'report.html'), 'utf8').replace('**', '7'),
          ),
        'export/report.html does not show',
      ],
      [
        'vl.json',
        (d) => {
          const p = join(d, 'export', 'charts', 'F3.4.vl.json');
          writeFileSync(
            p,
            readFileSync(p, 'utf8')
              .replace(/"count": (\d+)/, (_m, x: string) => `"count": ${Number(x) + 1}`)
              .replace(/: (\d+),/, (_m, x: string) => `: ${Number(x) + 1},`),
          );
        },
        'export/charts/F3.4.vl.json does not show',
      ],
      [
        'extra',
        (d) => writeFileSync(join(d, 'export', 'tables', 'extra.csv'), 'a,b\r\n'),
        'export/tables/extra.csv: not a file the export consists of',
      ],
      ['missing', (d) => rmSync(join(d, 'export', 'tables', '3.2.csv')), 'export/tables/3.2.csv is missing'],
    ];
    for (const [name, edit, text] of edits) {
      const out = copy();
      edit(out);
      const r = await auditRun(out);
      expect(r.ok, name).toBe(false);
      expect(fails(r.lines, text), `${name}: ${r.lines.filter((l) => l.startsWith('FAIL')).join(' | ')}`).toBe(true);
    }
  });

  it('fails when the atoms do not give the internal counts, or a claimed interval is wrong', async () => {
    const out = copy();
    const path = join(out, 'internal', 'atoms.json');
    const atoms = readJson<{ atoms: { n: number }[] }>(path);
    atoms.atoms[0]!.n += 1;
    writeJson(path, atoms);
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    expect(fails(r.lines, 'the atoms give')).toBe(true);

    const out2 = copy();
    const audit = readJson<AuditFile>(join(out2, 'internal', 'suppression-audit.json'));
    audit.cells[0]!.interval = [audit.cells[0]!.interval[0] + 1, audit.cells[0]!.interval[1]];
    writeJson(join(out2, 'internal', 'suppression-audit.json'), audit);
    const r2 = await auditRun(out2);
    expect(r2.ok).toBe(false);
    expect(fails(r2.lines, 'claims')).toBe(true);
  });

  it('fails when one secondary is published, and when a shared count is shown in one table only', async () => {
    const out = copy();
    const audit = readJson<AuditFile>(join(out, 'internal', 'suppression-audit.json'));
    const internal = readJson<InternalTables>(join(out, 'internal', 'tables.json'));
    const exported = readJson<ExportTables>(join(out, 'export', 'tables.json'));
    const s = audit.cells.find((c) => c.kind === 'secondary')!;
    const [i, j] = position(exported.tables[s.table]!, s.row, s.column);
    exported.tables[s.table]!.cells[i]![j] = internal.tables[s.table]!.cells[i]![j]!;
    writeJson(join(out, 'export', 'tables.json'), exported);
    const r = await auditRun(out);
    expect(r.ok).toBe(false);
    // the count may appear in several tables: then it is also inconsistent
    expect(fails(r.lines, 'is not protected') || fails(r.lines, 'same count is published in another cell')).toBe(true);
  });

  it('throws InputError when a file is missing, and leaves the run untouched', async () => {
    const out = copy();
    rmSync(join(out, 'internal', 'atoms.json'));
    const before = readFileSync(join(out, 'export', 'tables.json'), 'utf8');
    await expect(auditRun(out)).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(join(out, 'export', 'tables.json'), 'utf8')).toBe(before);
    const c = cli(['audit', out]);
    expect(c.code).toBe(1);
  });
});
