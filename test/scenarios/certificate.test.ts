import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRun } from '../../audit/auditRun.js';
import { cli } from '../support/cli.js';

/**
 * `run --certificate` end to end (docs/certificate.md): the run writes internal/certificate.json with the two
 * verifiers beside it, the notes state its SHA-256, and both verifiers — run as a checker would, from internal/ —
 * pass on it and fail on a changed witness.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let root: string;
let out: string;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function verify(lang: 'py' | 'R', dir: string) {
  const script = join(dir, 'internal', `verify-certificate.${lang}`);
  const r =
    lang === 'py'
      ? spawnSync('python3', [script, dir], { encoding: 'utf8' })
      : spawnSync('Rscript', [script, dir], { encoding: 'utf8' });
  return { code: r.status, lines: `${r.stdout}`.trim().split('\n'), stderr: r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-certificate-'));
  const input = join(root, 'input');
  out = join(root, 'out');
  expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '4']).code).toBe(0);
  const r = cli(['run', '--input', input, '--out', out, '--certificate']);
  expect(r.code, r.stderr).toBe(0);
}, 300_000);

describe('run --certificate', () => {
  it('writes the certificate and the verifiers, and the notes state its hash and its witnesses', () => {
    const cert = join(out, 'internal', 'certificate.json');
    expect(existsSync(cert)).toBe(true);
    for (const name of ['verify-certificate.py', 'verify-certificate.R'])
      expect(readFileSync(join(out, 'internal', name), 'utf8')).toBe(
        readFileSync(join(ROOT, 'certificate', name), 'utf8'),
      );
    for (const note of ['README.txt', 'LEESMIJ.txt']) {
      const text = readFileSync(join(out, 'export', note), 'utf8');
      expect(text).toContain(`certificate.json SHA-256: ${sha(cert)}`);
    }
    expect(readFileSync(join(out, 'internal', 'audit.html'), 'utf8')).toContain(
      `certificate.json SHA-256: ${sha(cert)}`,
    );
    const c = JSON.parse(readFileSync(cert, 'utf8')) as {
      exports: { tablesSha256: string }[];
      requirements: { witnesses: { lo: unknown; hi: unknown } }[];
    };
    expect(c.exports[0]!.tablesSha256).toBe(sha(join(out, 'export', 'tables.json')));
    const sides = c.requirements.length * 2;
    expect(sides).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'export', 'README.txt'), 'utf8')).toContain(`- Witnesses: all ${sides} sides.`);
  });

  it('both verifiers pass on it', () => {
    for (const lang of ['py', 'R'] as const) {
      const r = verify(lang, out);
      expect(r.code, `${lang}: ${r.lines.join('\n')}\n${r.stderr}`).toBe(0);
      expect(r.lines.at(-1)).toBe('VERDICT: PASSED');
    }
  }, 120_000);

  it('the audit still passes (the certificate is in internal/, the notes describe it)', async () => {
    const report = await auditRun(out);
    expect(report.ok, report.lines.join('\n')).toBe(true);
  }, 120_000);

  it('both verifiers fail, naming the cell, when a witness count is changed by one', () => {
    const copy = join(root, 'tampered');
    cpSync(out, copy, { recursive: true });
    const path = join(copy, 'internal', 'certificate.json');
    const text = readFileSync(path, 'utf8');
    const c = JSON.parse(text) as {
      requirements: { table: string; row: string; column: string; witnesses: { lo: [number, number][] } }[];
    };
    const r = c.requirements.find((x) => x.witnesses.lo.length > 0)!;
    r.witnesses.lo[0]![1] += 1;
    writeFileSync(path, JSON.stringify(c));
    const cell = `${r.table} / ${r.row} / ${r.column}`;
    for (const lang of ['py', 'R'] as const) {
      const v = verify(lang, copy);
      expect(v.code, v.lines.join('\n')).toBe(1);
      expect(v.lines.some((l) => l.startsWith(`FAIL witness lo of ${cell}`))).toBe(true);
      expect(v.lines.at(-1)).toBe('VERDICT: FAILED');
    }
  }, 120_000);

  it('both verifiers pass for a run with --previous (differencing requirements) and one with the user table of examples/', () => {
    const input = join(root, 'input');
    const earlier = join(root, 'earlier');
    expect(cli(['run', '--input', input, '--out', earlier, '--period', '2017-01-01..2021-12-31']).code).toBe(0);
    const later = join(root, 'later');
    const r = cli(['run', '--input', input, '--out', later, '--previous', earlier, '--certificate']);
    expect(r.code, r.stderr).toBe(0);
    const reasons = (
      JSON.parse(readFileSync(join(later, 'internal', 'certificate.json'), 'utf8')) as {
        requirements: { reason: string }[];
      }
    ).requirements.map((q) => q.reason);
    expect(reasons).toContain('differencing');
    const user = join(root, 'user');
    const config = join(ROOT, 'examples', 'pwet-wmo-by-gender.json');
    expect(cli(['run', '--input', input, '--out', user, '--config', config, '--certificate']).code).toBe(0);
    for (const dir of [later, user])
      for (const lang of ['py', 'R'] as const) {
        const v = verify(lang, dir);
        expect(v.code, `${dir} ${lang}: ${v.lines.join('\n')}`).toBe(0);
      }
  }, 300_000);

  it('is the same bytes when the run is repeated (node limits, not time limits, bound the search)', () => {
    const again = join(root, 'again');
    expect(cli(['run', '--input', join(root, 'input'), '--out', again, '--certificate']).code).toBe(0);
    expect(readFileSync(join(again, 'internal', 'certificate.json'))).toEqual(
      readFileSync(join(out, 'internal', 'certificate.json')),
    );
  }, 300_000);

  it('a run without --certificate has none and the notes say nothing of one', () => {
    const input = join(root, 'input');
    const plain = join(root, 'plain');
    expect(cli(['run', '--input', input, '--out', plain]).code).toBe(0);
    expect(existsSync(join(plain, 'internal', 'certificate.json'))).toBe(false);
    expect(existsSync(join(plain, 'internal', 'verify-certificate.py'))).toBe(false);
    expect(readFileSync(join(plain, 'export', 'README.txt'), 'utf8')).not.toContain('certificate.json');
  }, 300_000);
});

describe('audit with a certificate', () => {
  it('fails when the certificate is not the one the notes state, describes another tables.json, or is missing', async () => {
    const changed = join(root, 'audit-changed');
    cpSync(out, changed, { recursive: true });
    const path = join(changed, 'internal', 'certificate.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"atoms":[', '"atoms":[ '));
    const a = await auditRun(changed);
    expect(a.ok).toBe(false);
    // README.txt, LEESMIJ.txt and internal/audit.html
    expect(a.lines.filter((l) => l.includes('the SHA-256 internal/certificate.json has')).length).toBe(3);

    const other = join(root, 'audit-other-tables');
    cpSync(out, other, { recursive: true });
    const c = JSON.parse(readFileSync(join(other, 'internal', 'certificate.json'), 'utf8')) as {
      exports: { tablesSha256: string }[];
    };
    c.exports[0]!.tablesSha256 = '0'.repeat(64);
    writeFileSync(join(other, 'internal', 'certificate.json'), JSON.stringify(c));
    const b = await auditRun(other);
    expect(b.lines.some((l) => l.includes('describes another export/tables.json'))).toBe(true);

    const missing = join(root, 'audit-missing');
    cpSync(out, missing, { recursive: true });
    rmSync(join(missing, 'internal', 'certificate.json'));
    const m = await auditRun(missing);
    expect(m.ok).toBe(false);
    expect(m.lines.some((l) => l.includes('states a certificate, but internal/certificate.json is missing'))).toBe(
      true,
    );
  }, 120_000);
});
