import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { defaultConfigPath, normaliseCode, parseConfig } from '../../schemas/loadConfig.js';

const configError = (text: string | undefined): ConfigError => {
  try {
    parseConfig(text, 'my.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('schemas/loadConfig', () => {
  it('no config: the bundled default, with the schema defaults filled in', () => {
    const c = parseConfig(undefined, '(default)');
    expect(c.period).toEqual({ start: '2017-01-01', end: '2022-12-31' });
    expect(c.disclosure).toEqual({ threshold: 10, zeroUnsafe: false, safetyRange: 0.3 });
    expect(c.language).toBe('nl');
    expect(c.onBadRows).toBe('error');
    expect(c.sources.gba.prefix).toBe('GBAPERSOON');
    expect(JSON.parse(readFileSync(defaultConfigPath(), 'utf8')).codes.srg['57']).toBe('vervoer');
  });

  it('a user config is merged into the default field by field', () => {
    const c = parseConfig(
      JSON.stringify({ disclosure: { threshold: 15 }, sources: { gba: { prefix: 'GBA' } } }),
      'my.json',
    );
    expect(c.disclosure).toEqual({ threshold: 15, zeroUnsafe: false, safetyRange: 0.3 });
    expect(c.sources.gba.prefix).toBe('GBA');
    expect(c.sources.gba.columns.gender).toBe('GBAGESLACHT'); // untouched sibling kept
  });

  it('code lists are replaced whole, never merged with the default list', () => {
    const c = parseConfig(JSON.stringify({ codes: { srg: { '57': 'vervoer' } } }), 'my.json');
    expect(c.codes.srg).toEqual({ '57': 'vervoer' });
    expect(Object.keys(parseConfig(undefined, 'd').codes.srg).length).toBeGreaterThan(1);
    const p = parseConfig(JSON.stringify({ codes: { tolkProducts: ['X1'] } }), 'my.json');
    expect(p.codes.tolkProducts).toEqual(['X1']);
  });

  it('not JSON, or not an object: a ConfigError naming the file', () => {
    expect(configError('{ nope').message).toMatch(/^Config file my\.json, line 1: not valid JSON/);
    expect(configError('[1, 2]').message).toBe('Config file my.json: expected a JSON object');
    expect(configError('null').message).toBe('Config file my.json: expected a JSON object');
  });

  it('schema violations name the file and the field; further issues go to details', () => {
    const e = configError(JSON.stringify({ period: { start: '2022-01-01', end: '2017-12-31' } }));
    expect(e.message).toMatch(/^Config file my\.json, field period: start must not be after end/);
    const f = configError(JSON.stringify({ disclosure: { threshold: 0, safetyRange: 2 } }));
    expect(f.message).toMatch(/^Config file my\.json, field disclosure\.(threshold|safetyRange): /);
    expect(f.details).toHaveLength(1);
    expect(configError(JSON.stringify({ unknownField: 1 })).message).toMatch(/field \(top level\)|unknownField/);
    expect(configError(JSON.stringify({ codes: { srg: { '57': 'fietsen' } } })).message).toMatch(
      /field codes\.srg\.57/,
    );
  });

  it('two spellings of one code with different targets are refused; with one target they are fine', () => {
    // (JavaScript lists the integer-like key "57" before "057")
    expect(configError(JSON.stringify({ codes: { srg: { '057': 'vervoer', '57': 'overig' } } })).message).toBe(
      'Config file my.json, field codes.srg: codes "57" and "057" are the same code but map to overig and vervoer',
    );
    expect(
      parseConfig(JSON.stringify({ codes: { srg: { '057': 'vervoer', '57': 'vervoer' } } }), 'my.json').codes.srg,
    ).toEqual({ '057': 'vervoer', '57': 'vervoer' });
  });

  it('normaliseCode: digit strings lose leading zeros and a ".0" tail; other codes are only trimmed', () => {
    expect(normaliseCode('01')).toBe('1');
    expect(normaliseCode(' 057 ')).toBe('57');
    expect(normaliseCode('0')).toBe('0');
    expect(normaliseCode('000')).toBe('0');
    expect(normaliseCode('57.0')).toBe('57');
    expect(normaliseCode('57.00')).toBe('57');
    expect(normaliseCode('57.5')).toBe('57.5');
    expect(normaliseCode('A01')).toBe('A01');
    expect(normaliseCode(' x ')).toBe('x');
    expect(normaliseCode('0'.repeat(19) + '1')).toBe('0'.repeat(19) + '1'); // longer than 18 digits: kept as text
  });
});
