import { InternalError } from '../core/errors.js';
import type { ExportTable, ExportTables } from '../schemas/tablesJson.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { chartSpec } from './chartSpec.js';
import type { Lang } from './footnotes.js';
import { renderChart } from './renderChart.js';
import { reportHtml } from './reportHtml.js';
import { tableCsv, tableCsvNl } from './tableCsv.js';
import { chartKind, tableOrder } from './tableOrder.js';
import { tablesXlsx } from './tablesXlsx.js';
import { translateTables } from './translateTables.js';
import { digestsOf, isDataFile, SUMS_FILE, sha256SumsText, type FileDigest } from './exportSums.js';

export interface RenderExportOptions {
  lang: Lang;
  /** The disclosure threshold, for the explanation of `**` (and a share figure read without its percentages). */
  threshold: number;
  /**
   * The notes for the output checker, given the SHA-256 of every data file of the export (exportSums.ts): README.txt
   * (English), LEESMIJ.txt (Dutch; written when given) and the note as lines in the run's language for the first
   * sheet of tables.xlsx (when given); written as returned.
   */
  notes: (dataFiles: readonly FileDigest[]) => ExportNotes;
  /** Shown in report.html under the heading. */
  version?: string;
  /** The run's table declarations (order, kind, chart, English labels). */
  declarations: readonly TableDeclaration[];
}

/**
 * tables.json text with a fixed key order — period, backgroundPeriod, tables (in published order),
 * and per table title, rows, columns, cells, percentages — two-space indent, final newline.
 */
export function exportTablesJson(tables: ExportTables, declarations: readonly TableDeclaration[]): string {
  const ordered: Record<string, ExportTable> = {};
  for (const id of tableOrder(Object.keys(tables.tables), declarations)) {
    const t = tables.tables[id]!;
    ordered[id] = {
      title: t.title,
      rows: t.rows.map((h) => ({ key: h.key, label: h.label })),
      columns: t.columns.map((h) => ({ key: h.key, label: h.label })),
      cells: t.cells,
      ...(t.percentages ? { percentages: t.percentages } : {}),
      ...(t.note ? { note: t.note } : {}),
    };
  }
  const doc = {
    period: { start: tables.period.start, end: tables.period.end },
    ...(tables.backgroundPeriod
      ? { backgroundPeriod: { start: tables.backgroundPeriod.start, end: tables.backgroundPeriod.end } }
      : {}),
    tables: ordered,
  };
  // cells stay one row per line: a 9-column row on 11 lines is unreadable in a diff
  return (
    JSON.stringify(doc, (_k, v: unknown) => v, 2).replace(
      /\[\n\s+([^[\]{}]*?)\n\s+\]/g,
      (_m, inner: string) => `[${inner.replace(/,\n\s+/g, ', ')}]`,
    ) + '\n'
  );
}

/** The checker's note in the files that carry it. */
export interface ExportNotes {
  readme: string;
  leesmij?: string | undefined;
  summary?: string[] | undefined;
}

/** Relative path ("/" separators) → file content. */
export type FileMap = Record<string, string | Uint8Array>;

/**
 * Renders the whole export/ folder (pure: nothing is written here): tables.json, tables/<id>.csv, tables-nl/<id>.csv
 * (Dutch Excel), tables.xlsx, report.html, charts/<id>.vl.json, .svg and .png for every figure present, README.txt
 * and LEESMIJ.txt (the notes, stating the SHA-256 of every data file), and SHA256SUMS (every other file). With `lang: 'en'` every title and label is translated first (the English labels of the
 * declarations), in all files including tables.json; keys and numbers are never touched. Returns relative path →
 * content, keys sorted.
 */
export async function renderExport(tables: ExportTables, options: RenderExportOptions): Promise<FileMap> {
  const decls = options.declarations;
  const t = options.lang === 'en' ? translateTables(tables, decls) : tables;
  const ids = tableOrder(Object.keys(t.tables), decls);
  for (const id of ids) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
      throw new InternalError(`writeExport: table id ${JSON.stringify(id)} cannot be a file name`);
  }
  const files: FileMap = {};
  const put = async (rel: string, data: string | Uint8Array): Promise<void> => {
    files[rel] = data;
  };

  // every figure at once: their PNGs are rasterised on worker threads (resvg) while the tables and workbook are written
  const figures = ids.flatMap((id) => {
    const chart = chartKind(id, decls);
    return chart ? [{ id, spec: chartSpec(id, t.tables[id]!, options.lang, decls, options.threshold, chart) }] : [];
  });
  const rendered = Promise.all(figures.map((f) => renderChart(f.spec)));
  rendered.catch(() => {}); // awaited below; a failure there is the one reported

  await put('tables.json', exportTablesJson(t, decls));
  for (const id of ids) await put(`tables/${id}.csv`, tableCsv(t.tables[id]!));
  for (const id of ids) await put(`tables-nl/${id}.csv`, tableCsvNl(t.tables[id]!));

  const svgs: Record<string, string> = {};
  const charts = await rendered;
  figures.forEach((f, k) => {
    const { svg, png } = charts[k]!;
    svgs[f.id] = svg;
    files[`charts/${f.id}.vl.json`] = JSON.stringify(f.spec, null, 2) + '\n';
    files[`charts/${f.id}.svg`] = svg;
    files[`charts/${f.id}.png`] = png;
  });
  await put(
    'report.html',
    reportHtml(t, svgs, {
      lang: options.lang,
      threshold: options.threshold,
      declarations: decls,
      ...(options.version ? { version: options.version } : {}),
    }),
  );
  const notes = options.notes(digestsOf(Object.fromEntries(Object.entries(files).filter(([rel]) => isDataFile(rel)))));
  await put(
    'tables.xlsx',
    await tablesXlsx(t, {
      lang: options.lang,
      threshold: options.threshold,
      summary: notes.summary,
      declarations: decls,
    }),
  );
  await put('README.txt', notes.readme);
  if (notes.leesmij !== undefined) await put('LEESMIJ.txt', notes.leesmij);
  files[SUMS_FILE] = sha256SumsText(files);
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
