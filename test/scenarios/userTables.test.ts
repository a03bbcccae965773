import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { protectTables } from '../../disclosure/protectTables.js';
import { declarationsFor, publishedOrder, shippedDeclarations } from '../../model/tableDeclarations.js';
import type { Atom } from '../../model/atom.js';
import { messages } from '../../core/messages.js';
import type { RunSummary } from '../../reports/runSummary.js';
import { tabulate } from '../../model/tabulate.js';
import type { ExportTables, InternalTables } from '../../schemas/tablesJson.js';
import { cli } from '../support/cli.js';
import { defaultConfig, runOnFolder } from '../support/runOnFolder.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

/** U1: every Pwet provision by gender, without a total column; U2: a bar figure; U3: U1 as a bar figure (a group of bars per row). All new to the shipped tables. */
const USER_CONFIG = {
  tables: {
    add: [
      {
        id: 'U1',
        kind: 'table',
        title: { nl: 'Pwet-voorzieningen naar geslacht, {period}.', en: 'Pwet provisions by gender, {period}.' },
        rows: [{ each: 'pwet' }],
        columns: [{ each: 'gender' }],
      },
      {
        id: 'U2',
        kind: 'figure',
        chart: 'bars',
        title: {
          nl: 'Wmo-voorzieningen van gebruikers van Pwet-vervoer, {period}.',
          en: 'Wmo provisions of users of Pwet transport, {period}.',
        },
        base: [{ set: 'pwet.vervoer' }],
        rows: [{ count: 'wmo', from: 0, to: 3 }],
        columns: ['users'],
      },
      {
        id: 'U3',
        kind: 'figure',
        chart: 'bars',
        title: { nl: 'Pwet-voorzieningen naar geslacht, {period}.', en: 'Pwet provisions by gender, {period}.' },
        rows: [{ each: 'pwet' }],
        columns: [{ each: 'gender' }],
      },
    ],
  },
};

