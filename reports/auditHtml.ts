import type { InternalTables } from '../schemas/tablesJson.js';
import { InternalError } from '../core/errors.js';
import { footnotes, type Lang } from './footnotes.js';
import { formatCount } from './formatNumber.js';
import { escapeHtml, htmlPage } from './htmlPage.js';
import { anchor, periodText } from './reportHtml.js';
import { tableHtml, type CellView } from './tableHtml.js';
import { caption, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';

export type SuppressionMark = 'primary' | 'secondary' | null;

export interface AuditMeta {
  lang: Lang;
  /** Rules and parameters as text lines (threshold, zero handling, safety range, audit result), composed by the disclosure code. */
  rules?: string[];
  /** Per table and cell, an explanation shown as a tooltip (e.g. "protects 3.6 jobcoach × waz; interval [0, 31]"). */
  notes?: Record<string, (string | null)[][]>;
  /** The run's table declarations (order, caption); default the shipped ones. */
  declarations?: readonly TableDeclaration[];
}

const TEXT: Record<Lang, Record<string, string>> = {
  nl: {
    title: 'Controle van de afscherming (alleen intern)',
    warning: 'Dit bestand bevat exacte aantallen, ook van afgeschermde cellen. Het hoort in internal/ en mag de beveiligde omgeving niet verlaten.',
    period: 'Analyseperiode',
    rules: 'Regels en parameters',
    legend: 'Legenda',
    primary: 'primair afgeschermd: 1 t/m 9 personen (of onder de drempel)',
    secondary: 'secundair afgeschermd: beschermt een primaire cel',
    totals: 'Cellen gepubliceerd: {published}; primair afgeschermd: {primary}; secundair afgeschermd: {secondary}.',
    tableTotals: 'gepubliceerd {published}, primair {primary}, secundair {secondary}',
  },
  en: {
    title: 'Disclosure control audit (internal only)',
    warning: 'This file holds exact counts, also of suppressed cells. It belongs in internal/ and must not leave the secure environment.',
    period: 'Analysis period',
    rules: 'Rules and parameters',
    legend: 'Legend',
    primary: 'primary suppression: 1 to 9 persons (or below the threshold)',
    secondary: 'secondary suppression: protects a primary cell',
    totals: 'Cells published: {published}; primary suppressed: {primary}; secondary suppressed: {secondary}.',
    tableTotals: 'published {published}, primary {primary}, secondary {secondary}',
  },
};

function fill(s: string, v: Record<string, number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
}

/**
 * The reviewer's page (internal/, never export/): every table as published, with each suppressed
 * cell marked by kind (coloured, and labelled [P] primary / [S] secondary) and its true value visible
 * as "** (7) [P]". Per table and in total: cells published, primary, secondary. A table missing from
 * `marks` has no suppressed cells; a marks matrix of the wrong shape is an internal fault.
 */
export function auditHtml(internal: InternalTables, marks: Record<string, SuppressionMark[][]>, meta: AuditMeta): string {
  const lang = meta.lang;
  const tx = TEXT[lang];
  const body: string[] = [];
  body.push(`<h1>${escapeHtml(tx.title)}</h1>`);
  body.push(`<p class="meta"><strong>${escapeHtml(tx.warning)}</strong><br>${escapeHtml(`${tx.period}: ${periodText(internal.period, lang)}`)}</p>`);
  if (meta.rules && meta.rules.length > 0) {
    body.push(`<h3>${escapeHtml(tx.rules)}</h3><ul class="notes">`);
    for (const r of meta.rules) body.push(`<li>${escapeHtml(r)}</li>`);
    body.push('</ul>');
  }
  body.push(`<p class="legend">${escapeHtml(tx.legend)}: <span class="primary">** (n) [P]</span>${escapeHtml(tx.primary)} &nbsp; <span class="secondary">** (n) [S]</span>${escapeHtml(tx.secondary)}</p>`);

  const total = { published: 0, primary: 0, secondary: 0 };
  const sections: string[] = [];
  for (const id of tableOrder(Object.keys(internal.tables), meta.declarations)) {
    const t = internal.tables[id]!;
    const m = marks[id];
    if (m && (m.length !== t.rows.length || m.some((r) => r.length !== t.columns.length))) {
      throw new InternalError(`auditHtml: suppression marks for table ${id} do not have the table's shape (${t.rows.length} × ${t.columns.length})`);
    }
    const count = { published: 0, primary: 0, secondary: 0 };
    const cells: CellView[][] = t.cells.map((row, i) =>
      row.map((v, j): CellView => {
        if (v === null) return { text: '', kind: 'empty' };
        const mark = m?.[i]?.[j] ?? null;
        const note = meta.notes?.[id]?.[i]?.[j] ?? undefined;
        if (mark === null) {
          count.published++;
          return { text: formatCount(v, lang) };
        }
        count[mark]++;
        // the kind in the text too, not only as a colour: the page must survive black-and-white printing
        return { text: `** (${formatCount(v, lang)}) ${mark === 'primary' ? '[P]' : '[S]'}`, kind: mark, note: note ?? (mark === 'primary' ? tx.primary : tx.secondary) };
      }),
    );
    total.published += count.published;
    total.primary += count.primary;
    total.secondary += count.secondary;
    const capt = `${caption(id, lang, meta.declarations)}. ${t.title}`;
    // footnotes() looks at markers in labels and at "**" cells: give it the table as published
    const asPublished = { ...t, cells: t.cells.map((r, i) => r.map((v, j) => (v !== null && m?.[i]?.[j] ? ('**' as const) : v))) };
    sections.push(`<section id="${anchor(id)}" data-table-id="${escapeHtml(id)}">`);
    sections.push(`<h2><span class="caption">${escapeHtml(caption(id, lang, meta.declarations))}.</span> ${escapeHtml(t.title)}</h2>`);
    sections.push(`<p class="meta">${escapeHtml(fill(tx.tableTotals!, count))}</p>`);
    sections.push(tableHtml({ caption: capt, rows: t.rows, columns: t.columns, sections: [{ cells }], footnotes: footnotes(asPublished, lang) }));
    sections.push('</section>');
  }
  body.push(`<p>${escapeHtml(fill(tx.totals!, total))}</p>`);
  body.push(...sections);
  return htmlPage(lang, tx.title!, body.join('\n'));
}
