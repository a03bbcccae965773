import { describe, expect, it } from 'vitest';
import { PUBLISHED_TABLES } from '../../synthetic/publishedTables.js';
import { segmentDemographics } from '../../synthetic/syntheticDemographics.js';
import { segmentSizes } from '../../synthetic/syntheticProfiles.js';

describe('segmentDemographics', () => {
  const demo = new Map(segmentDemographics().map((d) => [d.seg, d]));
  const sizes = segmentSizes();
  const shares = PUBLISHED_TABLES.shares;

  it('mixes the pair segment and the triple back into the published group shares', () => {
    const pairs = [
      ['PU', 'uwv_pwet'],
      ['PW', 'pwet_wmo'],
      ['UW', 'uwv_wmo'],
    ] as const;
    for (const [seg, group] of pairs) {
      const n = sizes[seg];
      const t = sizes.PUW;
      const mix = (k: 'man' | 'laag' | 'midden' | 'hoog') =>
        (demo.get(seg)![k] * n + demo.get('PUW')![k] * t) / (n + t);
      expect(mix('man')).toBeCloseTo(shares['F3.2']![group]!.man!, 3);
      const edu = shares['F3.3']![group]!;
      const sum = edu.laag! + edu.midden! + edu.hoog!;
      expect(mix('laag')).toBeCloseTo(edu.laag! / sum, 2);
      expect(mix('hoog')).toBeCloseTo(edu.hoog! / sum, 2);
    }
  });

  it('gives shares that sum to one', () => {
    for (const d of demo.values()) {
      expect(d.laag + d.midden + d.hoog).toBeCloseTo(1, 9);
      expect(d.lt18 + d.a18_27 + d.a28_55 + d.gt55).toBeCloseTo(1, 9);
      expect(d.man).toBeGreaterThan(0);
      expect(d.man).toBeLessThan(1);
    }
  });
});