let base: string;
let input: string;
let out: string;
let configFile: string;
let ex1Stdout = '';
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mg-usertables-'));
  input = join(base, 'input');
  out = join(base, 'out');
  configFile = join(base, 'user.json');
  writeFileSync(configFile, JSON.stringify(USER_CONFIG, null, 2));
  expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '1']).code).toBe(0);
  const r = cli(['run', '--input', input, '--out', out, '--config', configFile]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

describe('a table added through the config', () => {
  it('would reveal a count of 1–9 combined with shipped table 3.2 if protected alone; protected jointly it does not, and audit passes', async () => {
    const config = defaultConfig(USER_CONFIG);
    const run = await runOnFolder(input, config);
    const { period, backgroundPeriod } = run;
    const atoms = run.atoms!;
    const u1 = declarationsFor(config).find((d) => d.id === 'U1')!;
    const aloneInternal = tabulate({ atoms, declarations: [u1], period, backgroundPeriod });
    const alone = (await protectTables({ internal: aloneInternal, atoms, declarations: [u1], params })).exported.tables
      .U1!;
    const internal = readJson<InternalTables>(join(out, 'internal', 'tables.json'));
    const joint = readJson<ExportTables>(join(out, 'export', 'tables.json'));
    const t32 = joint.tables['3.2']!;

    // Protected alone: some row has one `**`; 3.2 publishes that provision's total, so total − the rest gives it exactly.
    let revealed = 0;
    alone.rows.forEach((row, i) => {
      const cells = alone.cells[i]!;
      const hidden = cells.map((c, j) => (c === '**' ? j : -1)).filter((j) => j >= 0);
      const total = t32.cells[t32.rows.findIndex((r) => r.key === row.key)]![0];
      if (hidden.length !== 1 || typeof total !== 'number') return;
      const derived = total - cells.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0);
      const truth = internal.tables.U1!.cells[i]![hidden[0]!]!;
      expect(derived).toBe(truth);
      expect(truth).toBeGreaterThanOrEqual(1);
      expect(truth).toBeLessThanOrEqual(9);
      revealed++;
      // Jointly protected, the same row hides at least two cells (or 3.2 hides the total).
      const jointRow = joint.tables.U1!.cells[i]!;
      const jointTotal = t32.cells[t32.rows.findIndex((r) => r.key === row.key)]![0];
      expect(jointRow.filter((c) => c === '**').length + (jointTotal === '**' ? 1 : 0)).toBeGreaterThanOrEqual(2);
    });
    expect(revealed).toBeGreaterThan(0);

    // Every primary cell of the user tables is suppressed, and the independent audit passes over all tables.
    for (const id of ['U1', 'U2']) {
      internal.tables[id]!.cells.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v !== null && v >= 1 && v <= 9) expect(joint.tables[id]!.cells[i]![j], `${id} ${i},${j}`).toBe('**');
        }),
      );
    }
    const model = readJson<{ cells: [string, string, string][] }>(join(out, 'internal', 'attacker-model.json'));
    expect(model.cells.some(([t]) => t === 'U1')).toBe(true);
    const audit = cli(['audit', out]);
    expect(audit.stdout).toContain('audit PASSED');
    expect(audit.code).toBe(0);
  });

  it('appears in every output format: tables.json, tables/, tables-nl/, tables.xlsx, report.html, charts/, audit.html', async () => {
    const exp = join(out, 'export');
    const ids = Object.keys(readJson<ExportTables>(join(exp, 'tables.json')).tables);
    expect(ids.slice(-3)).toEqual(['U1', 'U2', 'U3']);
    expect(ids).toHaveLength(31);
    for (const [dir, delimiter] of [
      ['tables', ','],
      ['tables-nl', ';'],
    ] as const) {
      const records = parse(readFileSync(join(exp, dir, 'U1.csv'), 'utf8'), { bom: true, delimiter }) as string[][];
      expect(records[0]).toEqual(['', 'man', 'vrouw', 'onbekend']);
      expect(records).toHaveLength(6);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(exp, 'tables.xlsx'));
    expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual(['Tabel U1', 'Figuur U2', 'Figuur U3']);
    expect(String(wb.getWorksheet('Figuur U2')!.getCell(1, 1).value)).toMatch(/^Figuur U2\. /);
    const html = readFileSync(join(exp, 'report.html'), 'utf8');
    expect(html).toContain('data-table-id="U1"');
    expect(html).toContain('data-figure-id="U2"');
    for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(exp, 'charts', `U2.${ext}`)), ext).toBe(true);
    expect(existsSync(join(exp, 'charts', 'U1.svg'))).toBe(false);
    expect(readFileSync(join(out, 'internal', 'audit.html'), 'utf8')).toContain('Tabel U1.');
    // the checker's note captions a user figure as a figure, like every other file
    const note = readFileSync(join(exp, 'README.txt'), 'utf8');
    expect(note).toMatch(/\n {2}Table U1 /);
    expect(note).toMatch(/\n {2}Figure U2 /);
    expect(readFileSync(join(exp, 'LEESMIJ.txt'), 'utf8')).toMatch(/\n {2}Figuur U3 /);
  });

  it('a bars figure with several columns draws every cell: a bar per number, "**" without a length', () => {
    const exp = join(out, 'export');
    const u3 = readJson<ExportTables>(join(exp, 'tables.json')).tables['U3']!;
    const values = readJson<{
      data: { values: { key: string; seriesKey: string; persons: number | null; label: string }[] };
    }>(join(exp, 'charts', 'U3.vl.json')).data.values;
    expect(values).toHaveLength(u3.rows.length * u3.columns.length);
    u3.rows.forEach((r, i) =>
      u3.columns.forEach((c, j) => {
        const d = values.find((v) => v.key === r.key && v.seriesKey === c.key)!;
        const cell = u3.cells[i]![j];
        expect(d.persons).toBe(cell === '**' ? null : cell);
        if (cell === '**') expect(d.label).toBe('**');
      }),
    );
    expect(u3.cells.flat()).toContain('**');
  });
});

