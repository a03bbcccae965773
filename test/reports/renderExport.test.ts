import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { exportTablesJson } from '../../reports/renderExport.js';
import { type FileDigest, sumLine } from '../../reports/exportSums.js';
import { writeExport } from '../support/writeExport.js';
import { FIGURE_IDS, PUBLISHED_ORDER } from '../../reports/tableOrder.js';
import { ExportTablesSchema } from '../../schemas/tablesJson.js';
import { sampleExport } from '../support/sampleExport.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe('renderExport', () => {
  it('writes every export file, returns them sorted, and the same bytes twice', async () => {
    const a = mkdtempSync(join(tmpdir(), 'mg-export-'));
    const b = mkdtempSync(join(tmpdir(), 'mg-export-'));
    const note = 'Controle: regel n < 10, audit geslaagd.\n';
    const leesmij = 'Controle: regel n < 10, audit geslaagd (nl).\n';
    const summary = ['Samenvatting van de run'];
    const filesA = await writeExport(a, sampleExport(), {
      lang: 'nl',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: () => ({ readme: note, leesmij, summary }),
    });
    await new Promise((r) => setTimeout(r, 1100)); // a second later: no clock may leak into any file
    const filesB = await writeExport(b, sampleExport(), {
      lang: 'nl',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: () => ({ readme: note, leesmij, summary }),
    });

    const expected = [
      'LEESMIJ.txt',
      'README.txt',
      'report.html',
      'SHA256SUMS',
      'tables.json',
      'tables.xlsx',
      ...PUBLISHED_ORDER.map((id) => `tables/${id}.csv`),
      ...PUBLISHED_ORDER.map((id) => `tables-nl/${id}.csv`),
      ...FIGURE_IDS.flatMap((id) => [`charts/${id}.png`, `charts/${id}.svg`, `charts/${id}.vl.json`]),
    ].sort();
    expect(filesA).toEqual(expected);
    expect(listFiles(a)).toEqual(expected);
    expect(filesB).toEqual(filesA);
    for (const f of filesA) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    expect(readFileSync(join(a, 'README.txt'), 'utf8')).toBe(note);
    expect(readFileSync(join(a, 'LEESMIJ.txt'), 'utf8')).toBe(leesmij);
  });

  it('states every data file in the notes and every other file in SHA256SUMS, as sha256sum -c reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-export-'));
    let stated: readonly FileDigest[] = [];
    const files = await writeExport(dir, sampleExport(), {
      lang: 'nl',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: (data) => {
        stated = data;
        return { readme: `r\n${data.map((d) => sumLine(d)).join('\n')}\n`, leesmij: 'l\n', summary: ['s'] };
      },
    });
    // the notes get every file except themselves and SHA256SUMS, with the SHA-256 the file has
    const notes = ['README.txt', 'LEESMIJ.txt', 'tables.xlsx', 'SHA256SUMS'];
    expect(stated.map((d) => d.file)).toEqual(files.filter((f) => !notes.includes(f)));
    for (const d of stated)
      expect(d.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(dir, d.file)))
          .digest('hex'),
      );
    // SHA256SUMS: every other file, notes included, in sha256sum's text format
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    const lines = sums.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(66))).toEqual(files.filter((f) => f !== 'SHA256SUMS'));
    for (const l of lines) {
      expect(l).toMatch(/^[0-9a-f]{64}  \S/);
      expect(l.slice(0, 64)).toBe(
        createHash('sha256')
          .update(readFileSync(join(dir, l.slice(66))))
          .digest('hex'),
      );
    }
    // the system's sha256sum agrees, when there is one
    const check = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    if (!check.error) expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('writes tables.json that validates, round-trips, and keeps a fixed key order', () => {
    const s = sampleExport();
    const text = exportTablesJson(s, TABLE_DECLARATIONS);
    const back = JSON.parse(text) as unknown;
    expect(ExportTablesSchema.parse(back)).toEqual(s);
    expect(Object.keys(back as object)).toEqual(['period', 'backgroundPeriod', 'tables']);
    expect(Object.keys((back as { tables: object }).tables)).toEqual(PUBLISHED_ORDER);
    expect(Object.keys((back as { tables: Record<string, object> }).tables['F3.1']!)).toEqual([
      'title',
      'rows',
      'columns',
      'cells',
      'percentages',
    ]);
    expect(text).toContain('[72512, null, 781, 18897]');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('translates titles and labels with lang "en", keeping keys, numbers and markers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-export-'));
    await writeExport(dir, sampleExport(), {
      lang: 'en',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: () => ({ readme: 'x' }),
    });
    const en = ExportTablesSchema.parse(JSON.parse(readFileSync(join(dir, 'tables.json'), 'utf8')));
    const nl = sampleExport();
    expect(en.tables['3.2']!.title).toBe('Number of people who used Pwet provisions in the period 2017–2022.');
    expect(en.tables['F3.1']!.title).toContain('in the period 2017–2021, by age group');
    expect(en.tables['3.2']!.rows.map((r) => r.label)).toEqual([
      'Total number of unique users',
      'Support at the workplace *',
      'Guidance at work/job coach ~',
      'Other facilitating provision *',
      'Transport',
      'Other',
    ]);
    for (const id of Object.keys(nl.tables)) {
      expect(en.tables[id]!.cells).toEqual(nl.tables[id]!.cells);
      expect(en.tables[id]!.rows.map((r) => r.key)).toEqual(nl.tables[id]!.rows.map((r) => r.key));
      // every label is translated (no Dutch label left over) in the sample
      for (const h of [...en.tables[id]!.rows, ...en.tables[id]!.columns]) {
        const dutch = [...nl.tables[id]!.rows, ...nl.tables[id]!.columns].find((x) => x.key === h.key)!;
        if (
          ![
            'pwet',
            'uwv',
            'wmo',
            'wajong',
            'wao',
            'waz',
            'wga',
            'uwv_pwet',
            'pwet_wmo',
            'uwv_wmo',
            'uwv_pwet_wmo',
          ].includes(h.key)
        ) {
          expect(h.label, `${id} ${h.key}`).not.toBe(dutch.label);
        }
      }
    }
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Too few observations to show');
    expect(readFileSync(join(dir, 'tables/3.7.csv'), 'utf8')).toContain('Support at the workplace *,26768,');
  });

  it('puts the quarantine note in report.html, every CSV, every xlsx sheet and tables.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-export-'));
    const s = sampleExport();
    const note = '12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.';
    for (const t of Object.values(s.tables)) t.note = note;
    await writeExport(dir, s, {
      lang: 'nl',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: () => ({ readme: 'x\n' }),
    });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // once at the top and once per table
    expect(html.split(`<p class="note">${note}</p>`).length - 1).toBe(PUBLISHED_ORDER.length + 1);
    for (const id of PUBLISHED_ORDER)
      expect(readFileSync(join(dir, 'tables', `${id}.csv`), 'utf8'), id).toContain(`\r\n${note}\r\n`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'tables.xlsx')) as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) expect(ws.getCell('A2').value, ws.name).toBe(note);
    const json = JSON.parse(readFileSync(join(dir, 'tables.json'), 'utf8')) as {
      tables: Record<string, { note?: string }>;
    };
    for (const id of PUBLISHED_ORDER) expect(json.tables[id]!.note).toBe(note);
  });
});
