// One definition, used by the tests (test/support/comparableExport.ts) and by `npm run bench`: what "the same output"
// means between the CSV, Parquet and .sav versions of the same data (docs/decisions.md).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * The checker's note (README.txt, LEESMIJ.txt and the first sheet of tables.xlsx) names the input files: their names
 * and SHA-256 prefixes differ between the CSV, Parquet and .sav versions of the same data, and nothing else does.
 * This masks exactly that: a file name's extension, 12-hex-digit hash prefixes, and the column padding around them.
 * @param {string} text
 * @returns {string}
 */
export function maskInputNames(text) {
  return text
    .replace(/\.(csv|parquet|z?sav)\b/gi, '.*')
    .replace(/\b[0-9a-f]{12}\b/g, 'HASH')
    .replace(/[ \t]{2,}/g, ' ');
}

/**
 * export/SHA256SUMS with the hashes of the note files masked (they name the inputs); every other line as it is.
 * @param {string} text
 * @returns {string}
 */
function maskNoteSums(text) {
  return text.replace(/^[0-9a-f]{64}(  (README\.txt|LEESMIJ\.txt|tables\.xlsx))$/gm, 'HASH$1');
}

/** @param {string} path */
async function xlsxDump(path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  /** @type {string[]} */
  const lines = [];
  for (const ws of wb.worksheets) {
    lines.push(`# ${ws.name} ${JSON.stringify(ws.views)}`);
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) =>
        lines.push(`${r},${c} ${JSON.stringify(cell.value)} ${cell.numFmt ?? ''}`),
      ),
    );
  }
  return maskInputNames(lines.join('\n'));
}

/**
 * Every file of OUT/export/ (and internal/tables.json) as comparable text: bytes (base64) for all files except the
 * checker's note files, which are compared with the input file names masked (tables.xlsx cell by cell), and
 * SHA256SUMS, whose lines for the note files are masked.
 * @param {string} out a run's output folder
 * @returns {Promise<Map<string, string>>}
 */
export async function comparableExport(out) {
  /** @type {Map<string, string>} */
  const m = new Map();
  /** @param {string} d */
  const walk = async (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(out, p).split(sep).join('/');
      if (e.isDirectory()) await walk(p);
      else if (rel === 'export/README.txt' || rel === 'export/LEESMIJ.txt')
        m.set(rel, maskInputNames(readFileSync(p, 'utf8')));
      else if (rel === 'export/tables.xlsx') m.set(rel, await xlsxDump(p));
      else if (rel === 'export/SHA256SUMS') m.set(rel, maskNoteSums(readFileSync(p, 'utf8')));
      else m.set(rel, readFileSync(p).toString('base64'));
    }
  };
  await walk(join(out, 'export'));
  m.set('internal/tables.json', readFileSync(join(out, 'internal', 'tables.json'), 'utf8'));
  return m;
}