describe('examples/', () => {
  it('pwet-wmo-by-gender.json adds a share figure with percentages and a chart; audit passes', () => {
    const o = join(base, 'ex1');
    const r = cli(['run', '--input', input, '--out', o, '--config', join(EXAMPLES, 'pwet-wmo-by-gender.json')]);
    expect(r.code).toBe(0);
    ex1Stdout = r.stdout;
    const fx1 = readJson<ExportTables>(join(o, 'export', 'tables.json')).tables.FX1!;
    expect(fx1.columns.map((c) => c.key)).toEqual(['man', 'vrouw', 'onbekend', 'total']);
    expect(fx1.rows).toHaveLength(5);
    expect(fx1.percentages).toHaveLength(5);
    expect(existsSync(join(o, 'export', 'charts', 'FX1.png'))).toBe(true);
    expect(cli(['audit', o]).code).toBe(0);
  });

  it('pwet-wmo-by-gender.json: the run summary (terminal and manifest) names the shipped tables FX1 changes, against the shipped tables protected alone', async () => {
    const o = join(base, 'ex1');
    const config = defaultConfig(readJson<object>(join(EXAMPLES, 'pwet-wmo-by-gender.json')));
    const kept = declarationsFor(config).filter((d) => shippedDeclarations().includes(d));
    expect(kept).toHaveLength(28);
    // independently: the shipped tables protected alone, compared with the run's export/ by its "**"
    const internal = readJson<InternalTables>(join(o, 'internal', 'tables.json'));
    const { atoms } = readJson<{ atoms: Atom[] }>(join(o, 'internal', 'atoms.json'));
    const alone = await protectTables({
      internal: { ...internal, tables: Object.fromEntries(kept.map((d) => [d.id, internal.tables[d.id]!])) },
      atoms,
      declarations: kept,
      params,
    });
    const joint = readJson<ExportTables>(join(o, 'export', 'tables.json'));
    const changed = publishedOrder(kept).flatMap((d) => {
      const mine = joint.tables[d.id]!.cells.flat().map((c) => c === '**');
      const theirs = alone.exported.tables[d.id]!.cells.flat().map((c) => c === '**');
      const hidden = mine.filter((x, k) => x && !theirs[k]).length;
      const shown = mine.filter((x, k) => !x && theirs[k]).length;
      return hidden + shown > 0 ? [{ table: d.id, hidden, shown }] : [];
    });
    expect(changed.length).toBeGreaterThan(0);
    const hiddenBeyond = changed.reduce((a, c) => a + c.hidden, 0);
    const summary = readJson<{ summary: RunSummary }>(join(o, 'manifest.json')).summary;
    expect(summary.userTables).toEqual({ added: ['FX1'], changed, hiddenBeyond });
    expect(ex1Stdout.split('\n')).toContain(`  ${messages.summaryUserTables(['FX1'], changed, hiddenBeyond)}`);
    expect(
      messages.summaryUserTables(
        ['FX1'],
        [
          { table: '3.1', hidden: 2, shown: 1 },
          { table: 'F3.2', hidden: 2, shown: 0 },
        ],
        4,
      ),
    ).toBe(
      'User tables: FX1 (config tables.add) changes the suppression of shipped tables: 3.1 (2 more hidden, 1 shown instead), F3.2 (2 more hidden); 4 cell(s) hidden in them beyond what the shipped tables protected alone hide',
    );
  });

  it('a user table that changes nothing in the shipped tables says so; a config without added tables has no such line', () => {
    // U1 of the run above protected with the shipped tables: same pattern in them at this scale
    const file = join(base, 'u1-only.json');
    writeFileSync(file, JSON.stringify({ tables: { add: [USER_CONFIG.tables.add[0]] } }));
    const o = join(base, 'u1-only');
    const r = cli(['run', '--input', input, '--out', o, '--config', file]);
    expect(r.code).toBe(0);
    const summary = readJson<{ summary: RunSummary }>(join(o, 'manifest.json')).summary;
    expect(summary.userTables).toEqual({ added: ['U1'], changed: [], hiddenBeyond: 0 });
    expect(r.stdout.split('\n')).toContain(
      '  User tables: U1 (config tables.add) changes no suppression in the shipped tables: protected alone, they hide the same cells',
    );
  });

  it('tables-3x-only.json publishes tables 3.0–3.11 only, no figures; audit passes', () => {
    const o = join(base, 'ex2');
    const r = cli(['run', '--input', input, '--out', o, '--config', join(EXAMPLES, 'tables-3x-only.json')]);
    expect(r.code).toBe(0);
    // kept and dropped shipped tables, none added: no comparison, no line
    expect(readJson<{ summary: RunSummary }>(join(o, 'manifest.json')).summary.userTables).toBeUndefined();
    expect(r.stdout).not.toContain('User tables:');
    const ids = Object.keys(readJson<ExportTables>(join(o, 'export', 'tables.json')).tables);
    expect(ids).toEqual(['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11']);
    expect(existsSync(join(o, 'export', 'charts'))).toBe(false);
    expect(cli(['audit', o]).code).toBe(0);
  });
});

describe('bad table declarations', () => {
  const table = (over: object) => ({
    id: 'U9',
    kind: 'table',
    title: { nl: 'x', en: 'x' },
    rows: ['pwet'],
    columns: ['users'],
    ...over,
  });
  const cases: [string, object, string, RegExp][] = [
    [
      'unknown category key',
      { tables: { add: [table({ rows: ['pwet', 'pwet.fiets'] })] } },
      'tables.add.0.rows.1',
      /unknown category key "pwet.fiets"; valid keys: .*pwet\.vervoer/,
    ],
    ['duplicate id', { tables: { add: [table({ id: '3.1' })] } }, 'tables.add.0.id', /declared twice/],
    ['empty axis', { tables: { add: [table({ columns: [] })] } }, 'tables.add.0.columns', /at least one/],
    ['figure without chart kind', { tables: { add: [table({ kind: 'figure' })] } }, 'tables.add.0.chart', /chart kind/],
    ['unknown kept table', { tables: { keep: ['9.*'] } }, 'tables.keep.0', /matches no shipped table/],
  ];
  for (const [name, config, path, why] of cases) {
    it(`${name}: exit 1 naming the config file and ${path}; nothing written`, () => {
      const file = join(base, `bad-${name.replaceAll(' ', '-')}.json`);
      writeFileSync(file, JSON.stringify(config));
      const o = join(base, `bad-out-${name.replaceAll(' ', '-')}`);
      const r = cli(['run', '--input', input, '--out', o, '--config', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Config file ${file}, field ${path}:`);
      expect(r.stderr).toMatch(why);
      expect(existsSync(o)).toBe(false);
    });
  }
});
