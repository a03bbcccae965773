/**
 * The person-level sets of tables.md. Every person in the study carries a bit mask of the base sets they
 * belong to during a period; derived sets (pwet, uwv, wmo, work) are unions of base sets.
 */

export const PWET_CATS = ['ondersteuning_werkplek', 'begeleiding_jobcoach', 'overig_faciliterend', 'vervoer', 'overig'] as const;
export const UWV_TYPES = ['intermediair', 'jobcoach', 'meeneembaar', 'startkrediet', 'vervoer'] as const;
export const UWV_BACKGROUNDS = ['wajong', 'wajong_tot_2015', 'wao', 'waz', 'wga', 'onderwijs', 'tolk_wmo', 'tolk_pwet'] as const;
export const WMO_CATS = ['huishouden', 'ondersteuning_thuis', 'hulpmiddelen_diensten', 'verblijf_opvang', 'overig'] as const;

export type PwetCat = (typeof PWET_CATS)[number];
export type UwvType = (typeof UWV_TYPES)[number];
export type UwvBackground = (typeof UWV_BACKGROUNDS)[number];
export type WmoCat = (typeof WMO_CATS)[number];

/** Base sets in bit order (bit i ↔ BASE_SETS[i]). The order is part of the internal atom format. */
export const BASE_SETS: readonly string[] = [
  ...PWET_CATS.map((c) => `pwet.${c}`),
  'lks',
  ...UWV_TYPES.map((t) => `uwv.${t}`),
  ...UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`),
  'tolk',
  'visueel',
  ...WMO_CATS.map((c) => `wmo.${c}`),
];

const BIT = new Map(BASE_SETS.map((k, i) => [k, i]));

export function bitOf(baseSet: string): number {
  const b = BIT.get(baseSet);
  if (b === undefined) throw new Error(`unknown base set ${baseSet}`);
  return b;
}

const maskOf = (keys: readonly string[]) => keys.reduce((m, k) => m | (1 << bitOf(k)), 0);

/** Families whose members are counted by "number of distinct categories used" (F3.4, F3.5, F4.x). */
export const FAMILY_MASK = {
  pwet: maskOf(PWET_CATS.map((c) => `pwet.${c}`)),
  uwv: maskOf(UWV_TYPES.map((t) => `uwv.${t}`)),
  uwvBackground: maskOf(UWV_BACKGROUNDS.map((b) => `uwv.bg.${b}`)),
  wmo: maskOf(WMO_CATS.map((c) => `wmo.${c}`)),
} as const;
export type Family = 'pwet' | 'uwv' | 'wmo';

/** Derived sets: a person is in one when they are in any of its base sets. */
export const DERIVED_SETS: Readonly<Record<string, number>> = {
  pwet: FAMILY_MASK.pwet,
  uwv: FAMILY_MASK.uwv,
  wmo: FAMILY_MASK.wmo,
  work: FAMILY_MASK.pwet | FAMILY_MASK.uwv,
};

/** Is a person with membership bits `bits` in set `key` (base or derived)? */
export function inSet(key: string, bits: number): boolean {
  const derived = DERIVED_SETS[key];
  if (derived !== undefined) return (bits & derived) !== 0;
  return (bits & (1 << bitOf(key))) !== 0;
}

/** Number of set bits. */
export function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** Background characteristics (tables.md) with their published labels. */
export const DIMENSIONS = {
  age: [
    ['lt18', 'jonger dan 18'],
    ['18_27', '18–27 jaar'],
    ['28_55', '28–55 jaar'],
    ['gt55', 'ouder dan 55'],
    ['onbekend', 'onbekend'],
  ],
  gender: [
    ['man', 'man'],
    ['vrouw', 'vrouw'],
    ['onbekend', 'onbekend'],
  ],
  education: [
    ['laag', 'laag'],
    ['midden', 'midden'],
    ['hoog', 'hoog'],
    ['onbekend', 'onbekend'],
  ],
} as const;
export type Dimension = keyof typeof DIMENSIONS;
