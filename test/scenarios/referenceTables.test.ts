import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RawData, referenceTables } from '../support/referenceTables.js';
import { csv, defaultConfig, tablesOf } from '../support/runOnFolder.js';

/**
 * Property: on random small populations with the awkward traits of real files, every cell of internal/tables.json
 * equals the independent reference computation of docs/spec/tables.md.
 */

const DATES = [
  '20161231',
  '20170101',
  '2017-01-01',
  '20180615',
  '2019-03-01',
  '20201231',
  '20221231',
  '2022-12-31',
  '20230101',
  '20150101',
];
const SRG_CODES = ['30', '31', '59', '57', '69', '23', '29', '40', '41', '42', '12', '13', '14', '19', '16', '11'];
const TYPES = ['INTERMEDIAIR', 'JOBCOACH', 'MEENEEMBAAR', 'STARTKREDIET', 'VERVOER'];
const BGS = ['WAJONG', 'WAJONG_OUD', 'WAO', 'WAZ', 'WGA', 'ONDERWIJS', 'TOLK_WMO', 'TOLK_PWET'];
const PRODUCTS = ['TOLK_GEBAREN', 'TOLK_SCHRIJF', 'BRAILLELEESREGEL', 'SCREENREADER', 'TAXI', 'OVERIG', ''];
const EDU = ['1111', '2111', '3111', '1222', '2132', '3213', '----', '9999', ''];

const person = fc.record({ s: fc.constantFrom('R', 'R', 'R', 'B'), n: fc.integer({ min: 1, max: 25 }) });
const period = fc
  .tuple(fc.constantFrom(...DATES), fc.oneof(fc.constant(''), fc.constantFrom(...DATES)))
  .map(([b, e]) => {
    const iso = (d: string) => d.replaceAll('-', '');
    return e !== '' && iso(e) < iso(b) ? { begin: e, end: b } : { begin: b, end: e };
  });

const rawData = fc.record({
  srg: fc.array(fc.tuple(person, fc.constantFrom(...SRG_CODES), period), { maxLength: 30 }),
  uwv: fc.array(
    fc.tuple(person, fc.constantFrom(...TYPES), fc.constantFrom(...BGS), fc.constantFrom(...PRODUCTS), period),
    { maxLength: 25 },
  ),
  wmo: fc.array(fc.tuple(person, fc.integer({ min: 1, max: 18 }), period), { maxLength: 30 }),
  gba: fc.uniqueArray(
    fc.tuple(
      person,
      fc.constantFrom('1', '2', '-'),
      fc.constantFrom('1950', '1975', '1999', '2003', '----'),
      fc.constantFrom('01', '06', '07', '12', '--'),
    ),
    { selector: ([p]) => `${p.s}${p.n}`, maxLength: 40 },
  ),
  edu: fc.array(
    fc.tuple(
      fc.constantFrom(2016, 2019, 2023),
      fc.uniqueArray(fc.tuple(person, fc.constantFrom(...EDU)), { selector: ([p]) => `${p.s}${p.n}`, maxLength: 30 }),
    ),
    { maxLength: 3 },
  ),
  padded: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  dupes: fc.integer({ min: 0, max: 3 }),
});

const key = (n: number, padded: boolean) => (padded ? String(n).padStart(9, '0') : String(n));

describe('pipeline = independent reference (property)', () => {
  it('matches docs/spec/tables.md on random populations', async () => {
    await fc.assert(
      fc.asyncProperty(rawData, async (d) => {
        const raw: RawData = {
          srg: d.srg.map(([p, code, per]) => ({ s: p.s, n: String(p.n), code, ...per })),
          uwv: d.uwv.map(([p, type, bg, product, per]) => ({ s: p.s, n: String(p.n), type, bg, product, ...per })),
          wmo: d.wmo.map(([p, c, per]) => ({ s: p.s, n: String(p.n), code: String(c), ...per })),
          gba: d.gba.map(([p, gender, year, month]) => ({ s: p.s, n: String(p.n), gender, year, month })),
          edu: [],
        };
        const files: Record<string, string> = {
          'PWETSRGVOORZIENINGTAB.csv': csv(
            'RINPERSOONS,RINPERSOON,SRGVOORZIENING,SRGDATUMAANVANG,SRGDATUMEINDE',
            [...raw.srg, ...raw.srg.slice(0, d.dupes)].map((r) => [
              r.s,
              key(Number(r.n), d.padded[0]!),
              r.code,
              r.begin,
              r.end,
            ]),
          ),
          'UWVVOORZIENING.csv': csv(
            'RINPERSOONS,RINPERSOON,UWVSOORTVOORZIENING,UWVWETTELIJKEACHTERGROND,UWVPRODUCT,UWVDATUMAANVANG,UWVDATUMEINDE',
            raw.uwv.map((r) => [r.s, key(Number(r.n), d.padded[1]!), r.type, r.bg, r.product, r.begin, r.end]),
          ),
          'WMO2019BUSV1.csv': csv(
            'RINPERSOONS,RINPERSOON,WMOTYPEMAATWERKARRANGEMENT,WMODATUMAANVANG,WMODATUMEINDE',
            raw.wmo.map((r) => [
              r.s,
              key(Number(r.n), d.padded[2]!),
              d.padded[2] ? r.code.padStart(2, '0') : r.code,
              r.begin,
              r.end,
            ]),
          ),
          'GBAPERSOON2022TABV1.csv': csv(
            'RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,GBAGEBOORTEDAG',
            raw.gba.map((r) => [r.s, key(Number(r.n), d.padded[3]!), r.gender, r.year, r.month, '--']),
          ),
        };
        const years = new Set<number>();
        for (const [year, rows] of d.edu) {
          if (years.has(year)) continue;
          years.add(year);
          const variable = year <= 2018 ? 'OPLNIVSOI2016AGG4HBMETNIRWO' : 'OPLNIVSOI2021AGG4HBmetNIRWO';
          files[`HOOGSTEOPL${year}TABV1.csv`] = csv(
            `RINPERSOONS,RINPERSOON,${variable}`,
            rows.map(([p, lvl]) => [p.s, key(p.n, d.padded[4]!), lvl]),
          );
          for (const [p, lvl] of rows) raw.edu.push({ s: p.s, n: String(p.n), level: lvl, fileYear: year });
        }
        if (years.size === 0) files['HOOGSTEOPL2019TABV1.csv'] = 'RINPERSOONS,RINPERSOON,OPLNIVSOI2021AGG4HBmetNIRWO\n';
        // random populations may leave a source without rows: that is what --allow-empty is for
        const got = await tablesOf(files, defaultConfig({ allowEmpty: true }));
        const want = referenceTables(raw);
        for (const [id, cells] of Object.entries(want)) expect([id, got.tables[id]!.cells]).toEqual([id, cells]);
      }),
      { numRuns: 30, seed: 20261122 },
    );
  });
});
