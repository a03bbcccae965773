import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../bin/loadRunConfig.js';
import { ConfigError } from '../../core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-runconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/loadRunConfig', () => {
  it('no options: the default config', () => {
    const c = loadRunConfig({});
    expect(c.period).toEqual({ start: '2017-01-01', end: '2022-12-31' });
    expect(c.onBadRows).toBe('error');
  });

  it('reads the config file; a missing file is a ConfigError naming it', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ language: 'en' }));
    expect(loadRunConfig({ config: file }).language).toBe('en');
    expect(() => loadRunConfig({ config: join(dir, 'nope.json') })).toThrow(ConfigError);
    expect(() => loadRunConfig({ config: join(dir, 'nope.json') })).toThrow(
      `Config file ${join(dir, 'nope.json')}: file not found`,
    );
  });

  it('--period overrides the config period', () => {
    expect(loadRunConfig({ period: '2019-01-01..2020-06-30' }).period).toEqual({
      start: '2019-01-01',
      end: '2020-06-30',
    });
    expect(loadRunConfig({ period: ' 2019-01-01..2019-01-01 ' }).period).toEqual({
      start: '2019-01-01',
      end: '2019-01-01',
    });
  });

  it('a bad --period is a ConfigError quoting it', () => {
    for (const p of [
      '2019',
      '2019-01-01-2020-01-01',
      '2020-01-01..2019-01-01',
      '2019-13-45..2020-01-01',
      '19-01-01..20-01-01',
    ]) {
      expect(() => loadRunConfig({ period: p }), p).toThrow(ConfigError);
      expect(() => loadRunConfig({ period: p }), p).toThrow(`--period "${p}"`);
    }
  });

  it('--quarantine sets onBadRows', () => {
    expect(loadRunConfig({ quarantine: true }).onBadRows).toBe('quarantine');
    expect(loadRunConfig({ quarantine: false }).onBadRows).toBe('error');
  });
});
