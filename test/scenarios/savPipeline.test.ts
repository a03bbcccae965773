import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../synthetic/generateSynthetic.js';
import { openDatabase } from '../../core/openDatabase.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { pspp, tool } from '../support/savTestTools.js';
import { runOnFolder, writeFolder } from '../support/runOnFolder.js';
import { savLoader } from '../../bin/stages.js';
import { readSavMetadata } from '../../sav/readSav.js';

/**
 * The same data as CSV and as SPSS files written by PSPP — numeric keys in some files, string keys in others, SPSS
 * DATE variables, numeric codes, all three compressions — must give identical exact tables.
 */

const COMPRESSION = ['/UNCOMPRESSED', '/COMPRESSED', '/ZCOMPRESSED'] as const;

/** PSPP syntax converting one CSV (all text) into a .sav with typed variables. */
function conversion(csvPath: string, savPath: string, numericKeys: boolean, compression: string): string {
  const header = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/, 1)[0]!
    .replace(/^\uFEFF/, '')
    .split(',');
  const lines = [
    `GET DATA /TYPE=TXT /FILE='${csvPath}' /ARRANGEMENT=DELIMITED /DELIMITERS=',' /FIRSTCASE=2`,
    `  /VARIABLES=${header.map((h) => `${h} A40`).join(' ')}.`,
  ];
  const convert = (name: string, expr: string, format: string) => {
    lines.push(
      `NUMERIC x_${name} (${format}).`,
      `COMPUTE x_${name} = ${expr}.`,
      `DELETE VARIABLES ${name}.`,
      `RENAME VARIABLES (x_${name} = ${name}).`,
    );
  };
  for (const h of header) {
    if (/DATUM/i.test(h)) {
      const d = `REPLACE(${h}, '-', '')`;
      convert(
        h,
        `DATE.DMY(NUMBER(SUBSTR(${d}, 7, 2), F2), NUMBER(SUBSTR(${d}, 5, 2), F2), NUMBER(SUBSTR(${d}, 1, 4), F4))`,
        'DATE11',
      );
    } else if (h === 'RINPERSOON' && numericKeys) convert(h, `NUMBER(${h}, F9)`, 'F9.0');
    else if (/^(SRGVOORZIENING|WMOTYPEMAATWERKARRANGEMENT)$/.test(h)) convert(h, `NUMBER(${h}, F8)`, 'F8.0');
  }
  lines.push(`SAVE OUTFILE='${savPath}' ${compression}.`);
  return `${lines.join('\n')}\n`;
}

function toSav(csvDir: string): string {
  const savDir = mkdtempSync(join(tmpdir(), 'mg-sav-'));
  const syntax = readdirSync(csvDir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f, i) => {
      const ext = COMPRESSION[i % 3] === '/ZCOMPRESSED' ? '.zsav' : '.sav';
      return conversion(join(csvDir, f), join(savDir, basename(f, '.csv') + ext), i % 2 === 0, COMPRESSION[i % 3]!);
    })
    .join('\n');
  pspp(savDir, syntax);
  return savDir;
}

async function runBoth(csvDir: string) {
  const csvTables = (await runOnFolder(csvDir)).internal;
  const savDir = toSav(csvDir);
  const files = readdirSync(savDir).filter((f) => /\.z?sav$/.test(f));
  expect(files.length).toBe(readdirSync(csvDir).filter((f) => f.endsWith('.csv')).length);
  expect(files.some((f) => f.endsWith('.zsav'))).toBe(true);
  // the conversion really produced typed variables: numeric keys somewhere, string keys elsewhere, SPSS dates, numeric codes
  const metas = await Promise.all(files.map((f) => readSavMetadata(join(savDir, f))));
  const types = (name: string) =>
    new Set(metas.flatMap((m) => m.variables.filter((v) => v.name === name).map((v) => v.type)));
  expect(types('RINPERSOON')).toEqual(new Set(['numeric', 'string']));
  expect(types('SRGDATUMAANVANG')).toEqual(new Set(['date']));
  expect(types('SRGVOORZIENING')).toEqual(new Set(['numeric']));
  expect(new Set(metas.map((m) => m.compression))).toEqual(new Set(['none', 'bytecode', 'zlib']));
  const { runPipelineWithSav } = await import('../support/runOnFolder.js');
  const savTables = (await runPipelineWithSav(savDir, savLoader)).internal;
  return { csvTables, savTables };
}

describe.skipIf(!tool('pspp'))('.sav written by PSPP = CSV', () => {
  it('golden fixture: identical internal tables', async () => {
    const { csvTables, savTables } = await runBoth(writeFolder(GOLDEN_FILES));
    expect(savTables).toEqual(csvTables);
  });

  it('a synthetic population: identical internal tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-syn-'));
    const db = await openDatabase({ memoryLimit: '1GB', threads: 2 });
    try {
      await generateSynthetic(db.connection, { outDir: dir, scale: 0.002, seed: 7, format: 'csv' });
    } finally {
      db.close();
    }
    const { csvTables, savTables } = await runBoth(dir);
    expect(csvTables!.tables['3.0']!.cells[0]![0]).toBeGreaterThan(50);
    expect(savTables).toEqual(csvTables);
    writeFileSync(join(dir, 'done'), '');
  });
});
