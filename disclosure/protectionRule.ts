/**
 * The CBS rule of docs/spec/disclosure.md in numbers: which counts are unsafe, the protection level p they need,
 * and whether an attacker interval protects them.
 */

import type { DisclosureParams } from '../model/disclosureParams.js';

export type { DisclosureParams };

/** Is a count unsafe to show (primary suppression)? */
export function isPrimaryUnsafe(value: number, params: DisclosureParams): boolean {
  if (value === 0) return params.zeroUnsafe;
  return value < params.threshold;
}

/** Protection p = max(1, ceil(v · safetyRange)). */
export function protectionLevel(value: number, params: DisclosureParams): number {
  // The epsilon keeps e.g. 10 · 0.3 = 3.0000000000000004 at 3.
  return Math.max(1, Math.ceil(value * params.safetyRange - 1e-9));
}

/** Tolerance for reading LP optima as numbers. */
const EPS = 1e-6;

/**
 * The attacker's interval with the knowledge that counts are whole numbers: lo rounded up, hi rounded down
 * (the LP optimum of a relaxation, so still the safe side). `hi = Infinity` when unbounded.
 */
export function integerInterval(lo: number, hi: number): [number, number] {
  return [Math.max(0, Math.ceil(lo - EPS)), hi === Infinity ? Infinity : Math.floor(hi + EPS)];
}

/** Does an interval protect a primary cell of true value v: lo ≤ max(0, v − p) and hi ≥ v + p? */
export function meetsRule(value: number, interval: readonly [number, number], params: DisclosureParams): boolean {
  const p = protectionLevel(value, params);
  return interval[0] <= Math.max(0, value - p) && interval[1] >= value + p;
}
