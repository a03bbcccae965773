import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { openDatabase } from '../../core/openDatabase.js';
import { generateSynthetic } from '../../synthetic/generateSynthetic.js';
import { mulberry32 } from '../../synthetic/mulberry32.js';
import { readSav } from '../../sav/readSav.js';
import { type Corruption, corruptBinary, corruptCsv } from '../support/corrupt.js';
import { folderHashes, runInProcess, sqlString } from '../support/faults.js';

/**
 * Seeded fuzz: corrupt one input file at a time (CSV, Parquet, .sav; truncate, flip bytes, splice) and run the real
 * stages in-process. Every outcome must be
 *   - success with tables equal to the clean run (the corruption did not touch what is counted), or
 *   - bad input (exit 1) whose message names the corrupted file, or
 *   - for the binary formats only, which carry no checksum: success with exactly the tables of what the format's own
 *     reader decodes from the corrupted file (a corruption that is itself a valid file), the same numbers as the
 *     decoded values written as a clean CSV.
 * Never an internal error (exit 2), a crash or a hang. CASES per format; 3 × 110 = 330 corrupted files.
 */

const CASES = Number(process.env.MG_FUZZ_CASES ?? 110);
const SEED = Number(process.env.MG_FUZZ_SEED ?? 20261202);
const root = mkdtempSync(join(tmpdir(), 'mg-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Format = 'csv' | 'parquet' | 'sav';
const clean: Record<string, { dir: string; tables: string; hashes: Record<string, string> }> = {};

beforeAll(async () => {
  const db = await openDatabase({ memoryLimit: '1GB', threads: 1 });
  try {
    for (const format of ['csv', 'parquet', 'sav'] as const) {
      const dir = join(root, `clean-${format}`);
      await generateSynthetic(db.connection, { outDir: dir, scale: 0.00002, seed: 5, format });
      // a few hundred rows per source; two yearly files each of WMOBUS and HOOGSTEOPLTAB (fewer files, faster cases)
      for (const f of readdirSync(dir))
        if (/^(WMO(2015|2016|2017|2018|2020|2021|2022|2023)|HOOGSTEOPL(2016|2018|2021|2022))/.test(f))
          rmSync(join(dir, f));
      clean[format] = { dir, tables: JSON.stringify((await runInProcess(dir)).internal), hashes: folderHashes(dir) };
    }
  } finally {
    db.close();
  }
}, 600_000);

/** What the format's own reader decodes from `file`, written as a CSV of the same stem into `dir`. */
async function decodeToCsv(format: Format, file: string, dir: string): Promise<void> {
  const db = await openDatabase({ memoryLimit: '512MB', threads: 1 });
  try {
    const csv = join(dir, `${basename(file).replace(/\.[^.]+$/, '')}.csv`);
    let source = `read_parquet(${sqlString(file)})`;
    if (format === 'sav') {
      await readSav(db.connection, file, 'decoded');
      source = 'decoded';
    }
    await db.connection.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`);
  } finally {
    db.close();
  }
}

async function outcome(dir: string): Promise<{ tables?: string; error?: unknown }> {
  try {
    return { tables: JSON.stringify((await runInProcess(dir)).internal) };
  } catch (error) {
    return { error };
  }
}

/** A folder with the clean files linked in and `name` replaced by the corrupted bytes. */
function corruptedFolder(format: Format, i: number, name: string, c: Corruption): string {
  const dir = join(root, `${format}-${i}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(clean[format]!.dir))
    if (f !== name) symlinkSync(join(clean[format]!.dir, f), join(dir, f));
  writeFileSync(join(dir, name), c.bytes);
  return dir;
}
describe.each(['csv', 'parquet', 'sav'] as const)('fuzz: corrupted %s inputs', (format) => {
  it(`${CASES} corrupted files: unchanged tables, or exit 1 naming the file${format === 'csv' ? '' : ', or the decoded values'}; never exit 2`, async () => {
    const rng = mulberry32(SEED ^ (format === 'csv' ? 0x11 : format === 'parquet' ? 0x22 : 0x33));
    const names = readdirSync(clean[format]!.dir).sort();
    const tally: Record<string, number> = {};
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      const name = names[Math.floor(rng() * names.length)]!;
      const src = readFileSync(join(clean[format]!.dir, name));
      const c = format === 'csv' ? corruptCsv(src, rng) : corruptBinary(src, rng);
      const dir = corruptedFolder(format, i, name, c);
      const r = await outcome(dir);
      const where = `case ${i} (${c.kind} of ${name}, seed ${SEED})`;
      let verdict: string;
      if (r.error !== undefined) {
        if (!(r.error instanceof InputError))
          throw new Error(`${where}: not bad input but ${String((r.error as Error)?.stack ?? r.error)}`);
        const text = [r.error.message, ...r.error.details].join('\n');
        if (!text.includes(name)) throw new Error(`${where}: bad input that does not name the file: ${text}`);
        expect(text).not.toMatch(/\b\d{9}\b/);
        verdict = 'refused';
      } else if (r.tables === clean[format]!.tables) verdict = 'unchanged';
      else {
        if (format === 'csv') throw new Error(`${where}: silently different tables`);
        const ref = join(root, `${format}-${i}-decoded`);
        mkdirSync(ref, { recursive: true });
        for (const f of names) if (f !== name) symlinkSync(join(clean[format]!.dir, f), join(ref, f));
        await decodeToCsv(format, join(dir, name), ref);
        const expected = await outcome(ref);
        if (expected.tables !== r.tables)
          throw new Error(`${where}: tables differ from both the clean run and the decoded file`);
        verdict = 'valid edit';
      }
      tally[`${c.kind}: ${verdict}`] = (tally[`${c.kind}: ${verdict}`] ?? 0) + 1;
      rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(
      `fuzz ${format}: ${CASES} cases over ${names.length} files in ${Math.round((performance.now() - started) / 1000)} s: ${JSON.stringify(tally)}\n`,
    );
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(CASES);
    // the corruptions bite: most are noticed
    expect(
      Object.entries(tally)
        .filter(([k]) => k.endsWith('refused'))
        .reduce((a, [, n]) => a + n, 0),
    ).toBeGreaterThan(CASES / 4);
    expect(folderHashes(clean[format]!.dir)).toEqual(clean[format]!.hashes);
  }, 1_200_000);
});
