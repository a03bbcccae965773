/**
 * Shared helpers for the SPSS reader/writer tests: external tools (PSPP, ReadStat) and a known data set that
 * PSPP writes in every compression and two encodings.
 *
 * The tools come from the Debian packages `pspp` and `readstat`. Locally a missing tool skips the tests that need
 * it; with CI set a missing tool is an error, so CI can never pass by skipping.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export function tool(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  const ok = r.status === 0 || (r.error === undefined && r.status !== null);
  if (!ok && process.env.CI) throw new Error(`${cmd} not found on PATH (CI needs the apt packages pspp and readstat)`);
  return ok;
}

export function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || /\berror:/i.test(out))
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${out}`);
  return out;
}

/** Run PSPP syntax in `dir`. */
export function pspp(dir: string, syntax: string): string {
  const f = join(dir, `job${Math.random().toString(36).slice(2)}.sps`);
  writeFileSync(f, syntax, 'utf8');
  return run('pspp', ['-b', f], dir);
}

export async function memoryDb(): Promise<{ conn: DuckDBConnection; close(): void }> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await inst.connect();
  return {
    conn,
    close() {
      conn.closeSync();
      inst.closeSync();
    },
  };
}

export async function tableRows(conn: DuckDBConnection, table: string): Promise<Record<string, unknown>[]> {
  const r = await conn.runAndReadAll(`SELECT * FROM "${table}" ORDER BY rowid`);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

const LONG1 = `${'x'.repeat(280)}é`;
const LONG3 = `${'y'.repeat(255)}${'z'.repeat(45)}`;

/**
 * The known data: [PSPP input fields], and the expected table rows after readSav.
 * Columns: string keys with leading zeros, numeric keys, SPSS dates and datetimes, codes as text and number,
 * discrete and range user-missing values, string user-missing values, non-ASCII text, a very long string (300),
 * a long variable name, fractions.
 */
const KNOWN_VARIABLES =
  'RINPERSOONS (A1) RINPERSOON (A9) NUMKEY (F9.0) GEBDAT (DATE11) TS (DATETIME20) CODE_S (A2) CODE_N (F3.0) ' +
  'RANGE_N (F5.1) STRMIS (A4) NAAM (A20) LANG (A300) OPLNIVSOI2021AGG4HBmetNIRWO (A4) FRAC (F12.4)';

const KNOWN_INPUT: string[][] = [
  [
    'R',
    '089711863',
    '89711863',
    '15-MAR-1980',
    '15-MAR-1980 13:45:10',
    '01',
    '1',
    '2.5',
    '----',
    'café',
    LONG1,
    '2111',
    '3.14159',
  ],
  ['R', '000000001', '1', '01-JAN-1900', '', '1', '30', '95', '9999', 'Zoë', 'kort', '', '-10000000000'],
  ['', '123456789', '', '', '', '', '99', '-1', 'abc', 'Ærø', LONG3, '----', '.5'],
  [
    'R',
    '999999999',
    '999999999',
    '29-FEB-2000',
    '01-JAN-1970 00:00:00',
    '30',
    '98',
    '89.9',
    '',
    '',
    '',
    '3213',
    '-.25',
  ],
];

export const KNOWN_EXPECTED: Record<string, unknown>[] = [
  {
    RINPERSOONS: 'R',
    RINPERSOON: '089711863',
    NUMKEY: 89711863,
    GEBDAT: '1980-03-15',
    TS: '1980-03-15 13:45:10',
    CODE_S: '01',
    CODE_N: 1,
    RANGE_N: 2.5,
    STRMIS: '----',
    NAAM: 'café',
    LANG: LONG1,
    OPLNIVSOI2021AGG4HBmetNIRWO: '2111',
    FRAC: 3.14159,
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '000000001',
    NUMKEY: 1,
    GEBDAT: '1900-01-01',
    TS: null,
    CODE_S: '1',
    CODE_N: 30,
    RANGE_N: 95,
    STRMIS: '9999',
    NAAM: 'Zoë',
    LANG: 'kort',
    OPLNIVSOI2021AGG4HBmetNIRWO: '',
    FRAC: -10000000000,
  },
  {
    RINPERSOONS: '',
    RINPERSOON: '123456789',
    NUMKEY: null,
    GEBDAT: null,
    TS: null,
    CODE_S: '',
    CODE_N: 99,
    RANGE_N: -1,
    STRMIS: 'abc',
    NAAM: 'Ærø',
    LANG: LONG3,
    OPLNIVSOI2021AGG4HBmetNIRWO: '----',
    FRAC: 0.5,
  },
  {
    RINPERSOONS: 'R',
    RINPERSOON: '999999999',
    NUMKEY: 999999999,
    GEBDAT: '2000-02-29',
    TS: '1970-01-01 00:00:00',
    CODE_S: '30',
    CODE_N: 98,
    RANGE_N: 89.9,
    STRMIS: '',
    NAAM: '',
    LANG: '',
    OPLNIVSOI2021AGG4HBmetNIRWO: '3213',
    FRAC: -0.25,
  },
];

/** PSPP syntax that writes the known data to `outputs` (file name → SAVE subcommand like /COMPRESSED). */
export function knownSyntax(locale: 'windows-1252' | 'UTF-8', outputs: Record<string, string>): string {
  // Comma-delimited, unquoted (no value holds a comma); an empty field is an empty string or system-missing.
  const lines = KNOWN_INPUT.map((r) => r.join(','));
  return [
    `SET LOCALE='${locale}'.`,
    `DATA LIST LIST (",") /${KNOWN_VARIABLES}.`,
    'BEGIN DATA',
    ...lines,
    'END DATA.',
    "VARIABLE LABELS RINPERSOON 'Persoonsnummer é' /CODE_N 'Code als getal'.",
    "VALUE LABELS CODE_N 1 'een' 30 'dertig' /CODE_S '01' 'één' '30' 'dertig'.",
    'MISSING VALUES CODE_N (99, 98) /RANGE_N (90 THRU 99, -1).',
    "MISSING VALUES STRMIS ('----', '9999').",
    ...Object.entries(outputs).map(([file, sub]) => `SAVE OUTFILE='${file}' ${sub}.`),
    '',
  ].join('\n');
}
