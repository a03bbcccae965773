import type { ExportCell, ExportTable, ExportTables, Header, Period } from '../schemas/tablesJson.js';
import { periodYears } from './runSummary.js';
import type { Lang } from './footnotes.js';
import { formatCount, formatPercent } from './formatNumber.js';
import { escapeHtml, htmlPage } from './htmlPage.js';
import { csvRecords } from './csv.js';
import { tableHtml, type CellView } from './tableHtml.js';
import { caption, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { DEFAULT_DISCLOSURE_PARAMS } from '../model/disclosureParams.js';
import { comparisonPageText as TEXT } from '../core/messages.js';
import { type ReasonOf, SUPPRESSION_REASONS, type SuppressionReason } from '../schemas/suppressionAudit.js';

type Presence = 'both' | 'old-only' | 'new-only';

/**
 * One line of a comparison. `scope: 'cell'` compares one cell present in both runs. A table, row or
 * column present in only one run is reported once, as `scope: 'table' | 'row' | 'column'` with its
 * `presence`, not cell by cell.
 */
export interface ComparisonRow {
  table: string;
  scope: 'cell' | 'row' | 'column' | 'table';
  presence: Presence;
  rowKey: string | null;
  rowLabel: string | null;
  columnKey: string | null;
  columnLabel: string | null;
  /** The old and new cell: a count, "**", or null (no cell in the table, or not in that run). */
  old: ExportCell;
  new: ExportCell;
  /** new − old when both are counts. */
  absoluteChange: number | null;
  /** (new − old) / old when both are counts and old > 0. */
  relativeChange: number | null;
  /** The cell is "**" in one run and a count in the other. */
  suppressionChanged: boolean;
  /** Anything differs (value, suppression, presence). */
  changed: boolean;
  /** Both shown and 1 ≤ |new − old| ≤ threshold − 1: the difference itself counts too few persons to publish. */
  smallChange: boolean;
  /** The kind of change: none, a shown value changed, newly suppressed, no longer suppressed, or a table/row/column in one run only. */
  change: ChangeKind;
  /** A cell suppressed in NEW: why (NEW's internal/suppression-audit.json), when known. */
  reason: SuppressionReason | null;
}

type ChangeKind = 'none' | 'value' | 'suppressed' | 'unsuppressed' | 'presence';

/** Default threshold of the disclosure rule (the config's `disclosure.threshold`). */
const DEFAULT_THRESHOLD = DEFAULT_DISCLOSURE_PARAMS.threshold;

function merge(a: Header[], b: Header[]): { key: string; label: string; inOld: boolean; inNew: boolean }[] {
  const out = b.map((h) => ({ key: h.key, label: h.label, inOld: a.some((x) => x.key === h.key), inNew: true }));
  for (const h of a)
    if (!b.some((x) => x.key === h.key)) out.push({ key: h.key, label: h.label, inOld: true, inNew: false });
  return out;
}

function cellAt(t: ExportTable, rowKey: string, colKey: string): ExportCell {
  const i = t.rows.findIndex((r) => r.key === rowKey);
  const j = t.columns.findIndex((c) => c.key === colKey);
  return i < 0 || j < 0 ? null : (t.cells[i]?.[j] ?? null);
}

const base = {
  rowKey: null,
  rowLabel: null,
  columnKey: null,
  columnLabel: null,
  old: null,
  new: null,
  absoluteChange: null,
  relativeChange: null,
  suppressionChanged: false,
  changed: true,
  smallChange: false,
  change: 'presence' as const,
  reason: null,
};

function changeKind(o: ExportCell, n: ExportCell): ChangeKind {
  if (o === n) return 'none';
  if (n === '**') return 'suppressed';
  if (o === '**') return 'unsuppressed';
  return 'value';
}

/**
 * Compare two runs' export/tables.json cell by cell, matching tables, rows and columns by key (labels
 * may differ, e.g. nl vs en: the new run's label is shown). Order: tables in published order, rows
 * and columns in the new run's order, then what only the old run has. Every cell is listed, changed
 * or not, so the CSV is a complete side-by-side; `changed` picks out the differences.
 */
export function compareRuns(
  oldExport: ExportTables,
  newExport: ExportTables,
  declarations: readonly TableDeclaration[],
  threshold = DEFAULT_THRESHOLD,
  reasonOf?: ReasonOf,
): ComparisonRow[] {
  const out: ComparisonRow[] = [];
  const ids = tableOrder([...Object.keys(newExport.tables), ...Object.keys(oldExport.tables)], declarations);
  for (const id of ids) {
    const o = oldExport.tables[id];
    const n = newExport.tables[id];
    if (!o || !n) {
      out.push({ ...base, table: id, scope: 'table', presence: o ? 'old-only' : 'new-only' });
      continue;
    }
    const rows = merge(o.rows, n.rows);
    const cols = merge(o.columns, n.columns);
    for (const r of rows) {
      if (!(r.inOld && r.inNew))
        out.push({
          ...base,
          table: id,
          scope: 'row',
          presence: r.inOld ? 'old-only' : 'new-only',
          rowKey: r.key,
          rowLabel: r.label,
        });
    }
    for (const c of cols) {
      if (!(c.inOld && c.inNew))
        out.push({
          ...base,
          table: id,
          scope: 'column',
          presence: c.inOld ? 'old-only' : 'new-only',
          columnKey: c.key,
          columnLabel: c.label,
        });
    }
    for (const r of rows) {
      if (!(r.inOld && r.inNew)) continue;
      for (const c of cols) {
        if (!(c.inOld && c.inNew)) continue;
        const ov = cellAt(o, r.key, c.key);
        const nv = cellAt(n, r.key, c.key);
        if (ov === null && nv === null) continue; // no cell in either (diagonal, blank corner)
        const both = typeof ov === 'number' && typeof nv === 'number';
        out.push({
          table: id,
          scope: 'cell',
          presence: 'both',
          rowKey: r.key,
          rowLabel: r.label,
          columnKey: c.key,
          columnLabel: c.label,
          old: ov,
          new: nv,
          absoluteChange: both ? nv - ov : null,
          relativeChange: both && ov > 0 ? (nv - ov) / ov : null,
          suppressionChanged: (ov === '**') !== (nv === '**'),
          changed: ov !== nv,
          smallChange: both && Math.abs(nv - ov) >= 1 && Math.abs(nv - ov) <= threshold - 1,
          change: changeKind(ov, nv),
          reason: nv === '**' ? (reasonOf?.(id, r.key, c.key) ?? null) : null,
        });
      }
    }
  }
  return out;
}

function cellText(c: ExportCell): string {
  return c === null ? '' : String(c);
}

/**
 * comparison.csv: same conventions as the table CSVs (UTF-8 with BOM, comma, CRLF, RFC 4180 quoting).
 * relative_change is a fraction with 6 decimals (0.012345 = +1.2345 %); booleans are "yes"/"". small_change marks a
 * difference of 1 to threshold − 1 between two shown counts; with `periods`, every record also carries both periods
 * and their lengths in years (so a change over a longer period is not read as growth).
 */
export function comparisonCsv(rows: ComparisonRow[], periods?: { old: Period; new: Period }): string {
  const header = [
    'table',
    'scope',
    'presence',
    'row_key',
    'row_label',
    'column_key',
    'column_label',
    'old',
    'new',
    'absolute_change',
    'relative_change',
    'suppression_changed',
    'changed',
    'small_change',
    'change',
    'new_suppression_reason',
  ];
  const p = (x: Period) => [`${x.start}..${x.end}`, periodYears(x).toFixed(1)];
  if (periods) header.push('old_period', 'old_years', 'new_period', 'new_years');
  const extra = periods ? [...p(periods.old), ...p(periods.new)] : [];
  return (
    '\uFEFF' +
    csvRecords([
      header,
      ...rows.map((r) => [
        r.table,
        r.scope,
        r.presence,
        r.rowKey ?? '',
        r.rowLabel ?? '',
        r.columnKey ?? '',
        r.columnLabel ?? '',
        cellText(r.old),
        cellText(r.new),
        r.absoluteChange === null ? '' : String(r.absoluteChange),
        r.relativeChange === null ? '' : r.relativeChange.toFixed(6),
        r.suppressionChanged ? 'yes' : '',
        r.changed ? 'yes' : '',
        r.smallChange ? 'yes' : '',
        r.change,
        r.reason ?? '',
        ...extra,
      ]),
    ])
  );
}

export interface ComparisonMeta {
  lang: Lang;
  /** How to name the two runs on the page (e.g. the folder names). */
  oldName: string;
  newName: string;
  oldPeriod?: Period;
  newPeriod?: Period;
  threshold?: number;
  /** Whether NEW was protected jointly with OLD (`run --previous OLD`); undefined when unknown. */
  protectedAgainstOld?: boolean | undefined;
  /** The table declarations of the two runs (from their manifests), for the captions. */
  declarations: readonly TableDeclaration[];
  /** The rows carry NEW's suppression reasons (read from its internal/): the page says it stays inside. */
  withReasons?: boolean;
}

/** comparison.html: a summary and one table of every difference (unchanged cells are only counted). */
export function comparisonHtml(rows: ComparisonRow[], meta: ComparisonMeta): string {
  const lang = meta.lang;
  const tx = TEXT[lang];
  const cells = rows.filter((r) => r.scope === 'cell');
  const counts: Record<string, number> = {
    cells: cells.length,
    changed: cells.filter((r) => r.changed).length,
    supp: cells.filter((r) => r.suppressionChanged).length,
    oldOnly: rows.filter((r) => r.presence === 'old-only').length,
    newOnly: rows.filter((r) => r.presence === 'new-only').length,
  };
  const diffs = rows.filter((r) => r.changed);
  const fill = (s: string, v: Record<string, string | number>) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
  const years = (p: Period) =>
    lang === 'nl' ? periodYears(p).toFixed(1).replace('.', ',') : periodYears(p).toFixed(1);
  const per = (p: Period | undefined) =>
    p ? ` — ${fill(tx.period, { start: p.start, end: p.end, years: years(p) })}` : '';
  const body: string[] = [
    `<h1>${escapeHtml(tx.title)}</h1>`,
    `<p class="meta">${escapeHtml(tx.cols[0]!)}: ${escapeHtml(meta.oldName + per(meta.oldPeriod))}<br>${escapeHtml(tx.cols[1]!)}: ${escapeHtml(meta.newName + per(meta.newPeriod))}</p>`,
  ];
  if (meta.oldPeriod && meta.newPeriod && periodYears(meta.oldPeriod) !== periodYears(meta.newPeriod)) {
    body.push(
      `<p class="note warning"><strong>${escapeHtml(fill(tx.lengthWarning, { oldYears: years(meta.oldPeriod), newYears: years(meta.newPeriod) }))}</strong></p>`,
    );
  }
  body.push(`<p>${escapeHtml(fill(tx.summary, counts))}</p>`);
  const small = cells.filter((r) => r.smallChange).length;
  body.push(`<p>${escapeHtml(fill(tx.small, { max: (meta.threshold ?? DEFAULT_THRESHOLD) - 1, n: small }))}</p>`);
  if (meta.protectedAgainstOld !== undefined)
    body.push(`<p class="note">${escapeHtml(meta.protectedAgainstOld ? tx.protectedYes : tx.protectedNo)}</p>`);
  const kinds = {
    value: 0,
    suppressed: 0,
    unsuppressed: 0,
    ...Object.fromEntries(SUPPRESSION_REASONS.map((k) => [k, 0])),
  } as Record<string, number>;
  for (const r of cells) {
    if (r.change === 'value' || r.change === 'suppressed' || r.change === 'unsuppressed') kinds[r.change]!++;
    if (r.change === 'suppressed' && r.reason) kinds[r.reason]!++;
  }
  body.push(
    `<p>${escapeHtml(fill(tx.kinds, kinds))}${meta.withReasons ? ` ${escapeHtml(fill(tx.kindsWhy, kinds))}` : ''}</p>`,
  );
  if (meta.withReasons) body.push(`<p class="note warning"><strong>${escapeHtml(tx.internal)}</strong></p>`);
  if (diffs.length === 0) {
    body.push(`<p>${escapeHtml(tx.none)}</p>`);
  } else {
    const num = (c: ExportCell): CellView =>
      c === null
        ? { text: '', kind: 'empty' }
        : c === '**'
          ? { text: '**', kind: 'suppressed' }
          : { text: formatCount(c, lang) };
    const labels = diffs.map((r, i) => {
      const where =
        r.scope === 'cell'
          ? `${r.rowLabel} × ${r.columnLabel}`
          : r.scope === 'table'
            ? ''
            : `${tx.notes[r.scope]}: ${r.rowLabel ?? r.columnLabel}`;
      return { key: String(i), label: `${caption(r.table, lang, meta.declarations)}${where ? ` — ${where}` : ''}` };
    });
    const cellRows: CellView[][] = diffs.map((r) => {
      const note =
        r.presence !== 'both'
          ? tx.notes[r.presence]
          : r.change === 'suppressed'
            ? r.reason
              ? `${tx.notes.suppressed}: ${tx.reasons[r.reason]}`
              : tx.notes.suppressed
            : r.change === 'unsuppressed'
              ? tx.notes.unsuppressed
              : r.smallChange
                ? tx.smallNote
                : '';
      const rel =
        r.relativeChange === null
          ? ''
          : `${r.relativeChange >= 0 ? '+' : ''}${formatPercent(r.relativeChange * 100, lang)}`;
      const abs =
        r.absoluteChange === null ? '' : `${r.absoluteChange > 0 ? '+' : ''}${formatCount(r.absoluteChange, lang)}`;
      return [
        num(r.old),
        num(r.new),
        { text: abs },
        { text: rel },
        note ? { text: note, kind: 'secondary' } : { text: '' },
      ];
    });
    body.push(`<h2>${escapeHtml(tx.heading)}</h2>`);
    body.push(
      tableHtml({
        caption: tx.heading,
        rows: labels,
        columns: tx.cols.map((c) => ({ key: c, label: c })),
        sections: [{ cells: cellRows }],
        footnotes: [],
      }),
    );
  }
  return htmlPage(lang, tx.title, body.join('\n'));
}
