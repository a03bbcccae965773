import { mulberry32 } from './mulberry32.js';
import { PUBLISHED_TABLES, type PublishedTables } from './publishedTables.js';
import { BASE_SETS, PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS, bitOf, inSet } from '../model/personSets.js';
import { TABLE_DECLARATIONS, cellTerms } from '../model/tableDeclarations.js';

/**
 * Person profiles for the synthetic generator, calibrated to the published tables.
 *
 * A profile is the set of base-set memberships a synthetic study person has during the default period
 * (a bit mask in BASE_SETS order, the same layout as an atom's `bits`). Every published cell is the number of
 * persons in an intersection of sets, i.e. a linear constraint on profile weights. We draw a few tens of thousands
 * of candidate profiles from a simple structured prior (fixed internal seed), add candidates that are forced into
 * every constrained intersection, and rake the weights (cyclic I-projection / generalised iterative scaling) until
 * the weighted counts reproduce the published cells. The result is small data (a few thousand distinct profiles with
 * fractional weights in persons at scale 1); `integerizeProfiles` turns it into whole person counts at a scale.
 */

/** @internal exported for its test (and only used there) */
export interface FitTarget {
  /** Canonical key: the sets of the intersection, sorted, joined with `&`. */
  key: string;
  sets: string[];
  target: number;
  /** true when no published value exists (a `**` cell, 1–9): the target is a plausible guess. */
  soft: boolean;
  /** Where the target comes from, e.g. `3.6[jobcoach,wga]` or `assumption`. */
  sources: string[];
}

export interface WeightedProfile {
  bits: number;
  /** Persons at scale 1 (fractional). */
  weight: number;
}

export interface FitResult {
  profiles: WeightedProfile[];
  targets: FitTarget[];
  /** Weighted count per target after fitting, same order as `targets`. */
  fitted: number[];
  iterations: number;
}

/**
 * Value assumed for a published `**` cell (1–9).
 * @internal exported for its test (and only used there)
 */
export const SUPPRESSED_GUESS = 5;

/**
 * Targets that the report does not publish but that shape realistic data. Loonkostensubsidie (LKS) is used by
 * "een groot deel" of the Pwet users (Bijlage 5); we assume a third. The rest of the 54,907 LKS users then have
 * LKS without any work provision (LKS-only persons).
 */
const ASSUMED_TARGETS: { sets: string[]; target: number }[] = [{ sets: ['lks', 'pwet'], target: 24_000 }];

/** Exponent of the update for a soft target (1 = as strong as a published cell). */
const SOFT_DAMPING = 0.2;

/** Prior number of LKS-only persons (raking adjusts it to the LKS totals). */
const LKS_ONLY_PRIOR = 30_000;

const bit = (key: string) => 1 << bitOf(key);
const PWET_BITS = PWET_CATS.map((c) => bit(`pwet.${c}`));
const UWV_TYPE_BITS = UWV_TYPES.map((t) => bit(`uwv.${t}`));
const UWV_BG_BITS = UWV_BACKGROUNDS.map((b) => bit(`uwv.bg.${b}`));
const WMO_BITS = WMO_CATS.map((c) => bit(`wmo.${c}`));
const LKS_BIT = bit('lks');
const TOLK_BIT = bit('tolk');
const VIS_BIT = bit('visueel');
const orAll = (xs: number[]) => xs.reduce((a, b) => a | b, 0);
const PROFILE_MASKS = {
  pwet: orAll(PWET_BITS),
  uwvType: orAll(UWV_TYPE_BITS),
  uwvBackground: orAll(UWV_BG_BITS),
  wmo: orAll(WMO_BITS),
  lks: LKS_BIT,
  tolk: TOLK_BIT,
  visueel: VIS_BIT,
} as const;

/**
 * The sets of an intersection without the ones implied by the others (pwet.x implies pwet, tolk implies uwv, …).
 * @internal exported for its test (and only used there)
 */
