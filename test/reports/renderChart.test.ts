import { describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { CHART_FONT, chartSpec } from '../../reports/chartSpec.js';
import { chartSvg, renderChart, svgToPng, svgToPngAsync } from '../../reports/renderChart.js';
import { sampleExport } from '../support/sampleExport.js';

/** Dark pixels (all channels < 100) in a rectangle of an RGBA image. */
function darkPixels(img: { width: number; pixels: Buffer }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * img.width + x) * 4;
      if (img.pixels[o]! < 100 && img.pixels[o + 1]! < 100 && img.pixels[o + 2]! < 100) n++;
    }
  }
  return n;
}

describe('renderChart', () => {
  it('asks for DejaVu Sans in the SVG', async () => {
    const svg = await chartSvg(chartSpec('F3.4', sampleExport().tables['F3.4']!, 'nl', TABLE_DECLARATIONS, 10));
    expect(svg).toContain(`font-family="${CHART_FONT}"`);
    expect(svg).toContain('64.200');
    expect(svg).toContain('**');
  });

  it('draws the axis labels in the PNG, and the check fails without fonts', async () => {
    // F3.2: horizontal bars, the group labels ("UWV & Pwet" …) stand left of the bars; everything left of
    // the plot is text only (no bars, no axis line), so dark pixels there are glyphs.
    const svg = await chartSvg(chartSpec('F3.2', sampleExport().tables['F3.2']!, 'nl', TABLE_DECLARATIONS, 10));
    const withFonts = svgToPng(svg, { scale: 2 });
    const without = svgToPng(svg, { scale: 2, fonts: false });
    expect(without.width).toBe(withFonts.width);
    // the label column: left 17 % of the width, between the title block and the legend
    const region = [
      0,
      Math.round(withFonts.height * 0.25),
      Math.round(withFonts.width * 0.17),
      Math.round(withFonts.height * 0.7),
    ] as const;
    const textPixels = darkPixels(withFonts, ...region);
    expect(textPixels).toBeGreaterThan(500);
    expect(darkPixels(without, ...region)).toBe(0);
  });

  it('is deterministic', async () => {
    const spec = chartSpec('F3.1', sampleExport().tables['F3.1']!, 'nl', TABLE_DECLARATIONS, 10);
    const a = await renderChart(spec);
    const b = await renderChart(spec);
    expect(a.svg).toBe(b.svg);
    expect(a.png.equals(b.png)).toBe(true);
    expect(a.png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('the PNG rasterised on a worker thread is the same bytes as on this thread (several at once)', async () => {
    const specs = ['F3.1', 'F3.2', 'F3.3'].map((id) =>
      chartSpec(id, sampleExport().tables[id]!, 'nl', TABLE_DECLARATIONS, 10),
    );
    const svgs = await Promise.all(specs.map((s) => chartSvg(s)));
    const async = await Promise.all(svgs.map((svg) => svgToPngAsync(svg)));
    svgs.forEach((svg, k) => expect(async[k]!.equals(svgToPng(svg).png), specs[k]!.title?.toString()).toBe(true));
  });
});
