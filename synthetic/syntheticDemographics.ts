import { PUBLISHED_TABLES, type PublishedTables } from './publishedTables.js';
import { SEGMENTS, type Segment, segmentSizes } from './syntheticProfiles.js';

/**
 * Background characteristics of synthetic study persons per domain segment. The report publishes gender and
 * education shares for the overlap groups of figures F3.2/F3.3 (uwv_pwet, pwet_wmo, uwv_wmo, uwv_pwet_wmo; the
 * pair groups include the triple). The segments are disjoint (PU = uwv ∩ pwet without wmo, …), so the shares of a
 * pair segment are solved from its group share minus the triple's. Age shares are not published in machine-readable
 * form: plausible values following the report's text (most users 28–55, Pwet/UWV users relatively young).
 */
export interface SegmentDemographics {
  seg: Segment;
  man: number;
  /** Education shares among persons with a known level (sum 1). */
  laag: number;
  midden: number;
  hoog: number;
  /** Share of persons without a usable education record. */
  eduUnknown: number;
  /** Age class shares at first use (sum 1). */
  lt18: number;
  a18_27: number;
  a28_55: number;
  gt55: number;
}

const EDU_UNKNOWN = 0.08;

const AGE: Record<Segment, [number, number, number, number]> = {
  P: [0.01, 0.24, 0.58, 0.17],
  U: [0.03, 0.27, 0.5, 0.2],
  PU: [0.03, 0.38, 0.5, 0.09],
  PW: [0.01, 0.2, 0.62, 0.17],
  UW: [0.02, 0.25, 0.55, 0.18],
  PUW: [0.02, 0.32, 0.55, 0.11],
  L: [0.01, 0.25, 0.6, 0.14],
};

/** Shares for segments outside the published groups. */
const DEFAULTS: Record<'P' | 'U' | 'L', { man: number; laag: number; midden: number; hoog: number }> = {
  P: { man: 0.52, laag: 0.5, midden: 0.4, hoog: 0.1 },
  U: { man: 0.48, laag: 0.38, midden: 0.42, hoog: 0.2 },
  L: { man: 0.55, laag: 0.52, midden: 0.4, hoog: 0.08 },
};

const clamp01 = (x: number) => Math.min(0.98, Math.max(0.02, x));

export function segmentDemographics(published: PublishedTables = PUBLISHED_TABLES): SegmentDemographics[] {
  const sizes = segmentSizes(published);
  const g = published.shares['F3.2'] ?? {};
  const e = published.shares['F3.3'] ?? {};
  const triple = sizes.PUW;
  // group share g over (segment ∪ triple) → segment share
  const solve = (groupShare: number | undefined, tripleShare: number | undefined, seg: Segment, fallback: number) => {
    if (groupShare === undefined || tripleShare === undefined) return fallback;
    const n = sizes[seg];
    if (n <= 0) return fallback;
    return clamp01((groupShare * (n + triple) - tripleShare * triple) / n);
  };
  const groupOf: Partial<Record<Segment, string>> = { PU: 'uwv_pwet', PW: 'pwet_wmo', UW: 'uwv_wmo' };
  return SEGMENTS.map((seg) => {
    let man: number;
    let edu: [number, number, number];
    if (seg === 'P' || seg === 'U' || seg === 'L') {
      const d = DEFAULTS[seg];
      man = d.man;
      edu = [d.laag, d.midden, d.hoog];
    } else if (seg === 'PUW') {
      man = g.uwv_pwet_wmo?.man ?? 0.4;
      edu = [e.uwv_pwet_wmo?.laag ?? 0.4, e.uwv_pwet_wmo?.midden ?? 0.45, e.uwv_pwet_wmo?.hoog ?? 0.15];
    } else {
      const grp = groupOf[seg]!;
      man = solve(g[grp]?.man, g.uwv_pwet_wmo?.man, seg, 0.45);
      edu = (['laag', 'midden', 'hoog'] as const).map((k) => solve(e[grp]?.[k], e.uwv_pwet_wmo?.[k], seg, 1 / 3)) as [
        number,
        number,
        number,
      ];
    }
    const s = edu[0] + edu[1] + edu[2];
    const [lt18, a18_27, a28_55, gt55] = AGE[seg];
    return {
      seg,
      man,
      laag: edu[0] / s,
      midden: edu[1] / s,
      hoog: edu[2] / s,
      eduUnknown: EDU_UNKNOWN,
      lt18,
      a18_27,
      a28_55,
      gt55,
    };
  });
}
