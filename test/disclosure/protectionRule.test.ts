import { describe, expect, it } from 'vitest';
import { integerInterval, isPrimaryUnsafe, meetsRule, protectionLevel } from '../../disclosure/protectionRule.js';

const P = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };

describe('protectionRule', () => {
  it('primary: 1..threshold-1 unsafe, zero only when zeroUnsafe', () => {
    expect([0, 1, 9, 10, 11].map((v) => isPrimaryUnsafe(v, P))).toEqual([false, true, true, false, false]);
    expect(isPrimaryUnsafe(0, { ...P, zeroUnsafe: true })).toBe(true);
    expect(isPrimaryUnsafe(4, { ...P, threshold: 5 })).toBe(true);
    expect(isPrimaryUnsafe(5, { ...P, threshold: 5 })).toBe(false);
  });

  it('p = max(1, ceil(v × range)), without floating-point surprises', () => {
    expect([0, 1, 3, 4, 7, 9, 10].map((v) => protectionLevel(v, P))).toEqual([1, 1, 1, 2, 3, 3, 3]);
  });

  it('the interval must reach v − p and v + p', () => {
    // v = 7, p = 3: needs lo <= 4 and hi >= 10
    expect(meetsRule(7, [4, 10], P)).toBe(true);
    expect(meetsRule(7, [5, 10], P)).toBe(false);
    expect(meetsRule(7, [0, 9], P)).toBe(false);
    expect(meetsRule(1, [0, 2], P)).toBe(true);
    expect(meetsRule(1, [1, 2], P)).toBe(false);
    expect(meetsRule(0, [0, Infinity], { ...P, zeroUnsafe: true })).toBe(true);
    expect(meetsRule(0, [0, 0], { ...P, zeroUnsafe: true })).toBe(false);
  });

  it('integer interval rounds inward, tolerating LP noise', () => {
    expect(integerInterval(2.4, 9.6)).toEqual([3, 9]);
    expect(integerInterval(2.9999999999, 9.0000000001)).toEqual([3, 9]);
    expect(integerInterval(-1e-9, Infinity)).toEqual([0, Infinity]);
  });
});
