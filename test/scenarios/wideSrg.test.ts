import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { defaultConfig } from '../support/runOnFolder.js';
import { alignSrgPeriods, wideSrg } from '../support/wideSrg.js';

const SRG = 'PWETSRGVOORZIENINGTAB.csv';
let base: string;
let longIn: string;
let wideIn: string;
let wideConfig: string;
let wideCsv: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mg-widesrg-'));
  longIn = join(base, 'long');
  expect(cli(['generate', '--out', longIn, '--scale', '0.005', '--seed', '3']).code).toBe(0);
  expect(readFileSync(join(longIn, SRG), 'utf8').split('\n')[0]).toBe(
    'RINPERSOONS,RINPERSOON,SRGVOORZIENING,SRGDATUMAANVANG,SRGDATUMEINDE',
  );
  writeFileSync(join(longIn, SRG), alignSrgPeriods(readFileSync(join(longIn, SRG), 'utf8')));
  wideIn = join(base, 'wide');
  cpSync(longIn, wideIn, { recursive: true });
  const codes = Object.keys(defaultConfig().codes.srg);
  const twin = wideSrg(readFileSync(join(longIn, SRG), 'utf8'), codes);
  wideCsv = twin.csv;
  rmSync(join(wideIn, SRG));
  writeFileSync(join(wideIn, 'PWETSRGVOORZIENINGWIDE.csv'), wideCsv);
  wideConfig = join(base, 'wide.json');
  writeFileSync(wideConfig, JSON.stringify({ sources: { srg: { wide: { columns: twin.columns } } } }));
});

describe('wide SRG files', () => {
  it('give the same tables as their long twin', () => {
    const lines = wideCsv.trimEnd().split('\n');
    // a real wide file: fewer rows than the long one, several types on one row
    expect(lines.length).toBeLessThan(readFileSync(join(longIn, SRG), 'utf8').trimEnd().split('\n').length);
    expect(
      lines.slice(1).some(
        (l) =>
          l
            .split(',')
            .slice(4)
            .filter((n) => n !== '0').length >= 2,
      ),
    ).toBe(true);
    expect(cli(['run', '--input', longIn, '--out', join(base, 'out-long')]).code).toBe(0);
    const r = cli(['run', '--input', wideIn, '--out', join(base, 'out-wide'), '--config', wideConfig]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tables = (out: string) =>
      JSON.parse(readFileSync(join(base, out, 'internal', 'tables.json'), 'utf8')) as unknown;
    expect(tables('out-wide')).toEqual(tables('out-long'));
    expect(readFileSync(join(base, 'out-wide', 'export', 'tables.json'), 'utf8')).toBe(
      readFileSync(join(base, 'out-long', 'export', 'tables.json'), 'utf8'),
    );
  });

  it('a bad value on a wide row is reported with the row number of the wide file', () => {
    const lines = wideCsv.trimEnd().split('\n');
    // a data row holding two or more provision types (so two long rows come from it)
    const row = lines.findIndex(
      (l, i) =>
        i > 0 &&
        l
          .split(',')
          .slice(4)
          .filter((n) => n !== '0').length >= 2,
    );
    expect(row).toBeGreaterThan(0);
    const bad = lines.map((l, i) => {
      if (i !== row) return l;
      const f = l.split(',');
      f[2] = '2019-13-45'; // its begin date
      return f.join(',');
    });
    const dir = join(base, 'wide-bad');
    cpSync(wideIn, dir, { recursive: true });
    writeFileSync(join(dir, 'PWETSRGVOORZIENINGWIDE.csv'), `${bad.join('\n')}\n`);
    const out = join(base, 'out-bad');
    const r = cli(['run', '--input', dir, '--out', out, '--config', wideConfig]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`PWETSRGVOORZIENINGWIDE.csv, column SRGDATUMAANVANG: `);
    expect(r.stderr).toContain(`value "2019-13-45" at row ${row} (1 row with this problem)`);
    // with --quarantine the wide row is set aside once, under its own row number
    const q = join(base, 'out-bad-q');
    expect(cli(['run', '--input', dir, '--out', q, '--config', wideConfig, '--quarantine']).code).toBe(0);
    const quarantined = readFileSync(join(q, 'internal', 'quarantine.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1);
    expect(quarantined).toEqual([`PWETSRGVOORZIENINGWIDE.csv,${row},SRGDATUMAANVANG,unparseable date,2019-13-45`]);
  });

  it('a missing count column is named with its config field', () => {
    const cfg = join(base, 'wide-extra.json');
    const columns = {
      ...(
        JSON.parse(readFileSync(wideConfig, 'utf8')) as {
          sources: { srg: { wide: { columns: Record<string, string> } } };
        }
      ).sources.srg.wide.columns,
      SRG_77: '77',
    };
    writeFileSync(cfg, JSON.stringify({ sources: { srg: { wide: { columns } } } }));
    const r = cli(['validate', '--input', wideIn, '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('column "SRG_77" (config field sources.srg.wide.columns.SRG_77) not found');
  });
});
