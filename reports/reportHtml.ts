import type { ExportCell, ExportTable, ExportTables, Period } from '../schemas/tablesJson.js';
import { allFootnotes, footnotes, type Lang } from './footnotes.js';
import { formatCount, formatPercent } from './formatNumber.js';
import { escapeHtml, htmlPage } from './htmlPage.js';
import { tableHtml, type CellView, type TableSection } from './tableHtml.js';
import { caption, isFigure, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { reportPageText as TEXT } from '../core/messages.js';

export interface ReportMeta {
  lang: Lang;
  /** The disclosure threshold, for the explanation of `**`. */
  threshold: number;
  /** Page heading; a default per language. */
  title?: string;
  /** Software version shown under the heading (no dates: output must be reproducible). */
  version?: string;
  /** The run's table declarations (order, figure or table). */
  declarations: readonly TableDeclaration[];
}

function countCell(c: ExportCell | undefined, lang: Lang): CellView {
  if (c === null || c === undefined) return { text: '', kind: 'empty' };
  if (c === '**') return { text: '**', kind: 'suppressed' };
  return { text: formatCount(c, lang) };
}

function percentCell(c: number | '**' | null | undefined, lang: Lang): CellView {
  if (c === null || c === undefined) return { text: '', kind: 'empty' };
  if (c === '**') return { text: '**', kind: 'suppressed' };
  return { text: formatPercent(c, lang) };
}

function date(d: string, lang: Lang): string {
  const [y, m, day] = d.split('-');
  return lang === 'nl' ? `${Number(day)}-${Number(m)}-${y}` : `${y}-${m}-${day}`;
}

export function periodText(p: Period, lang: Lang): string {
  return `${date(p.start, lang)} – ${date(p.end, lang)}`;
}

/** Give the ids inside one inline SVG a prefix, so several charts on one page cannot clash. */
function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

export function anchor(id: string): string {
  return `t-${id.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/** The sections of one table: the counts, and for F3.1–F3.3 the percentages. */
function exportTableBody(t: ExportTable, lang: Lang, capt: string, threshold: number): string {
  const sections: TableSection[] = [{ cells: t.cells.map((r) => r.map((c) => countCell(c, lang))) }];
  if (t.percentages) {
    sections.push({ heading: TEXT[lang].pct, cells: t.percentages.map((r) => r.map((c) => percentCell(c, lang))) });
  }
  return tableHtml({
    caption: capt,
    rows: t.rows,
    columns: t.columns,
    sections,
    footnotes: footnotes(t, lang, threshold),
  });
}

/**
 * export/report.html: one self-contained page with every table and figure in published order —
 * heading ("Tabel 3.1. …"), for a figure its chart (inline SVG) and the numbers behind it, then the
 * footnotes the table needs. Inline CSS, no scripts, no external resources (a Content-Security-Policy
 * forbids any), so it reads the same on a locked-down machine without network.
 */
export function reportHtml(tables: ExportTables, charts: Record<string, string>, meta: ReportMeta): string {
  const lang = meta.lang;
  const tx = TEXT[lang];
  const decls = meta.declarations;
  const ids = tableOrder(Object.keys(tables.tables), decls);
  const body: string[] = [];
  const title = meta.title ?? tx.title;
  body.push(`<h1>${escapeHtml(title)}</h1>`);
  let period = `${tx.period}: ${periodText(tables.period, lang)}`;
  if (tables.backgroundPeriod) period += `; ${tx.bgPeriod}: ${periodText(tables.backgroundPeriod, lang)}`;
  body.push(
    `<p class="meta">${escapeHtml(period)}${meta.version ? `<br>${escapeHtml(`${tx.version} ${meta.version}`)}` : ''}</p>`,
  );
  // quarantined rows: the same note is on every table; say it once up front too
  const note = ids.map((id) => tables.tables[id]!.note).find((n) => n);
  if (note) body.push(`<p class="note">${escapeHtml(note)}</p>`);
  body.push(`<h3>${escapeHtml(tx.markers)}</h3><ul class="notes">`);
  for (const n of allFootnotes(lang, meta.threshold))
    body.push(`<li><b>${escapeHtml(n.marker)}</b> ${escapeHtml(n.text)}</li>`);
  body.push('</ul>');
  body.push(`<nav><h3>${escapeHtml(tx.contents)}</h3><ol>`);
  for (const id of ids) body.push(`<li><a href="#${anchor(id)}">${escapeHtml(caption(id, lang, decls))}</a></li>`);
  body.push('</ol></nav>');
  for (const id of ids) {
    const t = tables.tables[id]!;
    const capt = `${caption(id, lang, decls)}. ${t.title}`;
    body.push(`<section id="${anchor(id)}" data-table-id="${escapeHtml(id)}">`);
    body.push(`<h2><span class="caption">${escapeHtml(caption(id, lang, decls))}.</span> ${escapeHtml(t.title)}</h2>`);
    if (t.note) body.push(`<p class="note">${escapeHtml(t.note)}</p>`);
    if (isFigure(id, decls)) {
      const svg = charts[id];
      body.push(
        svg
          ? `<figure data-figure-id="${escapeHtml(id)}" role="img" aria-label="${escapeHtml(capt)}">${scopeSvgIds(svg, anchor(id))}</figure>`
          : `<p class="meta">${escapeHtml(tx.noChart)}</p>`,
      );
    }
    body.push(exportTableBody(t, lang, capt, meta.threshold));
    body.push('</section>');
  }
  return htmlPage(lang, title, body.join('\n'));
}
