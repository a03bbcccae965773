import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/packageRoot.js';
import type { ExportTable, ExportTables, Header, Period } from '../schemas/tablesJson.js';
import { labelMarker } from './footnotes.js';
import { SHARE_FIGURE_IDS } from './tableOrder.js';

export interface LabelsFile {
  titles: Record<string, string>;
  tables: Record<string, Record<string, string>>;
  labels: Record<string, string>;
}

let cached: LabelsFile | undefined;

/** reports/labels.en.json (read from the package root, so it works from source and from build/). */
export function englishLabels(): LabelsFile {
  cached ??= JSON.parse(readFileSync(join(packageRoot(), 'reports', 'labels.en.json'), 'utf8')) as LabelsFile;
  return cached;
}

function years(p: Period | undefined): string {
  if (!p) return '';
  const a = p.start.slice(0, 4);
  const b = p.end.slice(0, 4);
  return a === b ? a : `${a}–${b}`;
}

/**
 * The tables with English titles and labels (`lang: 'en'`). Lookup per header: the table's own entry
 * in `tables[id][key]`, then `labels[key]`; a key found in neither keeps its Dutch label. The Dutch
 * label's footnote marker (`*`, `~`) is carried over. Numbers, keys and shapes are untouched.
 */
export function translateTables(tables: ExportTables, labels: LabelsFile = englishLabels()): ExportTables {
  const out: Record<string, ExportTable> = {};
  for (const [id, t] of Object.entries(tables.tables)) {
    const header = (hd: Header): Header => {
      const en = labels.tables[id]?.[hd.key] ?? labels.labels[hd.key];
      if (en === undefined) return hd;
      const marker = labelMarker(hd.label);
      return { key: hd.key, label: marker ? `${en} ${marker}` : en };
    };
    const title = labels.titles[id];
    const period = SHARE_FIGURE_IDS.includes(id) ? (tables.backgroundPeriod ?? tables.period) : tables.period;
    out[id] = {
      ...t,
      title: title === undefined ? t.title : title.replace('{period}', years(tables.period)).replace('{bgPeriod}', years(period)),
      rows: t.rows.map(header),
      columns: t.columns.map(header),
    };
  }
  return { ...tables, tables: out };
}
