import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { ExportTable, ExportTables, Header, Period } from '../schemas/tablesJson.js';
import { labelMarker } from './footnotes.js';

function years(p: Period | undefined): string {
  if (!p) return '';
  const a = p.start.slice(0, 4);
  const b = p.end.slice(0, 4);
  return a === b ? a : `${a}–${b}`;
}

/**
 * The tables with English titles and labels (`lang: 'en'`), from their declarations (model/tables.json or the
 * config's tables): a row or column gets its declared English label, a header without one keeps its Dutch label.
 * The Dutch label's footnote marker (`*`, `~`) is carried over. Numbers, keys and shapes are untouched.
 */
export function translateTables(tables: ExportTables, declarations: readonly TableDeclaration[]): ExportTables {
  const byId = new Map(declarations.map((d) => [d.id, d]));
  const out: Record<string, ExportTable> = {};
  for (const [id, t] of Object.entries(tables.tables)) {
    const decl = byId.get(id);
    const header =
      (axes: readonly { key: string; labelEn?: string | undefined }[]) =>
      (hd: Header, k: number): Header => {
        const axis = axes[k]?.key === hd.key ? axes[k] : axes.find((a) => a.key === hd.key);
        const en = axis?.labelEn;
        if (en === undefined) return hd;
        const marker = labelMarker(hd.label);
        return { key: hd.key, label: marker ? `${en} ${marker}` : en };
      };
    const period = decl?.basis === 'background' ? (tables.backgroundPeriod ?? tables.period) : tables.period;
    out[id] = {
      ...t,
      title:
        decl === undefined
          ? t.title
          : decl.titleEn.replace('{period}', years(tables.period)).replace('{bgPeriod}', years(period)),
      rows: t.rows.map(header(decl?.rows ?? [])),
      columns: t.columns.map(header(decl?.columns ?? [])),
    };
  }
  return { ...tables, tables: out };
}
