import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_SETS,
  DERIVED_SETS,
  DIMENSIONS,
  FAMILY_MASK,
  PWET_CATS,
  UWV_BACKGROUNDS,
  UWV_TYPES,
  WMO_CATS,
  bitOf,
  inSet,
  popcount,
} from '../../model/personSets.js';
import { PWET_TARGETS, UWV_BACKGROUND_TARGETS, UWV_TYPE_TARGETS, WMO_TARGETS } from '../../schemas/config.js';

const naivePopcount = (x: number) => [...(x >>> 0).toString(2)].filter((c) => c === '1').length;

describe('model/personSets', () => {
  it('base sets are unique and fit in 31 bits (bit 31 would make the masks negative)', () => {
    expect(new Set(BASE_SETS).size).toBe(BASE_SETS.length);
    expect(BASE_SETS.length).toBeLessThanOrEqual(31);
  });

  it('bitOf is the position in BASE_SETS; an unknown key throws', () => {
    BASE_SETS.forEach((k, i) => expect(bitOf(k)).toBe(i));
    expect(() => bitOf('pwet')).toThrow(/unknown base set pwet/); // derived, not a base set
    expect(() => bitOf('nope')).toThrow(/unknown base set/);
  });

  it('the bit order is the internal atom format: first and last bits pinned', () => {
    expect(bitOf('pwet.ondersteuning_werkplek')).toBe(0);
    expect(bitOf('lks')).toBe(5);
    expect(bitOf('uwv.intermediair')).toBe(6);
    expect(bitOf('tolk')).toBe(19);
    expect(bitOf('visueel')).toBe(20);
    expect(bitOf('wmo.overig')).toBe(25);
  });

  it("every category list is the config's list of mapping targets (lks is a Pwet target but its own set)", () => {
    expect([...PWET_CATS, 'lks']).toEqual([...PWET_TARGETS]);
    expect([...UWV_TYPES]).toEqual([...UWV_TYPE_TARGETS]);
    expect([...UWV_BACKGROUNDS]).toEqual([...UWV_BACKGROUND_TARGETS]);
    expect([...WMO_CATS]).toEqual([...WMO_TARGETS]);
    for (const list of [PWET_CATS, UWV_TYPES, UWV_BACKGROUNDS, WMO_CATS]) expect(new Set(list).size).toBe(list.length);
  });

  it('every category has its base set, and base sets are exactly the categories plus lks, tolk, visueel', () => {
    const expected = [
      ...PWET_CATS.map((c) => `pwet.${c}`),
      ...UWV_TYPES.map((t) => `uwv.${t}`),
      ...UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`),
      ...WMO_CATS.map((c) => `wmo.${c}`),
      'lks',
      'tolk',
      'visueel',
    ];
    expect([...BASE_SETS].sort()).toEqual(expected.sort());
  });

  it('family masks: one bit per category, pairwise disjoint, none holding lks/tolk/visueel', () => {
    expect(popcount(FAMILY_MASK.pwet)).toBe(PWET_CATS.length);
    expect(popcount(FAMILY_MASK.uwv)).toBe(UWV_TYPES.length);
    expect(popcount(FAMILY_MASK.uwvBackground)).toBe(UWV_BACKGROUNDS.length);
    expect(popcount(FAMILY_MASK.wmo)).toBe(WMO_CATS.length);
    const masks = Object.values(FAMILY_MASK);
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++) expect(masks[a]! & masks[b]!).toBe(0);
    for (const k of ['lks', 'tolk', 'visueel']) for (const m of masks) expect(m & (1 << bitOf(k))).toBe(0);
    for (const c of PWET_CATS) expect(FAMILY_MASK.pwet & (1 << bitOf(`pwet.${c}`))).not.toBe(0);
  });

  it('derived sets: work = pwet ∪ uwv (types, not backgrounds)', () => {
    expect(DERIVED_SETS.work).toBe(FAMILY_MASK.pwet | FAMILY_MASK.uwv);
    expect(DERIVED_SETS.work! & FAMILY_MASK.uwvBackground).toBe(0);
    expect(DERIVED_SETS.work! & FAMILY_MASK.wmo).toBe(0);
  });

  it('inSet: a base set tests its bit, a derived set any of its bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** BASE_SETS.length - 1 }), (bits) => {
        for (const k of BASE_SETS) expect(inSet(k, bits)).toBe(((bits >>> bitOf(k)) & 1) === 1);
        expect(inSet('pwet', bits)).toBe(PWET_CATS.some((c) => inSet(`pwet.${c}`, bits)));
        expect(inSet('uwv', bits)).toBe(UWV_TYPES.some((t) => inSet(`uwv.${t}`, bits)));
        expect(inSet('wmo', bits)).toBe(WMO_CATS.some((c) => inSet(`wmo.${c}`, bits)));
        expect(inSet('work', bits)).toBe(inSet('pwet', bits) || inSet('uwv', bits));
      }),
    );
    expect(() => inSet('nope', 1)).toThrow(/unknown base set/);
  });

  it('popcount counts set bits of any 32-bit value (negative numbers as unsigned)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (x) => {
        expect(popcount(x)).toBe(naivePopcount(x));
      }),
    );
    expect(popcount(0)).toBe(0);
    expect(popcount(-1)).toBe(32);
  });

  it('dimensions: unique keys, every one with an "onbekend" class and a non-empty label', () => {
    for (const [dim, classes] of Object.entries(DIMENSIONS)) {
      const keys = classes.map(([k]) => k);
      expect(new Set(keys).size, dim).toBe(keys.length);
      expect(keys, dim).toContain('onbekend');
      for (const [, label] of classes) expect(label.length, dim).toBeGreaterThan(0);
    }
  });
});
