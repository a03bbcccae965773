import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validYmd, ymdOfDays } from '../../sav/savChunkBuilder.js';

/** YYYYMMDD of a day number by the platform's calendar (proleptic Gregorian, UTC). */
const byDate = (days: number) => {
  const d = new Date(days * 86_400_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
};

describe('sav/savChunkBuilder: the date tests of the WMOBUS value filter', () => {
  it('ymdOfDays agrees with the platform calendar for years 1000–9999, and is -1 outside', () => {
    const first = Date.UTC(1000, 0, 1) / 86_400_000;
    const last = Date.UTC(9999, 11, 31) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (days) => {
        expect(ymdOfDays(days)).toBe(byDate(days));
      }),
      { seed: 3, numRuns: 2000 },
    );
    expect(ymdOfDays(0)).toBe(19700101);
    expect(ymdOfDays(first)).toBe(10000101);
    expect(ymdOfDays(last)).toBe(99991231);
    expect(ymdOfDays(first - 1)).toBe(-1);
    expect(ymdOfDays(last + 1)).toBe(-1);
    expect(ymdOfDays(Number.NaN)).toBe(-1);
  });

  it('validYmd: exactly the real dates of years 1000–9999 (leap years by the Gregorian rule)', () => {
    for (const v of [20240229, 20000229, 19000228, 10000101, 99991231, 20191231, 20190430]) expect(validYmd(v)).toBe(v);
    for (const v of [20230229, 19000229, 20190431, 20191301, 20190001, 20190100, 9991231, 100000101, 20190101.5])
      expect(validYmd(v)).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: 10000101, max: 99991231 }), (v) => {
        const y = Math.floor(v / 10000);
        const m = Math.floor(v / 100) % 100;
        const d = v % 100;
        const real = m >= 1 && m <= 12 && d >= 1 && byDate(Date.UTC(y, m - 1, d) / 86_400_000) === v;
        expect(validYmd(v)).toBe(real ? v : -1);
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});
