import type { InternalTables } from '../schemas/tablesJson.js';
import { InternalError } from '../core/errors.js';
import { footnotes, type Lang } from './footnotes.js';
import { formatCount } from './formatNumber.js';
import { escapeHtml, htmlPage } from './htmlPage.js';
import { anchor, periodText } from './reportHtml.js';
import { tableHtml, type CellView } from './tableHtml.js';
import { caption, tableOrder } from './tableOrder.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { auditPageText as TEXT, checkerNoteText } from '../core/messages.js';
import type { EarlierRecord } from '../schemas/manifest.js';
import { type FileDigest, sumLine } from './exportSums.js';
import {
  type EarlierReason,
  emptyReasonCounts,
  SUPPRESSION_REASONS,
  type SuppressionReason,
} from '../schemas/suppressionAudit.js';

export type SuppressionMark = 'primary' | 'secondary' | null;

/** One suppressed cell as proven by the audit (the shape of internal/suppression-audit.json's cells). */
export interface AuditedCell {
  table: string;
  row: string;
  column: string;
  value: number;
  kind: 'primary' | 'secondary';
  interval: [number, number | null];
  protection?: number;
  protects?: { table: string; row: string; column: string }[];
  /** Why it is suppressed (disclosure/suppressionAudit.ts); absent in files of older versions. */
  why?: SuppressionReason;
  /** The earlier exports it is suppressed for (differencing: with the difference). */
  earlier?: EarlierReason[];
  /** With `earlier`: the interval its attacker interval had to reach. */
  needs?: [number, number];
  /** Suppressed only because of earlier exports. */
  forPrevious?: boolean;
}

export interface AuditMeta {
  lang: Lang;
  /** Rules and parameters as text lines; when absent and `params` is given, the page states them in its language. */
  rules?: string[];
  /** The rule's parameters (threshold, zero handling, safety range). */
  params: { threshold: number; zeroUnsafe: boolean; safetyRange: number };
  /** Per suppressed cell its proven interval, protection requirement and (secondary) the primaries it protects. */
  cells?: AuditedCell[];
  /** Per table and cell, an explanation shown as a tooltip; by default composed from `cells`. */
  notes?: Record<string, (string | null)[][]>;
  /** The run's table declarations (order, caption). */
  declarations: readonly TableDeclaration[];
  /** What binds the page to the run: the audit's verdict, the earlier exports, the program, every export file's SHA-256. */
  evidence?: AuditEvidence;
}

/** The records the page shares with `multigebruik audit` and the checker's note (one verdict everywhere). */
export interface AuditEvidence {
  /** The audit's verdict (internal/suppression-audit.json `passed`): the page's overall verdict. */
  passed: boolean;
  previous: readonly EarlierRecord[];
  software: { version: string; commit: string };
  /** Every file of export/, SHA256SUMS included. */
  exportFiles: readonly FileDigest[];
  /** With run --certificate: internal/certificate.json's SHA-256 and how many sides have a witness. */
  certificate?: { sha256: string; witnessed: number; sides: number } | undefined;
}

function fill(s: string, v: Record<string, number | string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
}

/** The interval a primary cell's proven interval must reach: `needs` when earlier exports set it, else v − p … v + p. */
function required(c: AuditedCell): [number, number] | null {
  if (c.kind !== 'primary') return null;
  if (c.needs) return c.needs;
  if (c.protection === undefined) return null;
  return [Math.max(0, c.value - c.protection), c.value + c.protection];
}

/** Does a primary cell's proven interval reach what it requires (its `needs` when earlier exports set them, else v − p … v + p)? */
export function meetsRequirement(c: AuditedCell): boolean {
  const need = required(c);
  if (need === null) return true;
  const [lo, hi] = c.interval;
  return lo <= need[0] && (hi === null || hi >= need[1]);
}

/** The tag of a reason kind, shown beside the cell (the page must survive black-and-white printing). */
const TAG: Record<SuppressionReason, string> = {
  threshold: '[P]',
  protects: '[S]',
  differencing: '[D]',
  earlierCell: '[E]',
};
const CLASS: Record<SuppressionReason, 'primary' | 'secondary' | 'earlier'> = {
  threshold: 'primary',
  protects: 'secondary',
  differencing: 'earlier',
  earlierCell: 'earlier',
};

