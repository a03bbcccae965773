import type { TopLevelSpec } from 'vega-lite';
import type { ExportTable } from '../schemas/tablesJson.js';
import type { Lang } from './footnotes.js';
import { formatCount, formatPercent } from './formatNumber.js';
import { caption, chartKind } from './tableOrder.js';
import type { ChartKind, TableDeclaration } from '../model/tableDeclarations.js';
import { percentages } from '../model/percentages.js';
import { chartText as TEXT } from '../core/messages.js';

/** The font every chart asks for; renderChart loads exactly this font into resvg. */
export const CHART_FONT = 'DejaVu Sans';

/** Class colours in column order (dark to light, colour-blind safe); "onbekend" is always grey. */
const PALETTE = ['#1f4e79', '#5b9bd5', '#a9d18e', '#f4b183', '#ffd966', '#c00000'];
const DARK = new Set(['#1f4e79', '#c00000']);
const UNKNOWN = '#bfbfbf';
const SUPPRESSED_FILL = '#ffffff';
const BAR = '#2e75b6';

/**
 * The Vega-Lite spec of one figure, data inlined (export/charts/<id>.vl.json).
 *
 * - F3.1–F3.3: one 100 % stacked horizontal bar per group, the published `percentages` per class,
 *   classes coloured ("onbekend" grey), segment labels "38%" where the segment is wide enough.
 * - F3.4, F3.5, F4.1, F4.3, F4.4: vertical bars of persons per number of categories, value above.
 * - A `bars` figure with several columns (a user figure): a group of bars per row, one per column.
 *
 * Suppressed numbers are never drawn as a length. A count bar that is `**` has no bar: the text "**"
 * stands on the zero line. In a share bar every class keeps its place and colour in every row: a
 * suppressed class is a white segment with a dashed grey outline, labelled "**", in its own place;
 * the suppressed classes of a group share equally what the shown ones leave of 100 % (with one
 * suppressed class that is exactly its share, which a reader can compute from the table anyway); a row with nothing
 * shown is one "**" segment over the whole bar. The legend has an
 * entry "** te weinig waarnemingen" and the subtitle explains `**` whenever the figure has one.
 */

/** The legend under a chart: one entry per class or column, in rows of at most four (three when there are more). */
function bottomLegend(domain: readonly string[]) {
  return {
    orient: 'bottom',
    title: null,
    direction: 'horizontal',
    columns: domain.length <= 4 ? domain.length : 3,
    labelLimit: 260,
  } as const;
}
export function chartSpec(
  id: string,
  table: ExportTable,
  lang: Lang,
  declarations: readonly TableDeclaration[],
  threshold: number,
  chart: ChartKind = chartKind(id, declarations) ?? 'bars',
): TopLevelSpec {
  const capt = caption(id, lang, declarations);
  return chart === 'share' ? shareSpec(capt, table, lang, threshold) : countSpec(capt, table, lang);
}

