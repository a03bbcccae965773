import { describe, expect, it } from 'vitest';
import { inSet } from '../../model/personSets.js';
import { PUBLISHED_TABLES } from '../../synthetic/publishedTables.js';
import {
  SUPPRESSED_GUESS,
  calibrationTargets,
  canonicalSets,
  defaultProfileFit,
  integerizeProfiles,
  profileInAll,
  segmentOf,
  segmentSizes,
} from '../../synthetic/syntheticProfiles.js';

describe('calibrationTargets', () => {
  const targets = calibrationTargets();
  const byKey = new Map(targets.map((t) => [t.key, t]));

  it('turns published cells into intersections of sets', () => {
    expect(byKey.get('pwet')?.target).toBe(72_512);
    expect(byKey.get('uwv')?.target).toBe(61_396);
    expect(byKey.get('pwet&uwv')?.target).toBe(781);
    expect(byKey.get('wmo&work')?.target).toBe(38_273);
    expect(byKey.get('uwv.bg.wga&uwv.jobcoach')?.target).toBe(3_443);
    expect(byKey.get('lks&wmo.ondersteuning_thuis')?.target).toBe(12_272);
    // the same intersection from 3.4 and from the totals of 3.6, 3.8 and 3.10 is one target
    expect(byKey.get('uwv.intermediair')?.sources.length).toBeGreaterThan(1);
    expect(byKey.get('uwv.intermediair')?.soft).toBe(false);
  });

  it('guesses ** cells softly and leaves the garbled row of 3.9 free', () => {
    const soft = byKey.get('uwv.bg.onderwijs&uwv.jobcoach');
    expect(soft?.soft).toBe(true);
    expect(soft?.target).toBe(SUPPRESSED_GUESS);
    expect(byKey.has('uwv.bg.wajong_tot_2015&wmo.huishouden')).toBe(false);
  });

  it('drops sets implied by others', () => {
    expect(canonicalSets(['uwv', 'uwv.jobcoach'])).toEqual(['uwv.jobcoach']);
    expect(canonicalSets(['work', 'pwet', 'wmo'])).toEqual(['pwet', 'wmo']);
    expect(canonicalSets(['work', 'wmo'])).toEqual(['wmo', 'work']);
    expect(canonicalSets(['tolk', 'uwv', 'pwet'])).toEqual(['pwet', 'tolk']);
  });
});

describe('fitProfiles', () => {
  const fit = defaultProfileFit();

  it('reproduces the published marginals and overlaps', () => {
    const get = (key: string) => fit.fitted[fit.targets.findIndex((t) => t.key === key)]!;
    for (const [key, value] of [
      ['pwet', 72_512],
      ['uwv', 61_396],
      ['pwet&uwv', 781],
      ['pwet&wmo', 18_897],
      ['uwv&wmo', 19_801],
      ['wmo&work', 38_273],
      ['lks', 54_907],
      ['tolk', 7_728],
      ['visueel', 1_609],
    ] as const) {
      expect(Math.abs(get(key) - value) / value, key).toBeLessThan(0.01);
    }
  });

  it('lands every published cell of 100 or more within 6 % and 95 % of them within 3 %', () => {
    const big = fit.targets.map((t, i) => ({ t, f: fit.fitted[i]! })).filter((x) => !x.t.soft && x.t.target >= 100);
    expect(big.length).toBeGreaterThan(150);
    const rel = big.map((x) => Math.abs(x.f - x.t.target) / x.t.target);
    expect(Math.max(...rel)).toBeLessThan(0.06);
    expect(rel.filter((r) => r <= 0.03).length / rel.length).toBeGreaterThanOrEqual(0.95);
  });

  it('weights agree with the reported fitted counts', () => {
    const t = fit.targets.find((x) => x.key === 'pwet.vervoer&wmo.huishouden')!;
    const direct = fit.profiles.filter((p) => profileInAll(p.bits, t.sets)).reduce((s, p) => s + p.weight, 0);
    expect(direct).toBeCloseTo(fit.fitted[fit.targets.indexOf(t)]!, 6);
  });

  it('produces only valid profiles', () => {
    for (const { bits } of fit.profiles) {
      if (inSet('tolk', bits)) expect(inSet('uwv.intermediair', bits)).toBe(true);
      if (inSet('visueel', bits)) expect(inSet('uwv.intermediair', bits) || inSet('uwv.meeneembaar', bits)).toBe(true);
      expect(inSet('work', bits) || inSet('lks', bits)).toBe(true);
      const hasBg = ['wajong', 'wajong_tot_2015', 'wao', 'waz', 'wga', 'onderwijs', 'tolk_wmo', 'tolk_pwet'].some((b) =>
        inSet(`uwv.bg.${b}`, bits),
      );
      expect(hasBg).toBe(inSet('uwv', bits));
    }
  });

  it('keeps the segment sizes of table 3.1', () => {
    const sizes = segmentSizes(PUBLISHED_TABLES);
    expect(sizes.PUW).toBe(425);
    const w: Record<string, number> = {};
    for (const p of fit.profiles) w[segmentOf(p.bits)] = (w[segmentOf(p.bits)] ?? 0) + p.weight;
    expect(Math.abs(w.PU! + w.PUW! - 781)).toBeLessThan(8);
    expect(w.P! + w.PU! + w.PW! + w.PUW!).toBeCloseTo(72_512, -2);
  });
});

describe('integerizeProfiles', () => {
  it('rounds each weight down or up and keeps the total', () => {
    const profiles = [
      { bits: 3, weight: 2.4 },
      { bits: 1, weight: 0.3 },
      { bits: 2, weight: 10.9 },
      { bits: 8, weight: 0.45 },
    ];
    for (const offset of [0, 0.3, 0.99]) {
      const out = integerizeProfiles(profiles, 2, offset);
      const total = out.reduce((s, c) => s + c.n, 0);
      expect(Math.abs(total - 2 * 14.05)).toBeLessThanOrEqual(1);
      for (const c of out) {
        const w = profiles.find((p) => p.bits === c.bits)!.weight * 2;
        expect(c.n === Math.floor(w) || c.n === Math.ceil(w)).toBe(true);
      }
      expect(out.map((c) => c.bits)).toEqual([...out.map((c) => c.bits)].sort((a, b) => a - b));
    }
  });
});