/** A suppressed cell's reason kind: from its audit record, else from its mark (files of older versions). */
function reasonOf(mark: 'primary' | 'secondary', audited: AuditedCell | undefined): SuppressionReason {
  return audited?.why ?? (mark === 'primary' ? 'threshold' : 'protects');
}

/**
 * The reviewer's page (internal/, never export/): every table as published, with each suppressed
 * cell marked by kind (coloured, and labelled [P] primary / [S] secondary) and its true value visible
 * as "** (7) [P]". Under each table, every suppressed cell with its proven interval [lo, hi], for a
 * primary the required interval and whether it is met, for a secondary the primary cells it protects,
 * and a one-line verdict per table; a checker can approve from this page alone. Per table and in
 * total: cells shown, primary, secondary. A table missing from `marks` has no suppressed cells; a
 * marks matrix of the wrong shape is an internal fault.
 */
export function auditHtml(
  internal: InternalTables,
  marks: Record<string, SuppressionMark[][]>,
  meta: AuditMeta,
): string {
  const lang = meta.lang;
  const tx = TEXT[lang];
  const maxUnsafe = meta.params.threshold - 1;
  const kindText: Record<SuppressionReason, string> = {
    threshold: fill(meta.params.zeroUnsafe ? tx.primaryZero : tx.primary, { max: maxUnsafe }),
    protects: tx.secondary,
    differencing: tx.differencing,
    earlierCell: tx.earlierCell,
  };
  const label = (ref: { table: string; row: string; column: string }): string => {
    const t = internal.tables[ref.table];
    const r = t?.rows.find((h) => h.key === ref.row)?.label ?? ref.row;
    const c = t?.columns.find((h) => h.key === ref.column)?.label ?? ref.column;
    return `${caption(ref.table, lang, meta.declarations)} ${r} × ${c}`;
  };
  const n = (v: number | null): string => (v === null ? '∞' : formatCount(v, lang));
  const earlierText = (c: AuditedCell): string =>
    (c.earlier ?? [])
      .map((e) =>
        e.kind === 'differencing'
          ? fill(tx.earlierDiff, { export: e.export, d: n(e.difference ?? null) })
          : fill(tx.earlierBound, { export: e.export }),
      )
      .join('; ');
  const cellLine = (c: AuditedCell): string => {
    const [lo, hi] = c.interval;
    const why = c.why ?? (c.kind === 'primary' ? 'threshold' : 'protects');
    if ((why === 'differencing' || why === 'earlierCell') && c.kind === 'primary') {
      const need = required(c)!;
      const text = fill(tx.cellEarlier, {
        value: n(c.value),
        earlier: earlierText(c),
        needLo: n(need[0]),
        needHi: n(need[1]),
        lo: n(lo),
        hi: n(hi),
      });
      return `${text}: ${meetsRequirement(c) ? tx.ok : tx.notOk}`;
    }
    if (why === 'earlierCell')
      return fill(tx.cellEarlierJoint, { value: n(c.value), earlier: earlierText(c), lo: n(lo), hi: n(hi) });
    if (c.kind === 'primary') {
      const p = c.protection ?? 1;
      const text = fill(tx.cellPrimary, {
        value: n(c.value),
        needLo: n(Math.max(0, c.value - p)),
        needHi: n(c.value + p),
        p: n(p),
        lo: n(lo),
        hi: n(hi),
      });
      return `${text}: ${meetsRequirement(c) ? tx.ok : tx.notOk}`;
    }
    const prot = c.protects ?? [];
    const shown = prot.slice(0, 3).map(label).join('; ');
    return fill(tx.cellSecondary, {
      value: n(c.value),
      lo: n(lo),
      hi: n(hi),
      protects: prot.length > 3 ? `${shown}; ${fill(tx.more, { n: prot.length - 3 })}` : shown || '—',
    });
  };
  const byCell = new Map<string, AuditedCell>();
  for (const c of meta.cells ?? []) byCell.set(`${c.table}\u0000${c.row}\u0000${c.column}`, c);

  const body: string[] = [];
  body.push(`<h1>${escapeHtml(tx.title)}</h1>`);
  body.push(
    `<p class="meta"><strong>${escapeHtml(tx.warning)}</strong><br>${escapeHtml(`${tx.period}: ${periodText(internal.period, lang)}`)}</p>`,
  );
  const rules = meta.rules ?? [
    fill(tx.ruleThreshold, {
      threshold: meta.params.threshold,
      max: maxUnsafe,
      zero: meta.params.zeroUnsafe ? tx.ruleZero : '',
    }),
    fill(tx.ruleP, { safety: String(meta.params.safetyRange).replace('.', lang === 'nl' ? ',' : '.') }),
    tx.ruleS,
  ];
  if (rules.length > 0) {
    body.push(`<h3>${escapeHtml(tx.rules)}</h3><ul class="notes">`);
    for (const r of rules) body.push(`<li>${escapeHtml(r)}</li>`);
    body.push('</ul>');
  }
  const kinds = SUPPRESSION_REASONS.filter(
    (k) => k === 'threshold' || k === 'protects' || (meta.cells ?? []).some((c) => c.why === k),
  );
  body.push(
    `<p class="legend">${escapeHtml(tx.legend)}: ${kinds.map((k) => `<span class="${CLASS[k]}">** (n) ${TAG[k]}</span>${escapeHtml(kindText[k])}`).join(' &nbsp; ')}</p>`,
  );

  const total = { published: 0, primary: 0, secondary: 0 };
  const byKind = emptyReasonCounts();
  let totalBad = 0;
  const sections: string[] = [];
  for (const id of tableOrder(Object.keys(internal.tables), meta.declarations)) {
    const t = internal.tables[id]!;
    const m = marks[id];
    if (m && (m.length !== t.rows.length || m.some((r) => r.length !== t.columns.length))) {
      throw new InternalError(
        `auditHtml: suppression marks for table ${id} do not have the table's shape (${t.rows.length} × ${t.columns.length})`,
      );
    }
    const count = { published: 0, primary: 0, secondary: 0 };
    const kinds = emptyReasonCounts();
    const listed: string[] = [];
    let bad = 0;
    let missing = 0;
    const cells: CellView[][] = t.cells.map((row, i) =>
      row.map((v, j): CellView => {
        if (v === null) return { text: '', kind: 'empty' };
        const mark = m?.[i]?.[j] ?? null;
        if (mark === null) {
          count.published++;
          return { text: formatCount(v, lang) };
        }
        count[mark]++;
        const audited = byCell.get(`${id}\u0000${t.rows[i]!.key}\u0000${t.columns[j]!.key}`);
        const why = reasonOf(mark, audited);
        byKind[why]++;
        kinds[why]++;
        if (audited) {
          if (!meetsRequirement(audited)) bad++;
          listed.push(
            `<li><b>${escapeHtml(TAG[why])}</b> ${escapeHtml(`${t.rows[i]!.label} × ${t.columns[j]!.label}: ${cellLine(audited)}`)}</li>`,
          );
        } else missing++;
        const note = meta.notes?.[id]?.[i]?.[j] ?? (audited ? cellLine(audited) : kindText[why]);
        // the kind in the text too, not only as a colour: the page must survive black-and-white printing
        return { text: `** (${formatCount(v, lang)}) ${TAG[why]}`, kind: CLASS[why], note };
      }),
    );
    total.published += count.published;
    total.primary += count.primary;
    total.secondary += count.secondary;
    totalBad += bad;
    const capt = `${caption(id, lang, meta.declarations)}. ${t.title}`;
    // footnotes() looks at markers in labels and at "**" cells: give it the table as published
    const asPublished = {
      ...t,
      cells: t.cells.map((r, i) => r.map((v, j) => (v !== null && m?.[i]?.[j] ? ('**' as const) : v))),
    };
    const suppressed = count.primary + count.secondary;
    const verdict =
      suppressed === 0
        ? tx.verdictNone
        : meta.cells === undefined || missing > 0
          ? tx.verdictUnknown
          : bad > 0
            ? fill(tx.verdictBad, { bad })
            : count.primary === 0
              ? fill(tx.verdictSecondaryOnly, { secondary: count.secondary })
              : count.secondary === 0
                ? fill(tx.verdictOkElsewhere, { primary: count.primary })
                : fill(tx.verdictOk, { primary: count.primary, secondary: count.secondary });
    sections.push(`<section id="${anchor(id)}" data-table-id="${escapeHtml(id)}">`);
    sections.push(
      `<h2><span class="caption">${escapeHtml(caption(id, lang, meta.declarations))}.</span> ${escapeHtml(t.title)}</h2>`,
    );
    // per reason kind, as the note counts them; the earlier-export kinds only where they occur
    sections.push(
      `<p class="meta">${escapeHtml(fill(tx.tableTotals, { ...count, ...kinds }) + (kinds.differencing + kinds.earlierCell > 0 ? fill(tx.tableTotalsEarlier, kinds) : ''))}</p>`,
    );
    sections.push(`<p class="verdict${bad > 0 ? ' bad' : ''}"><strong>${escapeHtml(verdict)}</strong></p>`);
    sections.push(
      tableHtml({
        caption: capt,
        rows: t.rows,
        columns: t.columns,
        sections: [{ cells }],
        footnotes: footnotes(asPublished, lang, meta.params.threshold),
      }),
    );
    if (listed.length > 0)
      sections.push(`<h3>${escapeHtml(tx.cellsHeading)}</h3><ul class="cells">`, ...listed, '</ul>');
    sections.push('</section>');
  }
  body.push(`<p>${escapeHtml(fill(tx.totals, total))}</p>`);
  body.push(
    `<p class="kinds">${escapeHtml(fill(tx.kindTotals, { ...byKind }))}${byKind.differencing + byKind.earlierCell > 0 || (meta.cells ?? []).some((c) => c.forPrevious) ? escapeHtml(fill(tx.kindTotalsEarlier, { ...byKind, cost: (meta.cells ?? []).filter((c) => c.forPrevious).length })) : '.'}</p>`,
  );
  const ev = meta.evidence;
  if (meta.cells || ev) {
    // with the run's records, the audit's verdict is the page's; the count of cells that fail says which
    const failed = ev ? !ev.passed : totalBad > 0;
    const text = !failed
      ? fill(tx.overallOk, { primary: total.primary })
      : totalBad > 0
        ? fill(tx.overallBad, { bad: totalBad })
        : tx.overallFailed;
    body.push(`<p class="verdict${failed ? ' bad' : ''}" id="overall"><strong>${escapeHtml(text)}</strong></p>`);
  }
  if (ev && ev.previous.length > 0) {
    body.push(`<h3>${escapeHtml(tx.earlierHeading)}</h3><ul class="notes" id="earlier">`);
    for (const p of ev.previous)
      body.push(
        `<li>${escapeHtml(fill(tx.earlierLine, { dir: p.dir, start: p.period.start, end: p.period.end, sha: p.tablesSha256 }))}</li>`,
      );
    body.push('</ul>');
  }
  if (ev) {
    body.push(`<h3>${escapeHtml(tx.filesHeading)}</h3>`);
    body.push(
      `<p>${escapeHtml(fill(tx.madeWith, { version: ev.software.version || '?', commit: ev.software.commit }))}</p>`,
    );
    body.push(`<pre id="export-files">${escapeHtml(ev.exportFiles.map(sumLine).join('\n'))}</pre>`);
    if (ev.certificate) {
      const note = checkerNoteText[lang];
      const lines = [
        ...note.certificate(ev.certificate.witnessed, ev.certificate.sides),
        note.certificateHash(ev.certificate.sha256),
      ];
      body.push(`<div id="certificate">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`);
    }
  }
  body.push(...sections);
  return htmlPage(lang, tx.title, body.join('\n'));
}