function titleLines(capt: string, table: ExportTable, width = 80): string[] {
  const words = `${capt}. ${table.title}`.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function config(lang: Lang): NonNullable<TopLevelSpec['config']> {
  return {
    font: CHART_FONT,
    background: '#ffffff',
    view: { stroke: null },
    padding: 12,
    title: {
      anchor: 'start',
      fontSize: 14,
      fontWeight: 'bold',
      subtitleFontSize: 12,
      subtitleColor: '#444',
      offset: 12,
    },
    axis: {
      labelFontSize: 12,
      titleFontSize: 12,
      labelColor: '#222',
      titleColor: '#222',
      domainColor: '#666',
      tickColor: '#666',
      gridColor: '#e6e6e6',
    },
    legend: {
      labelFontSize: 12,
      symbolStrokeColor: '#666',
      symbolStrokeWidth: 0.6,
      symbolType: 'square',
      symbolSize: 120,
    },
    locale: {
      number:
        lang === 'nl'
          ? { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] }
          : { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
    },
  };
}

interface ShareDatum {
  group: string;
  groupKey: string;
  cls: string;
  clsKey: string;
  x0: number;
  x1: number;
  mid: number;
  percentage: number | null;
  suppressed: boolean;
  label: string;
  labelColor: string;
}

function shareSpec(capt: string, table: ExportTable, lang: Lang, threshold: number): TopLevelSpec {
  const t = TEXT[lang];
  // the table's published percentages; a table read without them gets them by the one rule (model/percentages.ts)
  const pct = table.percentages ?? percentages(table, threshold);
  const classIdx = table.columns.map((c, j) => [c, j] as const).filter(([c]) => c.key !== 'total');
  const colorOf = new Map<string, string>();
  let k = 0;
  for (const [c] of classIdx) colorOf.set(c.label, c.key === 'onbekend' ? UNKNOWN : PALETTE[k++ % PALETTE.length]!);

  const values: ShareDatum[] = [];
  let anySuppressed = false;
  table.rows.forEach((row, i) => {
    // every class keeps its place (column order) and colour; a suppressed class is drawn in its place as a white,
    // dashed segment labelled "**", the suppressed classes of a row sharing equally what the shown ones leave of 100 %
    // (one suppressed class: exactly its share, which a reader can compute from the table anyway)
    const shares = classIdx.map(([c, j]) => ({ c, p: pct[i]?.[j] ?? null }));
    const shownSum = shares.reduce((a, x) => a + (typeof x.p === 'number' && x.p > 0 ? x.p : 0), 0);
    const hidden = shares.filter((x) => x.p === '**').length;
    const hiddenWidth = hidden > 0 ? Math.max(0, 100 - shownSum) / hidden : 0;
    if (hidden > 0 && shownSum === 0) {
      // nothing shown in this row: one "**" segment over the whole bar (equal parts would look like data)
      anySuppressed = true;
      values.push({
        group: row.label,
        groupKey: row.key,
        cls: t.suppressed,
        clsKey: '**',
        x0: 0,
        x1: 100,
        mid: 50,
        percentage: null,
        suppressed: true,
        label: '**',
        labelColor: '#000000',
      });
      return;
    }
    let x = 0;
    for (const { c, p } of shares) {
      if (p === '**') {
        anySuppressed = true;
        const x0 = Math.min(x, 100);
        const x1 = Math.min(100, x + hiddenWidth);
        x = x1;
        values.push({
          group: row.label,
          groupKey: row.key,
          cls: t.suppressed,
          clsKey: c.key,
          x0: round(x0),
          x1: round(x1),
          mid: round((x0 + x1) / 2),
          percentage: null,
          suppressed: true,
          label: x1 - x0 >= 3 ? '**' : '',
          labelColor: '#000000',
        });
        continue;
      }
      if (p === null || p <= 0) continue;
      const x0 = x;
      const x1 = Math.min(100, x + p);
      x = x1;
      const color = colorOf.get(c.label)!;
      values.push({
        group: row.label,
        groupKey: row.key,
        cls: c.label,
        clsKey: c.key,
        x0: round(x0),
        x1: round(x1),
        mid: round((x0 + x1) / 2),
        percentage: p,
        suppressed: false,
        label: x1 - x0 >= 5 ? formatPercent(p, lang, 0) : '',
        labelColor: DARK.has(color) ? '#ffffff' : '#000000',
      });
    }
  });

  const domain = [...colorOf.keys()];
  const range = [...colorOf.values()];
  if (anySuppressed) {
    domain.push(t.suppressed);
    range.push(SUPPRESSED_FILL);
  }
  const groups = table.rows.map((r) => r.label);
  // nothing but ** (or nothing at all): the bars alone would not say it
  const nothing = !values.some((v) => !v.suppressed);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: titleLines(capt, table),
      ...(nothing
        ? { subtitle: [t.empty, ...(anySuppressed ? [t.note] : [])] }
        : anySuppressed
          ? { subtitle: t.note }
          : {}),
    },
    width: 560,
    height: { step: 36 },
    padding: { left: 12, top: 12, bottom: 12, right: 28 },
    data: { values: values as unknown as Record<string, unknown>[] },
    encoding: {
      y: {
        field: 'group',
        type: 'nominal',
        sort: groups,
        title: null,
        axis: { labelLimit: 220, ticks: false, domain: false },
      },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1, height: { band: 0.7 } },
        encoding: {
          x: {
            field: 'x0',
            type: 'quantitative',
            scale: { domain: [0, 100], nice: false },
            title: t.share,
            axis: { values: [0, 20, 40, 60, 80, 100], labelExpr: "datum.value + '%'", grid: true },
          },
          x2: { field: 'x1' },
          color: {
            field: 'cls',
            type: 'nominal',
            scale: { domain, range },
            sort: domain,
            legend: bottomLegend(domain),
          },
          stroke: { condition: { test: 'datum.suppressed', value: '#666666' }, value: '#ffffff' },
          strokeDash: { condition: { test: 'datum.suppressed', value: [4, 2] }, value: [1, 0] },
          tooltip: [
            { field: 'group', title: ' ' },
            { field: 'cls', title: '  ' },
            { field: 'percentage', title: '%', format: '.1f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 12, baseline: 'middle', align: 'center' },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'label' },
          color: { field: 'labelColor', type: 'nominal', scale: null },
        },
      },
    ],
    config: config(lang),
  } as TopLevelSpec;
}

/** The published percentage, or one derived from the counts when the table has no matrix (old files). */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Characters of a category label per line under a 110 px bar step (12 px DejaVu Sans: about 7.5 px a character). */
const LABEL_CHARS = 13;

