import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * The hand-made run folder of docs/certificate.md (fixtures/certificate/small) for the tests of the two verifiers:
 * copies, the files of a copy, edits, and the hashes put right after an edit so that only the intended check fires.
 */

const CERTIFICATE_FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'certificate', 'small');

type Pairs = [number, number][];
export interface Certificate {
  exports: { tables: string; tablesSha256: string }[];
  atoms: number[];
  cells: { table: string; row: string; column: string; atoms: number[]; published: number | null }[];
  requirements: {
    table: string;
    row: string;
    column: string;
    value: number;
    reason: string;
    bounds: [number, number];
    witnesses: { lo: Pairs | null; hi: Pairs | null };
  }[];
}
export interface Tables {
  tables: Record<string, { cells: (number | string | null)[][] }>;
}

/** A fresh copy of the fixture at `out`. */
export function copyFixture(out: string): string {
  cpSync(CERTIFICATE_FIXTURE, out, { recursive: true });
  return out;
}

export const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
export const certPath = (out: string) => join(out, 'internal', 'certificate.json');
export const tablesPath = (out: string) => join(out, 'export', 'tables.json');
const readmePath = (out: string) => join(out, 'export', 'README.txt');
export const readCert = (out: string) => JSON.parse(readFileSync(certPath(out), 'utf8')) as Certificate;
export const readTables = (out: string) => JSON.parse(readFileSync(tablesPath(out), 'utf8')) as Tables;
export const writeJson = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value));

export function editCertificate(out: string, edit: (c: Certificate) => void): void {
  const c = readCert(out);
  edit(c);
  writeJson(certPath(out), c);
}

export function editTables(out: string, edit: (t: Tables) => void): void {
  const t = readTables(out);
  edit(t);
  writeJson(tablesPath(out), t);
}

/** After edits: the certificate states the SHA-256 of each tables.json again, and README.txt that of the certificate. */
export function reseal(out: string): void {
  editCertificate(out, (c) => {
    for (const e of c.exports) e.tablesSha256 = sha256File(join(out, e.tables));
  });
  const readme = readFileSync(readmePath(out), 'utf8');
  const line = /^certificate\.json SHA-256: [0-9a-f]{64}$/m;
  expect(readme).toMatch(line);
  writeFileSync(readmePath(out), readme.replace(line, `certificate.json SHA-256: ${sha256File(certPath(out))}`));
}
