import type { Header } from '../schemas/tablesJson.js';
import type { Footnote } from './footnotes.js';
import { escapeHtml } from './htmlPage.js';

/** One cell as shown: its text and, for styling, what kind of cell it is. */
export interface CellView {
  text: string;
  kind?: 'suppressed' | 'primary' | 'secondary' | 'earlier' | 'empty';
  /** Tooltip (title attribute), e.g. why a cell was suppressed. */
  note?: string;
}

export interface TableSection {
  /** Heading row above this block (e.g. "Percentage van het groepstotaal"); none for the first block. */
  heading?: string;
  cells: CellView[][];
}

export interface TableView {
  /** Accessible name of the table (aria-label; the page shows the title in a heading already). */
  caption: string;
  rows: Header[];
  columns: Header[];
  sections: TableSection[];
  footnotes: Footnote[];
}

/**
 * One table as HTML: header row with the column labels, one row per table row (label as row header),
 * blocks for extra sections (percentages), then the footnotes. Used by report.html and by the
 * reviewer's audit page, so both show a table the same way.
 */
export function tableHtml(view: TableView): string {
  const out: string[] = [];
  out.push(`<div class="scroll"><table class="data" aria-label="${escapeHtml(view.caption)}">`);
  out.push('<thead><tr><th scope="col"></th>');
  for (const c of view.columns) out.push(`<th scope="col">${headerText(c.label)}</th>`);
  out.push('</tr></thead>');
  out.push('<tbody>');
  view.sections.forEach((section) => {
    if (section.heading !== undefined) {
      out.push(`<tr class="section"><th scope="rowgroup">${escapeHtml(section.heading)}</th>`);
      for (const c of view.columns) out.push(`<th scope="col">${headerText(c.label)}</th>`);
      out.push('</tr>');
    }
    view.rows.forEach((row, i) => {
      out.push(`<tr><th scope="row">${escapeHtml(row.label)}</th>`);
      view.columns.forEach((_, j) => {
        const cell = section.cells[i]?.[j] ?? { text: '', kind: 'empty' as const };
        const cls = cell.kind && cell.kind !== 'empty' ? ` class="${cell.kind}"` : '';
        const title = cell.note ? ` title="${escapeHtml(cell.note)}"` : '';
        out.push(`<td${cls}${title}>${escapeHtml(cell.text)}</td>`);
      });
      out.push('</tr>');
    });
  });
  out.push('</tbody></table></div>');
  if (view.footnotes.length > 0) {
    out.push('<ul class="notes">');
    for (const n of view.footnotes) out.push(`<li><b>${escapeHtml(n.marker)}</b> ${escapeHtml(n.text)}</li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}

/** A column label for a narrow header: wraps at spaces, and after a "/" ("werkkring/<wbr>jobcoach"), never inside a word. */
function headerText(label: string): string {
  return escapeHtml(label)
    .replace(/\/(?=\S)/g, '/<wbr>')
    .replace(/ ([*~])$/, '&nbsp;$1');
}
