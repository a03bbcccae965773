import { parse } from 'csv-parse/sync';
import { reasonLookup } from '../../schemas/suppressionAudit.js';
import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { compareRuns, comparisonCsv, comparisonHtml } from '../../reports/compareRuns.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { sampleExport } from '../support/sampleExport.js';
import { tinyExport } from '../support/tinyExport.js';

function modified(): ExportTables {
  const t = structuredClone(tinyExport());
  const t33 = t.tables['3.3']!;
  t33.cells[0]![0] = 2100; // 2075 → 2100
  t33.cells[0]![1] = 14; // ** → 14
  t33.rows.push({ key: 'overig', label: 'Overig' });
  t33.cells.push([5, 6]);
  t.tables['F3.2']!.columns.splice(2, 1); // drop "onbekend"
  for (const row of t.tables['F3.2']!.cells) row.splice(2, 1);
  t.tables['A'] = {
    title: 'A',
    rows: [{ key: 'lks', label: 'LKS' }],
    columns: [{ key: 'total', label: 'Totaal' }],
    cells: [[1]],
  };
  return t;
}

describe('compareRuns', () => {
  it('reports identical runs as all unchanged', () => {
    const rows = compareRuns(sampleExport(), sampleExport(), TABLE_DECLARATIONS);
    expect(rows.length).toBeGreaterThan(400);
    expect(rows.every((r) => r.scope === 'cell' && !r.changed && r.absoluteChange !== undefined)).toBe(true);
    expect(
      comparisonHtml(rows, { lang: 'nl', declarations: TABLE_DECLARATIONS, oldName: 'a', newName: 'b' }),
    ).toContain('Geen verschillen.');
  });

  it('finds changed values, suppression changes, and what only one run has', () => {
    const rows = compareRuns(tinyExport(), modified(), TABLE_DECLARATIONS);
    const changed = rows.filter((r) => r.changed);
    const find = (table: string, rowKey: string | null, colKey: string | null) =>
      rows.find((r) => r.table === table && r.rowKey === rowKey && r.columnKey === colKey);
    expect(find('3.3', 'ondersteuning_werkplek', 'begeleiding_jobcoach')).toMatchObject({
      old: 2075,
      new: 2100,
      absoluteChange: 25,
      suppressionChanged: false,
      changed: true,
    });
    expect(find('3.3', 'ondersteuning_werkplek', 'begeleiding_jobcoach')!.relativeChange).toBeCloseTo(25 / 2075, 12);
    expect(find('3.3', 'ondersteuning_werkplek', 'vervoer')).toMatchObject({
      old: '**',
      new: 14,
      absoluteChange: null,
      relativeChange: null,
      suppressionChanged: true,
      changed: true,
    });
    expect(find('3.3', 'overig', null)).toMatchObject({ scope: 'row', presence: 'new-only' });
    expect(find('F3.2', null, 'onbekend')).toMatchObject({ scope: 'column', presence: 'old-only' });
    expect(find('A', null, null)).toMatchObject({ scope: 'table', presence: 'new-only' });
    // the diagonal/blank cell (null in both) is not a cell
    expect(find('3.3', 'begeleiding_jobcoach', 'begeleiding_jobcoach')).toBeUndefined();
    expect(changed).toHaveLength(5);
  });

  it("names the kind of each change and, given NEW's audit records, why a newly suppressed cell is suppressed", () => {
    const old = structuredClone(tinyExport());
    const later = structuredClone(tinyExport());
    old.tables['3.3']!.cells[0]![0] = 2075;
    later.tables['3.3']!.cells[0]![0] = '**';
    const reasons = reasonLookup([
      {
        table: '3.3',
        row: later.tables['3.3']!.rows[0]!.key,
        column: later.tables['3.3']!.columns[0]!.key,
        why: 'differencing',
      },
    ]);
    const rows = compareRuns(old, later, TABLE_DECLARATIONS, 10, reasons);
    const hit = rows.find((r) => r.change === 'suppressed')!;
    expect(hit).toMatchObject({ table: '3.3', old: 2075, new: '**', reason: 'differencing' });
    expect(rows.filter((r) => r.change !== 'none')).toHaveLength(1);
    const back = compareRuns(later, old, TABLE_DECLARATIONS, 10);
    expect(back.find((r) => r.changed)).toMatchObject({ change: 'unsuppressed', reason: null });
    const html = comparisonHtml(rows, {
      lang: 'nl',
      declarations: TABLE_DECLARATIONS,
      oldName: 'oud',
      newName: 'nieuw',
      withReasons: true,
    });
    expect(html).toContain('nu afgeschermd: zou te weinig personen verschillen van een eerdere export');
    expect(html).toContain('verschil met een eerdere export 1;');
    expect(html).toContain('ze blijft binnen het CBS');
    expect(
      comparisonHtml(back, { lang: 'en', declarations: TABLE_DECLARATIONS, oldName: 'a', newName: 'b' }),
    ).toContain('no longer suppressed');
    const recs = parse(comparisonCsv(rows), { bom: true, columns: true }) as Record<string, string>[];
    expect(recs.find((r) => r.change === 'suppressed')).toMatchObject({ new_suppression_reason: 'differencing' });
  });

  it('writes a CSV that parses back to the rows', () => {
    const rows = compareRuns(tinyExport(), modified(), TABLE_DECLARATIONS);
    const csv = comparisonCsv(rows);
    expect(csv.startsWith('\uFEFFtable,scope,presence,')).toBe(true);
    const recs = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(recs).toHaveLength(rows.length);
    const supp = recs.find((r) => r.suppression_changed === 'yes')!;
    expect(supp).toMatchObject({
      table: '3.3',
      row_key: 'ondersteuning_werkplek',
      column_key: 'vervoer',
      column_label: 'Vervoer, "eigen" auto',
      old: '**',
      new: '14',
    });
    const val = recs.find((r) => r.absolute_change === '25')!;
    expect(val.relative_change).toBe((25 / 2075).toFixed(6));
  });

  it('lists every difference on the HTML page', () => {
    const html = comparisonHtml(compareRuns(tinyExport(), modified(), TABLE_DECLARATIONS), {
      lang: 'nl',
      declarations: TABLE_DECLARATIONS,
      oldName: 'oud',
      newName: 'nieuw',
    });
    expect(html).toContain('gewijzigd: 2;');
    expect(html).toContain('afscherming gewijzigd');
    expect(html).toContain('+25');
    expect(html).toContain('alleen in de oude run');
    expect(html).toContain('Tabel A');
    expect(html).not.toMatch(/<script/i);
  });

  it('flags shown changes of 1 to threshold − 1 for the checker, and carries both periods and a length warning', () => {
    const later = structuredClone(tinyExport());
    later.period = { start: '2017-01-01', end: '2022-12-31' };
    later.tables['3.3']!.cells[0]![0] = 2075 + 9; // 9: too small a difference to publish
    later.tables['3.3']!.cells[1]![1] = 10; // 0 → 10: at the threshold, fine
    const old = structuredClone(tinyExport());
    old.period = { start: '2017-01-01', end: '2021-12-31' };
    const rows = compareRuns(old, later, TABLE_DECLARATIONS, 10);
    expect(rows.filter((r) => r.smallChange).map((r) => [r.table, r.rowKey, r.columnKey])).toEqual([
      ['3.3', 'ondersteuning_werkplek', 'begeleiding_jobcoach'],
    ]);
    expect(compareRuns(old, later, TABLE_DECLARATIONS, 5).filter((r) => r.smallChange)).toHaveLength(0);
    const recs = parse(comparisonCsv(rows, { old: old.period, new: later.period }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(recs[0]).toMatchObject({
      old_period: '2017-01-01..2021-12-31',
      old_years: '5.0',
      new_period: '2017-01-01..2022-12-31',
      new_years: '6.0',
    });
    expect(recs.filter((r) => r.small_change === 'yes')).toHaveLength(1);
    const html = comparisonHtml(rows, {
      lang: 'nl',
      declarations: TABLE_DECLARATIONS,
      oldName: 'oud',
      newName: 'nieuw',
      oldPeriod: old.period,
      newPeriod: later.period,
      threshold: 10,
      protectedAgainstOld: false,
    });
    expect(html).toContain('oud — periode 2017-01-01 t/m 2021-12-31 (5,0 jaar)');
    expect(html).toContain('nieuw — periode 2017-01-01 t/m 2022-12-31 (6,0 jaar)');
    expect(html).toContain('Let op: de perioden zijn niet even lang (5,0 tegen 6,0 jaar)');
    expect(html).toContain('Cellen met een verschil van 1 t/m 9: 1.');
    expect(html).toContain('klein verschil: controleren');
    expect(html).toContain('niet met --previous tegen de oude beschermd');
    const same = comparisonHtml(rows, {
      lang: 'en',
      declarations: TABLE_DECLARATIONS,
      oldName: 'a',
      newName: 'b',
      oldPeriod: later.period,
      newPeriod: later.period,
    });
    expect(same).not.toContain('differ in length');
  });
});
