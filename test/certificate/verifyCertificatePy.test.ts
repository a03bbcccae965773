import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  certPath,
  readCert,
  readTables,
  reseal,
  tablesPath,
  writeJson,
} from '../support/certificateFixture.js';

/**
 * certificate/verify-certificate.py, the independent verifier of docs/certificate.md: the hand-made fixture run passes,
 * and each tamper of a copy fails with exit 1 and a FAIL line naming the cell concerned.
 */

const SCRIPT = join(import.meta.dirname, '..', '..', 'certificate', 'verify-certificate.py');

let root: string;
let n = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-verifycert-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const copy = () => copyFixture(join(root, `copy${n++}`));

function verify(out: string): { status: number | null; lines: string[]; fails: string[] } {
  const r = spawnSync('python3', [SCRIPT, out], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, lines, fails: lines.filter((l) => l.startsWith('FAIL ')) };
}

function expectFailed(r: ReturnType<typeof verify>): void {
  expect(r.status).toBe(1);
  expect(r.lines.at(-1)).toBe('VERDICT: FAILED');
}

describe('certificate/verify-certificate.py', () => {
  it('passes the untouched fixture', () => {
    const r = verify(copy());
    expect(r.fails).toEqual([]);
    expect(r.lines.at(-1)).toBe('VERDICT: PASSED');
    expect(r.status).toBe(0);
  });

  it('fails a witness count changed by one, naming the requirement cell', () => {
    const out = copy();
    const cert = readCert(out);
    cert.requirements[0]!.witnesses.lo![0]![1] += 1; // atom 0: 2 -> 3, so T / a / total becomes 16
    writeJson(certPath(out), cert);
    reseal(out);
    const r = verify(out);
    expectFailed(r);
    expect(r.fails).toContain('FAIL witness lo of T / a / x: cell T / a / total is 16, published 15');
    expect(r.fails.every((l) => l.startsWith('FAIL witness lo of T / a / x'))).toBe(true);
  });

  it('fails a published value changed in tables.json: the hash and the value both', () => {
    const out = copy();
    const tables = readTables(out);
    tables.tables['T']!.cells[0]![2] = 16; // T / a / total: 15 -> 16; the certificate is left alone
    writeJson(tablesPath(out), tables);
    const r = verify(out);
    expectFailed(r);
    expect(r.fails.some((l) => l.startsWith('FAIL tables hash'))).toBe(true);
    expect(r.fails).toContain('FAIL tables value of T / a / total: shows 16, certificate has 15');
  });

  it('fails an atom dropped from a cell, naming that cell', () => {
    const out = copy();
    const cert = readCert(out);
    const cell = cert.cells.find((c) => c.row === 'a' && c.column === 'total')!;
    cell.atoms = [1]; // was [0, 1]
    writeJson(certPath(out), cert);
    reseal(out);
    const r = verify(out);
    expectFailed(r);
    expect(r.fails).toContain('FAIL true counts of T / a / total: sum of atoms is 12, published 15');
    expect(r.fails.some((l) => l.startsWith('FAIL certificate hash'))).toBe(false);
  });

  it('fails a witness set to null, naming the cell and the side', () => {
    const out = copy();
    const cert = readCert(out);
    cert.requirements[0]!.witnesses.hi = null;
    writeJson(certPath(out), cert);
    reseal(out);
    const r = verify(out);
    expectFailed(r);
    expect(r.fails).toEqual(['FAIL witness hi of T / a / x: no witness']);
  });

  it('fails a shown count of 5, with everything else consistent', () => {
    const out = copy();
    // T / total / x = atoms 0 + 2 shown as 5: atom 2 becomes 2, atom 3 takes up the rest of row b (25) and column y.
    const cert = readCert(out);
    cert.atoms = [3, 12, 2, 23];
    const published: Record<string, number> = { 'total/x': 5, 'total/y': 35 };
    for (const c of cert.cells) c.published = published[`${c.row}/${c.column}`] ?? c.published;
    const ax = cert.requirements[0]!;
    ax.witnesses = {
      lo: [
        [0, 2],
        [1, 13],
        [2, 3],
        [3, 22],
      ],
      hi: [
        [0, 4],
        [1, 11],
        [2, 1],
        [3, 24],
      ],
    };
    // T / b / x (true count 2) is now unsafe and suppressed: it needs its own requirement, bounds [1, 3].
    cert.requirements.push({
      ...ax,
      row: 'b',
      value: 2,
      bounds: [1, 3],
      witnesses: { lo: ax.witnesses.hi, hi: ax.witnesses.lo },
    });
    writeJson(certPath(out), cert);
    const tables = readTables(out);
    tables.tables['T']!.cells[2] = [5, 35, 40];
    writeJson(tablesPath(out), tables);
    reseal(out);
    const r = verify(out);
    expectFailed(r);
    expect(r.fails).toEqual(['FAIL unsafe shown value: T / total / x shows 5 (threshold 10)']);
  });

  it('fails a certificate hash in README.txt that is not the certificate’s', () => {
    const out = copy();
    const readme = readFileSync(join(out, 'export', 'README.txt'), 'utf8');
    writeFileSync(
      join(out, 'export', 'README.txt'),
      readme.replace(/SHA-256: [0-9a-f]{64}/, `SHA-256: ${'0'.repeat(64)}`),
    );
    const r = verify(out);
    expectFailed(r);
    expect(r.fails).toEqual([
      'FAIL certificate hash: internal/certificate.json is not the file export/README.txt states (SHA-256 differs)',
    ]);
  });

  it('exits 2 on a certificate of another format', () => {
    const out = copy();
    writeJson(certPath(out), { ...readCert(out), format: 'multigebruik-certificate/2' });
    const r = verify(out);
    expect(r.status).toBe(2);
  });
});