export function canonicalSets(sets: readonly string[]): string[] {
  const s = new Set(sets);
  const any = (pred: (k: string) => boolean) => [...s].some(pred);
  const uwvish = (k: string) => k === 'uwv' || k.startsWith('uwv.') || k === 'tolk' || k === 'visueel';
  const pwetish = (k: string) => k === 'pwet' || k.startsWith('pwet.');
  if (any((k) => k.startsWith('pwet.'))) s.delete('pwet');
  if (any((k) => k.startsWith('uwv.') || k === 'tolk' || k === 'visueel')) s.delete('uwv');
  if (any((k) => k.startsWith('wmo.'))) s.delete('wmo');
  if (any((k) => uwvish(k) || pwetish(k))) s.delete('work');
  return [...s].sort();
}

/**
 * One target per distinct intersection of the published tables (kind `table`, set terms only). A cell missing from
 * a published row is a `**` cell and gets the soft target SUPPRESSED_GUESS; rows missing altogether (the garbled
 * row of 3.9) and tables that were not published are left free. The same intersection published in several tables
 * gets the mean of its published values.
 * @internal exported for its test (and only used there)
 */
export function calibrationTargets(published: PublishedTables = PUBLISHED_TABLES): FitTarget[] {
  const acc = new Map<string, { sets: string[]; hard: number[]; soft: number[]; sources: string[] }>();
  const add = (sets: string[], value: number | undefined, source: string) => {
    const canon = canonicalSets(sets);
    const key = canon.join('&');
    let e = acc.get(key);
    if (!e) acc.set(key, (e = { sets: canon, hard: [], soft: [], sources: [] }));
    if (value === undefined) e.soft.push(SUPPRESSED_GUESS);
    else e.hard.push(value);
    e.sources.push(source);
  };
  for (const decl of TABLE_DECLARATIONS) {
    if (decl.kind !== 'table') continue;
    const pub = published.tables[decl.id];
    if (!pub) continue;
    decl.rows.forEach((row, i) => {
      const prow = pub[row.key];
      if (!prow) return;
      decl.columns.forEach((col, j) => {
        const terms = cellTerms(decl, i, j);
        if (!terms) return;
        const sets: string[] = [];
        for (const t of terms) {
          if (!('set' in t)) return;
          sets.push(t.set);
        }
        add(sets, prow[col.key], `${decl.id}[${row.key},${col.key}]`);
      });
    });
  }
  for (const a of ASSUMED_TARGETS) add(a.sets, a.target, 'assumption');
  const out: FitTarget[] = [];
  for (const [key, e] of acc) {
    const soft = e.hard.length === 0;
    const vals = soft ? e.soft : e.hard;
    out.push({ key, sets: e.sets, target: vals.reduce((a, b) => a + b, 0) / vals.length, soft, sources: e.sources });
  }
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/**
 * Is a person with profile `bits` in every set of `sets`?
 * @internal exported for its test (and only used there)
 */
export function profileInAll(bits: number, sets: readonly string[]): boolean {
  for (const s of sets) if (!inSet(s, bits)) return false;
  return true;
}

function pick(weights: readonly number[], rnd: () => number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rnd() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Disjoint domain segments of the study population: which of pwet / uwv / wmo a person uses; L = LKS only. */
export type Segment = 'P' | 'U' | 'PU' | 'PW' | 'UW' | 'PUW' | 'L';
export const SEGMENTS: readonly Segment[] = ['P', 'U', 'PU', 'PW', 'UW', 'PUW', 'L'];

export function segmentOf(bits: number): Segment {
  const p = (bits & PROFILE_MASKS.pwet) !== 0;
  const u = (bits & PROFILE_MASKS.uwvType) !== 0;
  const w = (bits & PROFILE_MASKS.wmo) !== 0;
  if (!p && !u) return 'L';
  return `${p ? 'P' : ''}${u ? 'U' : ''}${w ? 'W' : ''}` as Segment;
}

/** Segment sizes at scale 1 implied by table 3.1 (L: a prior guess). */
export function segmentSizes(published: PublishedTables = PUBLISHED_TABLES): Record<Segment, number> {
  const t = published.tables['3.1']!;
  const pwet = t.pwet!.total!;
  const uwv = t.uwv!.total!;
  const pu = t.pwet!.uwv!;
  const pw = t.pwet!.wmo!;
  const uw = t.uwv!.wmo!;
  const puw = Math.max(0, pw + uw - t.wmo!.total!);
  return {
    PUW: puw,
    PU: pu - puw,
    PW: pw - puw,
    UW: uw - puw,
    P: pwet - pu - pw + puw,
    U: uwv - pu - uw + puw,
    L: LKS_ONLY_PRIOR,
  };
}

/** The structured prior: marginal and pairwise propensities read from the published tables. */
class ProfileSampler {
  private readonly pwetMarg: number[];
  private readonly pwetPair: number[][];
  private readonly typeMarg: number[];
  private readonly typePair: number[][];
  private readonly typeBg: number[][];
  private readonly bgTotal: number[];
  private readonly wmoAfterPwet: number[];
  private readonly wmoAfterUwv: number[];

  constructor(published: PublishedTables) {
    const T = published.tables;
    const cell = (id: string, r: string, c: string) => T[id]?.[r]?.[c];
    const pair = (id: string, a: string, b: string) => cell(id, a, b) ?? cell(id, b, a) ?? SUPPRESSED_GUESS;
    this.pwetMarg = PWET_CATS.map((c) => cell('3.2', c, 'users') ?? 1);
    this.pwetPair = PWET_CATS.map((a) => PWET_CATS.map((b) => (a === b ? 0 : pair('3.3', a, b))));
    this.typeMarg = UWV_TYPES.map((t) => cell('3.4', t, 'users') ?? 1);
    this.typePair = UWV_TYPES.map((a) => UWV_TYPES.map((b) => (a === b ? 0 : pair('3.5', a, b))));
    this.typeBg = UWV_TYPES.map((t) => UWV_BACKGROUNDS.map((b) => cell('3.6', t, b) ?? SUPPRESSED_GUESS));
    this.bgTotal = UWV_BACKGROUNDS.map((b) => cell('3.6', 'total', b) ?? 1);
    const colSums = (id: string, rows: readonly string[]) =>
      WMO_CATS.map((c) => rows.reduce((s, r) => s + (cell(id, r, c) ?? 0), 0) || 1);
    this.wmoAfterPwet = colSums('3.7', PWET_CATS);
    this.wmoAfterUwv = colSums('3.8', UWV_TYPES);
  }

  private addDistinct(bits: number, catBits: readonly number[], weights: readonly number[], rnd: () => number): number {
    const w = weights.map((x, i) => ((bits & catBits[i]!) !== 0 ? 0 : x));
    if (w.every((x) => x === 0)) return bits;
    return bits | catBits[pick(w, rnd)]!;
  }

  sample(seg: Segment, rnd: () => number): number {
    let bits = 0;
    const hasP = seg.includes('P');
    const hasU = seg.includes('U');
    const hasW = seg.includes('W') || (seg === 'L' && rnd() < 0.35);
    if (hasP) {
      const c1 = pick(this.pwetMarg, rnd);
      bits |= PWET_BITS[c1]!;
      if (rnd() < 0.13) {
        bits = this.addDistinct(bits, PWET_BITS, this.pwetPair[c1]!, rnd);
        if (rnd() < 0.12) bits = this.addDistinct(bits, PWET_BITS, this.pwetMarg, rnd);
      }
    }
    if (hasU) {
      const t1 = pick(this.typeMarg, rnd);
      bits |= UWV_TYPE_BITS[t1]!;
      const b1 = pick(this.typeBg[t1]!, rnd);
      bits |= UWV_BG_BITS[b1]!;
      if (rnd() < 0.07) {
        bits = this.addDistinct(bits, UWV_TYPE_BITS, this.typePair[t1]!, rnd);
        if (rnd() < 0.1) bits = this.addDistinct(bits, UWV_TYPE_BITS, this.typeMarg, rnd);
      }
      const intermediair = (bits & UWV_TYPE_BITS[0]!) !== 0;
      if (rnd() < (intermediair ? 0.35 : 0.15)) bits = this.addDistinct(bits, UWV_BG_BITS, this.bgTotal, rnd);
      const tolkBg = (bits & (UWV_BG_BITS[6]! | UWV_BG_BITS[7]!)) !== 0;
      if (intermediair && rnd() < (tolkBg ? 0.97 : 0.6)) bits |= TOLK_BIT;
      const meeneembaar = (bits & UWV_TYPE_BITS[2]!) !== 0;
      if ((meeneembaar && rnd() < 0.07) || (intermediair && !(bits & TOLK_BIT) && rnd() < 0.08)) bits |= VIS_BIT;
    }
    if (hasW) {
      const k = 1 + pick([0.6, 0.27, 0.1, 0.03], rnd);
      const weights = hasP && !hasU ? this.wmoAfterPwet : this.wmoAfterUwv;
      for (let i = 0; i < k; i++) bits = this.addDistinct(bits, WMO_BITS, weights, rnd);
    }
    const lksP = seg === 'L' ? 1 : hasP && !hasU ? 0.33 : hasP ? 0.1 : 0.02;
    if (rnd() < lksP) bits |= LKS_BIT;
    return bits;
  }

  /** Make `bits` a member of every set in `sets` (keeping the profile valid). */
  force(bits: number, sets: readonly string[]): number {
    for (const s of sets) {
      if (s === 'tolk') bits |= TOLK_BIT | UWV_TYPE_BITS[0]!;
      else if (s === 'visueel') {
        bits |= VIS_BIT;
        if ((bits & (UWV_TYPE_BITS[0]! | UWV_TYPE_BITS[2]!)) === 0) bits |= UWV_TYPE_BITS[2]!;
      } else if (BASE_SETS.includes(s)) bits |= 1 << bitOf(s);
    }
    return bits;
  }
}

/** Segments in which a candidate forced into `sets` can live. */
function segmentsFor(sets: readonly string[]): Segment[] {
  const needP = sets.some((s) => s === 'pwet' || s.startsWith('pwet.'));
  const needU = sets.some((s) => s === 'uwv' || s.startsWith('uwv.') || s === 'tolk' || s === 'visueel');
  const needW = sets.some((s) => s === 'wmo' || s.startsWith('wmo.'));
  const needWork = sets.includes('work');
  return SEGMENTS.filter((seg) => {
    if (seg === 'L') return !needP && !needU && !needWork;
    return (!needP || seg.includes('P')) && (!needU || seg.includes('U')) && (!needW || seg.includes('W'));
  });
}

/** Make a profile valid: background bits only with a UWV type, tolk only with intermediair, segment W consistent. */
function isValid(bits: number): boolean {
  const hasT = (bits & PROFILE_MASKS.uwvType) !== 0;
  const hasB = (bits & PROFILE_MASKS.uwvBackground) !== 0;
  if (hasT !== hasB) return false;
  if (bits & TOLK_BIT && !(bits & UWV_TYPE_BITS[0]!)) return false;
  if (bits & VIS_BIT && !(bits & (UWV_TYPE_BITS[0]! | UWV_TYPE_BITS[2]!))) return false;
  const p = (bits & PROFILE_MASKS.pwet) !== 0;
  if (!p && !hasT && !(bits & LKS_BIT)) return false;
  return true;
}

interface FitOptions {
  published?: PublishedTables;
  /** Prior candidates per segment (more = smoother fit, slower). */
  candidatesPerSegment?: number;
  /** Candidates forced into each constrained intersection. */
  forcedPerTarget?: number;
  maxIterations?: number;
  /** Stop when every hard target is within this relative error. */
  tolerance?: number;
}

/** Fit profile weights to the published tables. Deterministic (fixed internal seed). */
function fitProfiles(options: FitOptions = {}): FitResult {
  const published = options.published ?? PUBLISHED_TABLES;
  const perSegment = options.candidatesPerSegment ?? 8000;
  const forcedPer = options.forcedPerTarget ?? 16;
  const maxIter = options.maxIterations ?? 400;
  const tol = options.tolerance ?? 1e-4;
  const targets = calibrationTargets(published);
  const sizes = segmentSizes(published);
  const sampler = new ProfileSampler(published);
  const rnd = mulberry32(0x5eed2023);

  const prior = new Map<number, number>();
  const addCandidate = (bits: number, w: number) => {
    if (!isValid(bits)) return;
    prior.set(bits, (prior.get(bits) ?? 0) + w);
  };
  for (const seg of SEGMENTS) {
    const n = Math.max(500, Math.round(perSegment * Math.min(1, Math.sqrt(sizes[seg] / 40_000))));
    const w = sizes[seg] / n;
    for (let i = 0; i < n; i++) addCandidate(sampler.sample(seg, rnd), w);
  }
  // Forced candidates: into one constrained intersection, or (half of them) into two that share a set, so that
  // persons in several small intersections at once (e.g. tolk Wmo and tolk Pwet with a Pwet provision) exist.
  const positive = targets.filter((t) => t.target > 0);
  for (const t of positive) {
    const neighbours = positive.filter((u) => u !== t && u.sets.some((s) => t.sets.includes(s)));
    for (let i = 0; i < forcedPer; i++) {
      let sets = t.sets;
      if (i % 2 === 1 && neighbours.length > 0)
        sets = [...new Set([...sets, ...neighbours[Math.floor(rnd() * neighbours.length)]!.sets])];
      const segs = segmentsFor(sets);
      if (segs.length === 0) continue;
      const seg = segs[Math.floor(rnd() * segs.length)]!;
      addCandidate(sampler.force(sampler.sample(seg, rnd), sets), 0.5);
    }
  }

  const bitsArr = Int32Array.from([...prior.keys()].sort((a, b) => a - b));
  const w = Float64Array.from(bitsArr, (b) => prior.get(b)!);
  const members = targets.map((t) => {
    const idx: number[] = [];
    for (let i = 0; i < bitsArr.length; i++) if (profileInAll(bitsArr[i]!, t.sets)) idx.push(i);
    return Int32Array.from(idx);
  });

  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    let worst = 0;
    for (let c = 0; c < targets.length; c++) {
      const m = members[c]!;
      const target = targets[c]!.target;
      let cur = 0;
      for (let k = 0; k < m.length; k++) cur += w[m[k]!]!;
      if (!targets[c]!.soft) worst = Math.max(worst, Math.abs(cur - target) / Math.max(target, 1));
      if (cur <= 0) continue;
      // Soft targets (guesses for ** cells) only pull gently, so that they never win against a published cell.
      const f = targets[c]!.soft ? Math.pow(target / cur, SOFT_DAMPING) : target / cur;
      for (let k = 0; k < m.length; k++) w[m[k]!]! *= f;
    }
    if (worst < tol) break;
  }

  const fitted = members.map((m) => {
    let s = 0;
    for (let k = 0; k < m.length; k++) s += w[m[k]!]!;
    return s;
  });
  const profiles: WeightedProfile[] = [];
  for (let i = 0; i < bitsArr.length; i++) if (w[i]! > 1e-9) profiles.push({ bits: bitsArr[i]!, weight: w[i]! });
  return { profiles, targets, fitted, iterations };
}

let cachedDefault: FitResult | undefined;

/** The fit on the published tables with default options, computed once per process. */
export function defaultProfileFit(): FitResult {
  cachedDefault ??= fitProfiles();
  return cachedDefault;
}

export interface ProfileCount {
  bits: number;
  n: number;
}

/**
 * Whole person counts at `scale` by systematic rounding (profiles in ascending `bits` order, start `offset` in
 * [0, 1)): every count is floor or ceil of weight × scale and the total is within 1 of the scaled total.
 */
export function integerizeProfiles(
  profiles: readonly WeightedProfile[],
  scale: number,
  offset: number,
): ProfileCount[] {
  const sorted = [...profiles].sort((a, b) => a.bits - b.bits);
  const out: ProfileCount[] = [];
  let cum = offset;
  let prev = Math.floor(cum);
  for (const p of sorted) {
    cum += p.weight * scale;
    const now = Math.floor(cum);
    if (now > prev) out.push({ bits: p.bits, n: now - prev });
    prev = now;
  }
  return out;
}

export { mulberry32 };
