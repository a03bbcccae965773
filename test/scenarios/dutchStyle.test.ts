import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';

/**
 * Dutch style for numbers in the Dutch texts of every output: a decimal comma and a thousands point, never a decimal
 * point ("0.3", "12.5"). Table and figure ids ("Tabel 3.1", "figuur 3.1–3.3"), version numbers (0.1.0) and thousands
 * groups ("1.026", "2.419.968") are not decimals.
 */
function decimalPoints(text: string): string[] {
  const cleaned = text
    .replace(/(?:[Tt]abel(?:len)?|[Ff]igu(?:u)?r(?:en)?)\s+F?[A-Z0-9]+(?:\.\d+)?(?:\s*[–-]\s*F?\d+(?:\.\d+)?)?/g, ' ')
    .replace(/\bF\d+\.\d+\b/g, ' ')
    .replace(/\d+\.\d+\.\d+(?:[-+][\w.]+)?/g, ' ') // versions
    .replace(/\b\d{1,3}(?:\.\d{3})+(?![\d.])/g, ' '); // thousands groups
  return [...cleaned.matchAll(/(?<![\w.])\d+\.\d+(?![\w.])/g)].map((m) => {
    const i = m.index ?? 0;
    return cleaned.slice(Math.max(0, i - 40), i + m[0].length + 20).replace(/\s+/g, ' ');
  });
}

const htmlText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) =>
      [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' '),
    )
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ');

describe('Dutch style numbers in every Dutch output', () => {
  it('the scan finds a decimal point and passes Dutch thousands, ids and versions', () => {
    expect(decimalPoints('veiligheidsmarge = 0.3')).toHaveLength(1);
    expect(
      decimalPoints(
        'p = max(1, ceil(v * 0,3)); 2.419.968 rijen; Tabel 3.1 en figuur 3.1–3.3; multigebruik 0.1.0; 1.026',
      ),
    ).toEqual([]);
  });

  it('LEESMIJ.txt, report.html, charts, tables-nl, the workbook, audit.html and the comparison page have no decimal point in a number', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-nl-'));
    const out = join(root, 'out');
    const r = cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const c = cli(['compare', out, out, '--out', join(root, 'cmp')]);
    expect(c.code).toBe(0);
    const texts: Record<string, string> = {
      'export/LEESMIJ.txt': readFileSync(join(out, 'export', 'LEESMIJ.txt'), 'utf8'),
      'export/report.html': htmlText(readFileSync(join(out, 'export', 'report.html'), 'utf8')),
      'internal/audit.html': htmlText(readFileSync(join(out, 'internal', 'audit.html'), 'utf8')),
      'comparison.html': htmlText(readFileSync(join(root, 'cmp', 'comparison.html'), 'utf8')),
    };
    for (const f of readdirSync(join(out, 'export', 'tables-nl')))
      texts[`export/tables-nl/${f}`] = readFileSync(join(out, 'export', 'tables-nl', f), 'utf8');
    for (const f of readdirSync(join(out, 'export', 'charts')).filter((x) => x.endsWith('.svg'))) {
      texts[`export/charts/${f}`] = [
        ...readFileSync(join(out, 'export', 'charts', f), 'utf8').matchAll(/<text[^>]*>([^<]*)<\/text>/g),
      ]
        .map((m) => m[1])
        .join(' ');
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'export', 'tables.xlsx')) as unknown as ArrayBuffer);
    // text cells only: numbers are numbers in Excel, shown in the reader's own locale
    wb.eachSheet((ws) => {
      const cells: string[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') cells.push(cell.value);
        }),
      );
      texts[`export/tables.xlsx ${ws.name}`] = cells.join('\n');
    });
    expect(Object.keys(texts).length).toBeGreaterThan(60);
    const found = Object.entries(texts).flatMap(([file, text]) =>
      decimalPoints(text).map((hit) => `${file}: …${hit}…`),
    );
    expect(found).toEqual([]);
  });
});
