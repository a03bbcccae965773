import { describe, expect, it } from 'vitest';
import { type Atom, combinationKey } from '../../model/atom.js';

describe('combinationKey', () => {
  const a: Atom = { bits: 5, bitsBg: 7, age: '18-27', gender: 'man', education: 'hoog', n: 3 };

  it('is the same for the same combination whatever the count', () => {
    expect(combinationKey({ ...a, n: 0 })).toBe(combinationKey(a));
  });

  it('tells apart atoms that differ in any one membership or class', () => {
    const others: Atom[] = [
      { ...a, bits: 4 },
      { ...a, bitsBg: 5 },
      { ...a, age: '28-37' },
      { ...a, gender: 'vrouw' },
      { ...a, education: 'laag' },
    ];
    const keys = new Set([a, ...others].map(combinationKey));
    expect(keys.size).toBe(6);
  });
});
