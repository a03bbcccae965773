import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { SOURCE_KEYS, discoverSources, formatOf, yearFromFileName } from '../../sources/sourceFiles.js';
import { defaultConfig } from '../support/runOnFolder.js';

const entry = (name: string, size = 1) => ({ name, path: `/in/${name}`, size });
const ALL = [
  'PWETSRGVOORZIENING2022TABV1.csv',
  'UWVVOORZIENINGEN.parquet',
  'WMO2021BUS.sav',
  'GBAPERSOON2023TABV1.csv',
  'HOOGSTEOPL2021TABV1.sav',
];

describe('sources/sourceFiles', () => {
  it('formatOf: by extension, case-insensitive; .zsav is SPSS too', () => {
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('A.CSV')).toBe('csv');
    expect(formatOf('a.parquet')).toBe('parquet');
    expect(formatOf('a.sav')).toBe('sav');
    expect(formatOf('a.zsav')).toBe('sav');
    expect(formatOf('a.txt')).toBeUndefined();
    expect(formatOf('csv')).toBeUndefined();
  });

  it('each file goes to the source whose prefix its name starts with; others are ignored', () => {
    const d = discoverSources(
      [...ALL, 'notes.txt', 'GBAPERSOON.xlsx', 'other.csv'].map((n) => entry(n)),
      defaultConfig(),
      '/in',
    );
    expect(Object.fromEntries(SOURCE_KEYS.map((k) => [k, d.files[k].map((f) => f.name)]))).toEqual({
      srg: ['PWETSRGVOORZIENING2022TABV1.csv'],
      uwv: ['UWVVOORZIENINGEN.parquet'],
      wmo: ['WMO2021BUS.sav'],
      gba: ['GBAPERSOON2023TABV1.csv'],
      education: ['HOOGSTEOPL2021TABV1.sav'],
    });
    expect(d.ignored).toEqual(['GBAPERSOON.xlsx', 'notes.txt', 'other.csv']);
    expect(d.files.uwv[0]).toEqual({
      path: '/in/UWVVOORZIENINGEN.parquet',
      name: 'UWVVOORZIENINGEN.parquet',
      size: 1,
      format: 'parquet',
    });
  });

  it('prefixes match case-insensitively; a source split over several files keeps them all, sorted by name', () => {
    const d = discoverSources(
      [...ALL, 'wmo2019bus.csv', 'WMO2020BUS.csv'].map((n) => entry(n)),
      defaultConfig(),
      '/in',
    );
    expect(d.files.wmo.map((f) => f.name)).toEqual(['WMO2020BUS.csv', 'WMO2021BUS.sav', 'wmo2019bus.csv']);
  });

  it('the longest matching prefix wins', () => {
    const config = defaultConfig({ sources: { wmo: { prefix: 'W' }, uwv: { prefix: 'WMOX' } } });
    const d = discoverSources(
      [...ALL, 'WMOX1.csv'].map((n) => entry(n)),
      config,
      '/in',
    );
    expect(d.files.uwv.map((f) => f.name)).toEqual(['WMOX1.csv']);
    expect(d.files.wmo.map((f) => f.name)).toEqual(['WMO2021BUS.sav']);
  });

  it('missing required sources: one InputError naming the folder, each missing source and its prefix', () => {
    let err: unknown;
    try {
      discoverSources([entry(ALL[0]!), entry(ALL[1]!)], defaultConfig(), '/data/in');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('Required input source(s) missing in /data/in:');
    expect((err as InputError).details).toEqual([
      'WMOBUS: no .csv, .parquet or .sav file whose name starts with "WMO"',
      'GBAPERSOONTAB: no .csv, .parquet or .sav file whose name starts with "GBAPERSOON"',
      'HOOGSTEOPLTAB: no .csv, .parquet or .sav file whose name starts with "HOOGSTEOPL"',
    ]);
  });

  it('a source that is not required may be absent', () => {
    const config = defaultConfig({ sources: { education: { required: false } } });
    const d = discoverSources(
      ALL.slice(0, 4).map((n) => entry(n)),
      config,
      '/in',
    );
    expect(d.files.education).toEqual([]);
  });

  it('yearFromFileName: the first free-standing 19xx/20xx, else any embedded one', () => {
    expect(yearFromFileName('HOOGSTEOPL2021TABV1.sav')).toBe(2021);
    expect(yearFromFileName('HOOGSTEOPLTAB_2019_V2.csv')).toBe(2019);
    expect(yearFromFileName('X_120199_2018.csv')).toBe(2018); // 2019 inside 120199 is not free-standing
    expect(yearFromFileName('X120199.csv')).toBe(2019); // only an embedded one
    expect(yearFromFileName('HOOGSTEOPLTAB.csv')).toBeUndefined();
    expect(yearFromFileName('HOOGSTEOPL1899.csv')).toBeUndefined();
  });
  it('a file of a source format whose name nearly starts with a prefix is refused; other names are ignored', () => {
    const refused = (name: string) => {
      try {
        discoverSources(
          [...ALL, name].map((n) => entry(n)),
          defaultConfig(),
          '/in',
        );
        return undefined;
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).details.join('\n');
      }
    };
    expect(refused('WM02020BUSV1.csv')).toMatch(
      /^WM02020BUSV1\.csv: looks like a WMOBUS file but its name does not start with "WMO"/,
    );
    expect(refused('GBAPERS00N2022TABV1.sav')).toMatch(/looks like a GBAPERSOONTAB file/);
    expect(refused('GBAPERSON2022TABV1.csv')).toMatch(/looks like a GBAPERSOONTAB file/);
    expect(refused('UWV_VOORZIENING.csv')).toMatch(/looks like a UWV extract/);
    expect(refused('H0OGSTEOPL2019TABV1.csv')).toMatch(/looks like a HOOGSTEOPLTAB file/);
    // short prefixes allow look-alike characters only; other extensions are never sources
    for (const name of ['WHO_codes.csv', 'UWW.csv', 'notes.csv', 'WM0.txt', 'GBAPERSOON.xlsx'])
      expect(refused(name), name).toBeUndefined();
  });

  it('WMOBUS years: a year of P missing between the yearly files is refused; years of P outside them are not', () => {
    const run = (names: string[], period = { start: '2017-01-01', end: '2022-12-31' }) => {
      const config = defaultConfig();
      config.period = period;
      return discoverSources(
        [...ALL.filter((n) => !n.startsWith('WMO')), ...names].map((n) => entry(n)),
        config,
        '/in',
      );
    };
    const years = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => `WMO${from + k}BUSV1.csv`);
    expect(run(years(2015, 2023)).files.wmo).toHaveLength(9);
    expect(run(years(2019, 2021)).files.wmo).toHaveLength(3);
    expect(() => run(years(2015, 2023).filter((n) => !n.includes('2020')))).toThrow(
      /WMOBUS: no file for 2020, within the period 2017-01-01\.\.2022-12-31/,
    );
    expect(() => run(['WMO2017BUSV1.csv', 'WMO2022BUSV1.csv'])).toThrow(/WMOBUS: no file for 2018, 2019, 2020, 2021,/);
    // a gap outside P is no gap of this run; a file for all years cannot be checked
    expect(run(years(2015, 2023).filter((n) => !n.includes('2016'))).files.wmo).toHaveLength(8);
    expect(run(['WMOBUS.csv', 'WMO2019BUSV1.csv']).files.wmo).toHaveLength(2);
  });
});
