import { describe, expect, it } from 'vitest';
import { bitOf } from '../../model/personSets.js';
import { type ReleaseSpans, windowNesting } from '../../model/setSpans.js';

const bit = (k: string) => 1 << bitOf(k);
const W1 = { start: '2017-01-01', end: '2021-12-31' };
const W2 = { start: '2018-01-01', end: '2022-12-31' };
const both = (period: ReleaseSpans['period']): ReleaseSpans => ({ period, background: period });

describe('windowNesting', () => {
  // records in use over 2017–2021 and over 2018–2022, per set mask: the latest begin and the earliest end
  const earlier = both([
    { mask: bit('pwet.begeleiding_jobcoach'), lastBegin: '2018-11-01', firstEnd: '2017-03-31' },
    { mask: bit('pwet.ondersteuning_werkplek'), lastBegin: '2021-06-01', firstEnd: '2019-12-31' },
    { mask: bit('pwet.vervoer'), lastBegin: '2021-12-01', firstEnd: '2017-05-31' },
  ]);
  const later = both([
    { mask: bit('pwet.begeleiding_jobcoach'), lastBegin: '2018-11-01', firstEnd: '2018-01-31' },
    { mask: bit('pwet.ondersteuning_werkplek'), lastBegin: '2022-09-01', firstEnd: '2019-12-31' },
    { mask: bit('pwet.vervoer'), lastBegin: '2022-10-01', firstEnd: null },
  ]);
  const n = windowNesting(
    { spans: earlier, period: W1, backgroundPeriod: W1 },
    { spans: later, period: W2, backgroundPeriod: W2 },
  );

  it('a category that ends in 2018: its records over the later window all began before the earlier one ended', () => {
    expect(n.period.newInside & bit('pwet.begeleiding_jobcoach')).not.toBe(0);
    // ... but one of its records over the earlier window ended in 2017, before the later window starts
    expect(n.period.earlierInside & bit('pwet.begeleiding_jobcoach')).toBe(0);
  });

  it('a category that starts in 2019: its records over the earlier window all last into the later one', () => {
    expect(n.period.earlierInside & bit('pwet.ondersteuning_werkplek')).not.toBe(0);
    expect(n.period.newInside & bit('pwet.ondersteuning_werkplek')).toBe(0);
  });

  it('a category on both sides of the break is nested neither way; a set without records is inside anything', () => {
    expect(n.period.newInside & bit('pwet.vervoer')).toBe(0);
    expect(n.period.earlierInside & bit('pwet.vervoer')).toBe(0);
    expect(n.period.newInside & bit('wmo.huishouden')).not.toBe(0);
    expect(n.period.earlierInside & bit('wmo.huishouden')).not.toBe(0);
    expect(n.background).toEqual(n.period);
  });

  it('a record on the boundary day is in use in both windows; one a day later is not', () => {
    const at = (lastBegin: string) =>
      windowNesting(
        { spans: both([]), period: W1, backgroundPeriod: W1 },
        {
          spans: both([{ mask: bit('lks'), lastBegin, firstEnd: null }]),
          period: W2,
          backgroundPeriod: W2,
        },
      ).period.newInside & bit('lks');
    expect(at('2021-12-31')).not.toBe(0);
    expect(at('2022-01-01')).toBe(0);
  });
});
