import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { loadRunConfig } from '../../bin/loadRunConfig.js';
import { parseConfig } from '../../schemas/loadConfig.js';
import { JsonDuplicateKeyError, parseStrictJson } from '../../schemas/strictJson.js';

/** Config faults: each is a ConfigError (exit 1) naming the file and the field or line, never exit 2 or a silent change. */

const fails = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

const file = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'mg-cfg-')), 'cfg.json');
  writeFileSync(p, text);
  return p;
};

describe('strict JSON', () => {
  it('reports a key twice in one object, with its path and line', () => {
    expect(() => parseStrictJson('{\n "codes": {\n  "srg": {"31": "vervoer",\n "31": "overig"}}}')).toThrow(
      JsonDuplicateKeyError,
    );
    try {
      parseStrictJson('{\n "codes": {\n  "srg": {"31": "vervoer",\n "31": "overig"}}}');
    } catch (e) {
      expect([(e as JsonDuplicateKeyError).path, (e as JsonDuplicateKeyError).line]).toEqual(['codes.srg.31', 4]);
    }
  });
  it('reads what JSON.parse reads', () => {
    const samples = ['{"a":[1,2.5,-3e2,true,false,null,"x\\u00e9\\n"],"b":{}}', '[]', '"s"', '0', '{"__proto__": 1}'];
    for (const s of samples) expect(parseStrictJson(s)).toEqual(JSON.parse(s));
  });
  it('refuses what JSON.parse refuses', () => {
    for (const s of ['{"a":1,}', '[1 2]', '{a:1}', '01', '"\t"', '{"a":1} x', ''])
      expect(() => parseStrictJson(s)).toThrow();
  });
});

describe('config file', () => {
  it('a duplicate code in a code map is refused (18 cells would change silently)', () => {
    const msg = fails(() => parseConfig('{"codes": {"srg": {"31": "vervoer", "31": "overig"}}}', 'cfg.json'));
    expect(msg).toMatch(/cfg\.json, line 1: key "codes\.srg\.31" appears twice/);
  });
  it('a UTF-8 BOM is accepted', () => {
    expect(parseConfig('\uFEFF{"language": "en"}', 'cfg.json').language).toBe('en');
    expect(loadRunConfig({ config: file('\uFEFF{"language": "en"}') }).language).toBe('en');
  });
  it('a config path that is a folder', () => {
    expect(fails(() => loadRunConfig({ config: mkdtempSync(join(tmpdir(), 'mg-cfgdir-')) }))).toMatch(
      /is a folder, not a file/,
    );
  });
  it('backgroundPeriod 2017-02-30 is no date, and the message shows the value found', () => {
    expect(
      fails(() => parseConfig('{"backgroundPeriod": {"start": "2017-02-30", "end": "2018-12-31"}}', 'cfg.json')),
    ).toBe(
      'Config file cfg.json, field backgroundPeriod.start: not a real date (YYYY-MM-DD); the file has "2017-02-30"',
    );
    expect(fails(() => parseConfig('{"period": {"start": "2017-01-01", "end": "31-12-2021"}}', 'cfg.json'))).toMatch(
      /field period\.end: expected a date YYYY-MM-DD; the file has "31-12-2021"/,
    );
  });
  it('a period outside the supported years', () => {
    expect(fails(() => parseConfig('{"period": {"start": "1970-01-01", "end": "2018-12-31"}}', 'cfg.json'))).toMatch(
      /field period\.start: a period must lie within 1980-01-01\.\.2099-12-31/,
    );
  });
  it('duckdb.threads 100000 is refused at load (not an abort later)', () => {
    expect(fails(() => parseConfig('{"duckdb": {"threads": 100000}}', 'cfg.json'))).toMatch(/field duckdb\.threads/);
  });
  it('a value column mapped to the key column is refused (keys would reach messages and quarantine.csv)', () => {
    const msg = fails(() =>
      parseConfig(
        '{"sources": {"srg": {"prefix": "PWETSRG", "columns": {"rinpersoons": "RINPERSOONS", "rinpersoon": "RINPERSOON", "code": "rinpersoon", "begin": "B", "end": "E"}}}}',
        'cfg.json',
      ),
    );
    expect(msg).toMatch(/field sources\.srg\.columns\.code: column "rinpersoon" is a key column/);
    expect(
      fails(() =>
        parseConfig(
          '{"sources": {"education": {"prefix": "HOOGSTEOPL", "columns": {"rinpersoons": "RINPERSOONS", "rinpersoon": "RINPERSOON", "level": ["X", "RINPERSOONS"]}}}}',
          'cfg.json',
        ),
      ),
    ).toMatch(/columns\.level/);
  });
});

describe('--period', () => {
  it('an impossible day is named as such (not blamed on an input file)', () => {
    expect(fails(() => loadRunConfig({ period: '2017-02-30..2018-12-31' }))).toMatch(
      /2017-02-30 has day 30, which month 02 does not have/,
    );
  });
  it('outside 1980–2099 is refused at load (validate and run agree)', () => {
    expect(fails(() => loadRunConfig({ period: '1970-01-01..1975-12-31' }))).toMatch(/within 1980-01-01\.\.2099-12-31/);
    expect(fails(() => loadRunConfig({ period: '2017-01-01..2100-01-01' }))).toMatch(/within/);
    expect(loadRunConfig({ period: '2018-01-01..2019-12-31' }).period).toEqual({
      start: '2018-01-01',
      end: '2019-12-31',
    });
  });
});