/** Greedy word wrap: lines of at most `width` characters (a longer word stands alone; a hyphenated word may break after its hyphen). */
function wrapLabel(label: string, width: number): string[] {
  const words = label.split(/\s+/).flatMap((w) => (w.length > width && w.includes('-') ? w.split(/(?<=-)/) : [w]));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const glue = line === '' || line.endsWith('-') ? '' : ' ';
    if (line && line.length + glue.length + w.length > width) {
      lines.push(line);
      line = w;
    } else line += line ? glue + w : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** An axis labelExpr that writes each label on the lines wrapLabel gives (Vega draws an array as lines). */
function wrappedLabels(labels: readonly string[], width: number): string {
  const map: Record<string, string[]> = {};
  for (const l of labels) map[l] = wrapLabel(l, width);
  return `${JSON.stringify(map)}[datum.label] || datum.label`;
}

/**
 * Bars of persons, the value above each bar. One column: a bar per row. Several columns (a user figure, e.g. persons
 * per group and year): per row a group of bars, one per column, coloured by column (PALETTE order, "onbekend" grey)
 * with a legend. A suppressed count has no bar: its "**" stands on the zero line.
 */
function countSpec(capt: string, table: ExportTable, lang: Lang): TopLevelSpec {
  const t = TEXT[lang];
  const grouped = table.columns.length > 1;
  const columns = grouped ? table.columns : [table.columns[0]];
  const values = table.rows.flatMap((row, i) =>
    columns.map((column, j) => {
      const v = table.cells[i]?.[j] ?? null;
      return {
        category: row.label,
        key: row.key,
        ...(grouped && column ? { series: column.label, seriesKey: column.key } : {}),
        persons: typeof v === 'number' ? v : null,
        suppressed: v === '**',
        label: typeof v === 'number' ? formatCount(v, lang) : v === '**' ? '**' : '',
        labelY: typeof v === 'number' ? v : 0,
      };
    }),
  );
  const anySuppressed = values.some((v) => v.suppressed);
  // only ** and 0: an empty plot with a lone "0" tick says nothing; say so instead
  const nothing = !values.some((v) => (v.persons ?? 0) > 0);
  const emptyLayer = nothing
    ? [
        {
          data: { values: [{}] },
          mark: { type: 'text', fontSize: 14, color: '#444444', align: 'center', baseline: 'middle' },
          encoding: {
            x: { value: { expr: 'width / 2' } },
            y: { value: { expr: 'height / 2' } },
            text: { value: t.empty },
          },
        },
      ]
    : [];
  const colorOf = new Map<string, string>();
  let k = 0;
  for (const c of grouped ? table.columns : [])
    colorOf.set(c.label, c.key === 'onbekend' ? UNKNOWN : PALETTE[k++ % PALETTE.length]!);
  const domain = [...colorOf.keys()];
  const series = { field: 'series', type: 'nominal', sort: domain } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: titleLines(capt, table), ...(anySuppressed ? { subtitle: t.note } : {}) },
    width: grouped ? { step: 34, for: 'offset' } : { step: 110 },
    height: 260,
    data: { values },
    encoding: {
      x: {
        field: 'category',
        type: 'nominal',
        sort: table.rows.map((r) => r.label),
        title: null,
        ...(grouped ? { scale: { paddingInner: 0.25 } } : {}),
        axis: {
          labelAngle: 0,
          labelLimit: 0,
          ticks: false,
          labelExpr: wrappedLabels(
            table.rows.map((r) => r.label),
            grouped ? 12 : LABEL_CHARS,
          ),
        },
      },
      ...(grouped ? { xOffset: series } : {}),
    },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.persons)' }],
        mark: grouped ? { type: 'bar' } : { type: 'bar', color: BAR, width: { band: 0.65 } },
        encoding: {
          y: {
            field: 'persons',
            type: 'quantitative',
            title: t.persons,
            axis: nothing ? null : { format: ',d', grid: true, tickMinStep: 1 },
          },
          ...(grouped
            ? {
                color: {
                  ...series,
                  scale: { domain, range: [...colorOf.values()] },
                  legend: bottomLegend(domain),
                },
              }
            : {}),
          tooltip: [
            { field: 'category', title: ' ' },
            ...(grouped ? [{ field: 'series', title: '  ' }] : []),
            { field: 'persons', title: t.persons, format: ',d' },
          ],
        },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: grouped ? 10 : 12, color: '#222222' },
        encoding: {
          // nothing drawn: the "**" and "0" labels sit on the axis, clear of the message
          y: { field: 'labelY', type: 'quantitative', ...(nothing ? { scale: { domain: [0, 1] } } : {}) },
          text: { field: 'label' },
        },
      },
      ...emptyLayer,
    ],
    config: config(lang),
  } as TopLevelSpec;
}
