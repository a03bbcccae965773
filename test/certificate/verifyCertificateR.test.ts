import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certPath,
  copyFixture,
  editCertificate,
  editTables,
  reseal,
  sha256File,
} from '../support/certificateFixture.js';

/**
 * certificate/verify-certificate.R (base R only) on the hand-made fixture of docs/certificate.md: the untouched run
 * passes, its own SHA-256 agrees with node's, and each tamper fails with a line naming the cell. Locally a missing
 * Rscript skips these tests; with CI set it is an error, so CI cannot pass by skipping.
 */

const verifier = fileURLToPath(new URL('../../certificate/verify-certificate.R', import.meta.url));
const hasR = spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasR && process.env.CI) throw new Error('Rscript not found on PATH (CI needs R for the certificate verifier)');

let root: string;
let n = 0;

const copy = () => copyFixture(join(root, `copy${n++}`));

function verify(...args: string[]): { code: number | null; lines: string[]; fails: string[] } {
  const r = spawnSync('Rscript', [verifier, ...args], { encoding: 'utf8' });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, lines, fails: lines.filter((l) => l.startsWith('FAIL ')) };
}

function expectFailure(out: string): string[] {
  const r = verify(out);
  expect(r.code).toBe(1);
  expect(r.lines.at(-1)).toBe('VERDICT: FAILED');
  expect(r.fails.length).toBeGreaterThan(0);
  return r.fails;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-verify-r-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!hasR)('certificate/verify-certificate.R', () => {
  it('passes the untouched fixture', () => {
    const r = verify(copy());
    expect(r.fails).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toBe('VERDICT: PASSED');
  });

  it("computes the SHA-256 that node's crypto does, for every byte value and the padding edge lengths", () => {
    for (const length of [0, 55, 56, 64, 256, 1000]) {
      const file = join(root, `bytes${length}`);
      writeFileSync(file, Buffer.from(Array.from({ length }, (_, k) => k % 256)));
      const r = verify('--sha256', file);
      expect(r.code).toBe(0);
      expect(r.lines).toEqual([sha256File(file)]);
    }
  });

  it('fails a witness count changed by one, naming the requirement and the cell it no longer reproduces', () => {
    const out = copy();
    editCertificate(out, (c) => {
      c.requirements[0]!.witnesses.hi![0]![1] += 1;
    });
    reseal(out);
    const fails = expectFailure(out);
    expect(fails).toContain('FAIL witness hi of T / a / x: cell T / a / total is 16, published 15');
    expect(fails.every((l) => l.startsWith('FAIL witness hi of T / a / x: '))).toBe(true);
  });

  it('fails a published value changed in export/tables.json, naming the cell', () => {
    const out = copy();
    editTables(out, (t) => {
      t.tables['T']!.cells[0]![2] = 16;
    });
    const fails = expectFailure(out);
    expect(fails.some((l) => l.includes('SHA-256 differs'))).toBe(true);
    expect(fails.some((l) => l.includes('T / a / total') && l.includes('16'))).toBe(true);
  });

  it("fails an atom dropped from a cell's atom list, naming that cell", () => {
    const out = copy();
    editCertificate(out, (c) => {
      const cell = c.cells.find((x) => x.table === 'T' && x.row === 'a' && x.column === 'total')!;
      cell.atoms = cell.atoms.filter((a) => a !== 0);
    });
    reseal(out);
    const fails = expectFailure(out);
    expect(fails).toContain('FAIL true counts of T / a / total: the atoms sum to 12, published 15');
    expect(fails.some((l) => l.startsWith('FAIL certificate hash'))).toBe(false);
  });

  it('fails a witness removed (null), naming the side and the cell', () => {
    const out = copy();
    editCertificate(out, (c) => {
      c.requirements[0]!.witnesses.lo = null;
    });
    reseal(out);
    expect(expectFailure(out)).toEqual(['FAIL witness lo of T / a / x: no witness']);
  });

  it('fails a shown count below the threshold, naming the cell, when all else is consistent', () => {
    const out = copy();
    editTables(out, (t) => {
      t.tables['T']!.cells[0]![0] = 3;
    });
    editCertificate(out, (c) => {
      c.cells.find((x) => x.table === 'T' && x.row === 'a' && x.column === 'x')!.published = 3;
      c.requirements = [];
    });
    reseal(out);
    expect(expectFailure(out)).toEqual(['FAIL unsafe shown count of T / a / x: 3']);
  });

  it('fails when export/README.txt states another certificate hash', () => {
    const out = copy();
    const readme = readFileSync(join(out, 'export', 'README.txt'), 'utf8');
    writeFileSync(
      join(out, 'export', 'README.txt'),
      readme.replace(/(SHA-256: [0-9a-f]{63})([0-9a-f])/, (_, a, b) => a + (b === '0' ? '1' : '0')),
    );
    const fails = expectFailure(out);
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatch(/^FAIL certificate hash: export\/README\.txt states [0-9a-f]{64}, the file has /);
  });

  it('exits 2 on a malformed certificate or another format', () => {
    const out = copy();
    const text = readFileSync(certPath(out), 'utf8');
    writeFileSync(certPath(out), text.slice(0, text.length - 10));
    const r = verify(out);
    expect(r.code).toBe(2);
    expect(r.lines.at(-1)).toBe('VERDICT: FAILED');
    writeFileSync(certPath(out), text.replace('multigebruik-certificate/1', 'multigebruik-certificate/2'));
    expect(verify(out).code).toBe(2);
  });
});
