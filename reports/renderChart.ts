import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './chartSpec.js';

const require = createRequire(import.meta.url);

/** The DejaVu Sans files from the dejavu-fonts-ttf package (regular, bold, oblique). */
function chartFontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map((f) =>
    join(dir, f),
  );
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
}

/**
 * Vega-Lite → Vega → SVG (headless, no canvas: text widths are Vega's estimate, so output is the same everywhere).
 * @internal exported for its test (and only used there)
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const vg = compile(spec).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** @internal exported for its test (and only used there) */
export interface SvgToPngOptions {
  /** Load DejaVu Sans (default true). `false` only exists to show what goes wrong without fonts. */
  fonts?: boolean;
  /** Pixel scale (default 2, for sharp text in documents). */
  scale?: number;
}

/**
 * SVG → PNG with resvg. Fonts are loaded explicitly from dejavu-fonts-ttf with system fonts off:
 * without a font resvg silently drops every text element, and system fonts would make the bytes
 * depend on the machine.
 * @internal exported for its test (and only used there)
 */
export function svgToPng(
  svg: string,
  options: SvgToPngOptions = {},
): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const img = new Resvg(svg, resvgOptions(options)).render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}

function resvgOptions(options: SvgToPngOptions) {
  const fonts = options.fonts ?? true;
  return {
    fitTo: { mode: 'zoom' as const, value: options.scale ?? 2 },
    background: '#ffffff',
    font: fonts
      ? {
          fontFiles: chartFontFiles(),
          loadSystemFonts: false,
          defaultFontFamily: CHART_FONT,
          sansSerifFamily: CHART_FONT,
        }
      : { fontFiles: [], loadSystemFonts: false },
  };
}

/**
 * The same PNG as `svgToPng`, rasterised on a libuv worker thread: several figures at once, while this thread goes on.
 * @internal exported for its test (and only used there)
 */
export async function svgToPngAsync(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions({}))).asPng();
}

/** A figure as SVG and PNG (export/charts/<id>.svg, .png). */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const svg = await chartSvg(spec);
  return { svg, png: await svgToPngAsync(svg) };
}
