import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent } from '../../reports/formatNumber.js';

describe('reports/formatNumber', () => {
  it('formatCount: thousands separators as published (nl dot, en comma)', () => {
    expect(formatCount(72512, 'nl')).toBe('72.512');
    expect(formatCount(72512, 'en')).toBe('72,512');
    expect(formatCount(1234567, 'nl')).toBe('1.234.567');
    expect(formatCount(999, 'nl')).toBe('999');
    expect(formatCount(1000, 'en')).toBe('1,000');
    expect(formatCount(0, 'nl')).toBe('0');
  });

  it('formatCount: negative numbers with a real minus sign, rounding to whole numbers', () => {
    expect(formatCount(-1500, 'nl')).toBe('−1.500');
    expect(formatCount(2.6, 'en')).toBe('3');
  });

  it('formatCount: removing the separators gives the number back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('nl' as const, 'en' as const),
        (n, lang) => {
          const s = formatCount(n, lang);
          expect(Number(s.replaceAll(lang === 'nl' ? '.' : ',', ''))).toBe(n);
          expect(s).toMatch(lang === 'nl' ? /^\d{1,3}(\.\d{3})*$/ : /^\d{1,3}(,\d{3})*$/);
        },
      ),
    );
  });

  it('formatPercent: one decimal by default, decimal comma in Dutch', () => {
    expect(formatPercent(38.2, 'nl')).toBe('38,2%');
    expect(formatPercent(38.2, 'en')).toBe('38.2%');
    expect(formatPercent(100, 'nl')).toBe('100,0%');
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatPercent(12.345, 'en', 2)).toBe('12.35%');
    expect(formatPercent(50, 'nl', 0)).toBe('50%');
  });
});
