import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { translateTables } from '../../reports/translateTables.js';
import { chartSpec } from '../../reports/chartSpec.js';
import { percentages } from '../../model/percentages.js';
import { chartSvg } from '../../reports/renderChart.js';
import type { ExportTable } from '../../schemas/tablesJson.js';
import { FIGURE_IDS } from '../../reports/tableOrder.js';
import { sampleExport } from '../support/sampleExport.js';

// vega-lite's package exports do not expose the schema file; read it from the installed package
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../node_modules/vega-lite/build/vega-lite-schema.json'), 'utf8'),
) as object;
const ajv = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false });
const validate = ajv.compile(schema);

type Datum = Record<string, unknown>;
const dataOf = (spec: object): Datum[] => (spec as { data: { values: Datum[] } }).data.values;

describe('chartSpec', () => {
  for (const lang of ['nl', 'en'] as const) {
    for (const id of FIGURE_IDS) {
      it(`${id} (${lang}) validates against the Vega-Lite JSON schema`, () => {
        const spec = chartSpec(id, sampleExport().tables[id]!, lang, TABLE_DECLARATIONS, 10);
        const ok = validate(spec);
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      });
    }
  }

  it('the schema check can fail', () => {
    expect(validate({ mark: 'not-a-mark', data: { values: [] } })).toBe(false);
  });

  it('never draws a suppressed count as a bar length', () => {
    const t = sampleExport().tables['F3.4']!;
    const values = dataOf(chartSpec('F3.4', t, 'nl', TABLE_DECLARATIONS, 10));
    t.rows.forEach((r, i) => {
      const d = values.find((v) => v.key === r.key)!;
      if (t.cells[i]![0] === '**') {
        expect(d).toMatchObject({ persons: null, suppressed: true, label: '**', labelY: 0 });
      } else {
        expect(d).toMatchObject({ persons: t.cells[i]![0], suppressed: false });
      }
    });
  });

  it('keeps every class in its own place in every row; a suppressed class is a "**" segment in its place', () => {
    const t = sampleExport().tables['F3.2']!;
    const values = dataOf(chartSpec('F3.2', t, 'nl', TABLE_DECLARATIONS, 10));
    // group UWV & Pwet & Wmo: man ** , vrouw 60.9, onbekend **: the two suppressed classes share the remaining 39.1 in their places
    const triple = values.filter((v) => v.groupKey === 'uwv_pwet_wmo');
    expect(triple.map((v) => [v.clsKey, v.x0, v.x1])).toEqual([
      ['man', 0, 19.55],
      ['vrouw', 19.55, 80.45],
      ['onbekend', 80.45, 100],
    ]);
    expect(triple[0]).toMatchObject({ suppressed: true, percentage: null, label: '**' });
    expect(triple[1]).toMatchObject({ suppressed: false, percentage: 60.9 });
    // a group without suppression fills exactly 100, segment by segment, in column order
    const first = values.filter((v) => v.groupKey === 'uwv_pwet');
    expect(first.map((v) => [v.clsKey, v.x0, v.x1])).toEqual([
      ['man', 0, 38],
      ['vrouw', 38, 100],
    ]);
    // a row with nothing shown: one "**" segment over the whole bar
    const all = structuredClone(t);
    all.percentages = all.percentages!.map((r) => r.map((v, j) => (all.columns[j]!.key === 'total' ? v : '**')));
    const whole = dataOf(chartSpec('F3.2', all, 'nl', TABLE_DECLARATIONS, 10)).filter((v) => v.groupKey === 'uwv_pwet');
    expect(whole.map((v) => [v.clsKey, v.x0, v.x1, v.label])).toEqual([['**', 0, 100, '**']]);
    // so "vrouw" comes after "man" in both rows, never first in one and second in the next
    for (const g of ['uwv_pwet', 'uwv_pwet_wmo']) {
      const order = values.filter((v) => v.groupKey === g).map((v) => v.clsKey);
      expect(order.indexOf('vrouw')).toBeGreaterThan(order.indexOf('man'));
    }
  });

  it('a share figure read without its percentages gets them by the one rule (model/percentages.ts), threshold on the base included', () => {
    const t = structuredClone(sampleExport().tables['F3.2']!);
    const bare = { ...t, percentages: undefined };
    delete bare.percentages;
    expect(dataOf(chartSpec('F3.2', bare, 'nl', TABLE_DECLARATIONS, 10))).toEqual(
      dataOf(chartSpec('F3.2', { ...t, percentages: percentages(t, 10) }, 'nl', TABLE_DECLARATIONS, 10)),
    );
    // a row whose shown total is under the threshold: no share is drawn, whatever its counts
    const total = t.columns.findIndex((c) => c.key === 'total');
    const small = {
      ...bare,
      cells: bare.cells.map((row, i) =>
        i === 0 ? row.map((v, j) => (j === total ? 8 : typeof v === 'number' ? 4 : v)) : row,
      ),
    };
    const first = dataOf(chartSpec('F3.2', small, 'nl', TABLE_DECLARATIONS, 10)).filter(
      (v) => v.groupKey === t.rows[0]!.key,
    );
    expect(first.map((v) => [v.clsKey, v.x0, v.x1, v.label])).toEqual([['**', 0, 100, '**']]);
    // the same row with a threshold of 5 is drawn from its counts
    const drawn = dataOf(chartSpec('F3.2', small, 'nl', TABLE_DECLARATIONS, 5)).filter(
      (v) => v.groupKey === t.rows[0]!.key,
    );
    expect(drawn.every((v) => v.suppressed === false)).toBe(true);
    expect(drawn.length).toBeGreaterThan(0);
  });

  it('colours "onbekend" grey and uses the class labels as legend entries', () => {
    const spec = chartSpec('F3.3', sampleExport().tables['F3.3']!, 'nl', TABLE_DECLARATIONS, 10) as unknown as {
      layer: { encoding: { color?: { scale?: { domain: string[]; range: string[] } } } }[];
    };
    const scale = spec.layer[0]!.encoding.color!.scale!;
    expect(scale.domain).toEqual(['Laag opgeleid', 'Middelbaar opgeleid', 'Hoog opgeleid', 'onbekend']);
    expect(scale.range[3]).toBe('#bfbfbf');
  });

  describe('a bars figure with several columns (a user figure)', () => {
    const table: ExportTable = {
      title: 'Personen per groep en jaar',
      rows: [
        { key: 'uwv', label: 'UWV' },
        { key: 'wmo', label: 'Wmo' },
      ],
      columns: [
        { key: 'y2021', label: '2021' },
        { key: 'y2022', label: '2022' },
        { key: 'onbekend', label: 'onbekend' },
      ],
      cells: [
        [1200, 1350, '**'],
        ['**', 40, 0],
      ],
    };
    const spec = chartSpec('U9', table, 'nl', TABLE_DECLARATIONS, 10, 'bars');

    it('validates against the Vega-Lite JSON schema', () => {
      expect(validate(spec)).toBe(true);
    });

    it('draws every column of every row, a suppressed one without a bar length', () => {
      const values = dataOf(spec);
      expect(values.map((v) => [v.key, v.seriesKey, v.persons, v.label])).toEqual([
        ['uwv', 'y2021', 1200, '1.200'],
        ['uwv', 'y2022', 1350, '1.350'],
        ['uwv', 'onbekend', null, '**'],
        ['wmo', 'y2021', null, '**'],
        ['wmo', 'y2022', 40, '40'],
        ['wmo', 'onbekend', 0, '0'],
      ]);
      for (const v of values.filter((d) => d.suppressed)) expect(v).toMatchObject({ persons: null, labelY: 0 });
    });

    it('colours the columns (onbekend grey) with a legend, and notes **', () => {
      const s = spec as unknown as {
        title: { subtitle?: string };
        layer: { encoding: { color?: { scale: { domain: string[]; range: string[] } } } }[];
      };
      expect(s.layer[0]!.encoding.color!.scale.domain).toEqual(['2021', '2022', 'onbekend']);
      expect(s.layer[0]!.encoding.color!.scale.range[2]).toBe('#bfbfbf');
      expect(new Set(s.layer[0]!.encoding.color!.scale.range).size).toBe(3);
      expect(s.title.subtitle).toMatch(/\*\*/);
    });

    it('renders: one bar per shown value, the column labels in the legend', async () => {
      const svg = await chartSvg(spec);
      // bars are paths with role graphics-symbol inside the mark group; 4 values are numbers (one of them 0)
      expect((svg.match(/aria-roledescription="bar"/g) ?? []).length).toBe(4);
      for (const label of ['2021', '2022', 'onbekend', '1.350']) expect(svg).toContain(`>${label}<`);
    });

    it('a one-column bars figure keeps its single-series form', () => {
      const one = chartSpec(
        'U9',
        { ...table, columns: [table.columns[0]!], cells: table.cells.map((r) => [r[0]!]) },
        'nl',
        TABLE_DECLARATIONS,
        10,
        'bars',
      );
      expect(JSON.stringify(one)).not.toContain('xOffset');
      expect(dataOf(one)).toHaveLength(2);
    });
  });
});

const CHROMIUM = '/usr/bin/chromium';
// In CI a missing browser must fail the run (launch throws); only a developer machine without it skips.
const noBrowser = !existsSync(CHROMIUM) && !process.env.CI;

/** Pairs of text boxes (of non-empty texts) that overlap by more than 1 px in both directions. */
function overlaps(boxes: { text: string; x: number; y: number; w: number; h: number }[]): string[] {
  const out: string[] = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a]!;
      const q = boxes[b]!;
      const dx = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
      const dy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
      if (dx > 1 && dy > 1) out.push(`"${p.text}" × "${q.text}"`);
    }
  }
  return out;
}

describe.skipIf(noBrowser)('every shipped chart in Chromium: no two texts overlap', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  // the shipped figures with their shipped labels (nl and en), as the sample export and a demo run show them
  const figures = TABLE_DECLARATIONS.filter((d) => d.kind === 'figure');
  for (const lang of ['nl', 'en'] as const) {
    it(`${lang}: ${figures.map((d) => d.id).join(', ')}`, async () => {
      const s = sampleExport();
      const page = await browser.newPage();
      const found: string[] = [];
      for (const d of figures) {
        const t = s.tables[d.id]!;
        // the labels exactly as shipped (model/tables.json), e.g. F4.1's "Geen Wmo-voorziening"
        const shipped = (axis: typeof d.rows, h: { key: string; label: string }) => ({
          ...h,
          label: axis.find((a) => a.key === h.key)?.label ?? h.label,
        });
        const nl = {
          ...t,
          rows: t.rows.map((h) => shipped(d.rows, h)),
          columns: t.columns.map((h) => shipped(d.columns, h)),
        };
        const table =
          lang === 'en'
            ? translateTables({ period: s.period, tables: { [d.id]: nl } }, TABLE_DECLARATIONS).tables[d.id]!
            : nl;
        expect(
          table.rows.map((r) => r.key),
          d.id,
        ).toEqual(d.rows.map((a) => a.key));
        const svg = await chartSvg(chartSpec(d.id, table, lang, TABLE_DECLARATIONS, 10));
        await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
        const boxes = await page.locator('svg text').evaluateAll((els) =>
          els
            .filter((e) => (e.textContent ?? '').trim() !== '')
            .map((e) => {
              const r = e.getBoundingClientRect();
              return { text: e.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
            }),
        );
        expect(boxes.length, d.id).toBeGreaterThan(3);
        found.push(...overlaps(boxes).map((o) => `${d.id}: ${o}`));
      }
      await page.close();
      expect(found).toEqual([]);
    });
  }
});
