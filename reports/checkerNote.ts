import type { ExportTables, Period } from '../schemas/tablesJson.js';
import type { EarlierRecord } from '../schemas/manifest.js';
import type { DisclosureParams } from '../model/disclosureParams.js';
import { checkerNoteText as T, type Language } from '../core/messages.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import { formatCount } from './formatNumber.js';
import { caption } from './tableOrder.js';
import type { ReasonOf, SuppressionReason } from '../schemas/suppressionAudit.js';
import { type FileDigest, sumLine } from './exportSums.js';

export type NoteLang = Language;

/**
 * Cells of one table as published: shown, and suppressed per reason kind (suppressionAudit.ts): primary = below the
 * threshold, secondary = protects another cell, differencing and earlierCell = because of an earlier export.
 */
export interface TableCellCounts {
  id: string;
  shown: number;
  primary: number;
  secondary: number;
  differencing: number;
  earlierCell: number;
}

type Counts = Omit<TableCellCounts, 'id'>;
const COUNT_OF: Record<SuppressionReason, keyof Counts> = {
  threshold: 'primary',
  protects: 'secondary',
  differencing: 'differencing',
  earlierCell: 'earlierCell',
};

/** One input file as recorded in the manifest. */
export interface NoteSource {
  source: string;
  file: string;
  rows: number;
  sha256: string;
}

/** Everything the checker's note states. Every number in it is a parameter, a row count of an input file, or a count of cells. */
export interface CheckerFacts {
  period: Period;
  backgroundPeriod?: Period | undefined;
  sources: NoteSource[];
  params: DisclosureParams;
  tables: TableCellCounts[];
  passed: boolean;
  /** Input rows set aside with --quarantine (0: none). */
  quarantinedRows: number;
  /** Rows or columns of a table whose persons (nearly) all share one category (group disclosure). */
  groupDisclosure: GroupLine[];
  /** Present when the run was given earlier exports (`--previous`). */
  /** Earlier exports the run was protected against (`--previous`), as recorded in manifest.json. */
  previous?: EarlierRecord[] | undefined;
  /** With earlier exports: the cells they cost (from internal/suppression-audit.json `totals.forPrevious`). */
  forPrevious?: number | undefined;
  /** The run's table declarations (a figure is captioned "Figure …"). */
  declarations: readonly TableDeclaration[];
  /** The program that made the export (manifest.json `software`). */
  software: { version: string; commit: string };
  /** The SHA-256 of every data file of the export (reports/exportSums.ts); absent: not stated. */
  files?: readonly FileDigest[] | undefined;
  /** The protection certificate (internal/certificate.json), when the run made one: its SHA-256 and witness counts. */
  certificate?: { sha256: string; witnessed: number; sides: number } | undefined;
}

function periodText(p: Period, lang: NoteLang): string {
  return T[lang].range(p.start, p.end);
}

const zero = (): Counts => ({ shown: 0, primary: 0, secondary: 0, differencing: 0, earlierCell: 0 });

/** Sum of the per-table counts. */
export function totalCounts(tables: readonly TableCellCounts[]): Counts {
  return tables.reduce(
    (a, t) => ({
      shown: a.shown + t.shown,
      primary: a.primary + t.primary,
      secondary: a.secondary + t.secondary,
      differencing: a.differencing + t.differencing,
      earlierCell: a.earlierCell + t.earlierCell,
    }),
    zero(),
  );
}

/**
 * Per table (in the given order): cells shown, and suppressed per reason kind. A suppressed cell's kind comes from
 * `reasonOf` (the audit records); without one, a primary mark counts as below the threshold and a secondary as
 * protecting another cell.
 */
export function tableCellCounts(
  tables: Record<string, { rows: { key: string }[]; columns: { key: string }[]; cells: (number | string | null)[][] }>,
  marks: Record<string, ('primary' | 'secondary' | null)[][]>,
  order: readonly string[],
  reasonOf?: ReasonOf,
): TableCellCounts[] {
  return order.map((id) => {
    const c = { id, ...zero() };
    const t = tables[id]!;
    t.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const m = marks[id]?.[i]?.[j] ?? null;
        if (m === null) c.shown++;
        else
          c[
            COUNT_OF[reasonOf?.(id, t.rows[i]!.key, t.columns[j]!.key) ?? (m === 'primary' ? 'threshold' : 'protects')]
          ]++;
      }),
    );
    return c;
  });
}

/** One group-disclosure candidate: a row or column (the group) and the category that (nearly) all its persons share. */
export interface GroupLine {
  table: string;
  /** The group is a row (its categories are columns) or a column (its categories are rows). */
  line: 'row' | 'column';
  label: string;
  /** The category's label (a column of a row group, a row of a column group). */
  category: string;
  /**
   * all: the category's shown count equals the group's shown total; nearlyAll: it is short of the total by 1 …
   * threshold − 1; onlyOne: no total in the line, at least three categories shown, and all but this one are 0.
   */
  kind: 'all' | 'nearlyAll' | 'onlyOne';
}

/**
 * Group (class) disclosure candidates, the rule of docs/disclosure.md ("Group disclosure"): per row or column of a
 * table (the group), where the other axis has a `total` (the group's total T, shown and > 0), every shown category
 * cell c with c = T (all its persons share the category) or 0 < T − c < threshold (all but a few); in a line without
 * a total, a line of at least three shown category cells of which exactly one is not 0. Suppressed cells are left
 * out. The threshold rule does not catch this; the checker judges it. Returns labels, never counts.
 */
export function groupDisclosureLines(tables: ExportTables, order: readonly string[], threshold = 10): GroupLine[] {
  const out: GroupLine[] = [];
  for (const id of order) {
    const t = tables.tables[id];
    if (!t) continue;
    const check = (
      line: 'row' | 'column',
      label: string,
      values: (number | string | null)[],
      keys: { key: string; label: string }[],
    ) => {
      const at = keys.findIndex((k) => k.key === 'total');
      const cats = values.map((v, k) => ({ v, k })).filter((x) => x.k !== at && typeof x.v === 'number') as {
        v: number;
        k: number;
      }[];
      if (at >= 0) {
        const total = values[at];
        if (typeof total !== 'number' || total <= 0 || cats.length < 2) return;
        for (const c of cats) {
          if (c.v === total) out.push({ table: id, line, label, category: keys[c.k]!.label, kind: 'all' });
          else if (c.v > 0 && total - c.v > 0 && total - c.v < threshold)
            out.push({ table: id, line, label, category: keys[c.k]!.label, kind: 'nearlyAll' });
        }
        return;
      }
      const nonZero = cats.filter((c) => c.v > 0);
      if (cats.length >= 3 && nonZero.length === 1)
        out.push({ table: id, line, label, category: keys[nonZero[0]!.k]!.label, kind: 'onlyOne' });
    };
    t.rows.forEach((r, i) => check('row', r.label, t.cells[i] ?? [], t.columns));
    t.columns.forEach((c, j) =>
      check(
        'column',
        c.label,
        t.cells.map((row) => row[j] ?? null),
        t.rows,
      ),
    );
  }
  return out;
}

const GROUP_LIMIT = 20;

/**
 * The note for the CBS output checker, as lines: export/README.txt (English), export/LEESMIJ.txt (Dutch) and the
 * first sheet of tables.xlsx (the run's language) carry the same content. It states the period, the sources with row
 * counts and hash prefixes, the rule and its parameters, per table the cells shown / primary / secondary, the audit
 * verdict, quarantined rows, and the checks beyond the threshold (dominance, group disclosure, differencing).
 */
export function checkerNoteLines(f: CheckerFacts, lang: NoteLang): string[] {
  const t = T[lang];
  const L: string[] = [t.title, t.other, ''];
  L.push(t.what, ...t.whatText.map((s) => `  ${s}`), '');
  let period = `${t.period}: ${periodText(f.period, lang)}`;
  if (f.backgroundPeriod && (f.backgroundPeriod.start !== f.period.start || f.backgroundPeriod.end !== f.period.end)) {
    period += ` (${t.bgPeriod}: ${periodText(f.backgroundPeriod, lang)})`;
  }
  L.push(period, '');
  L.push(t.sources);
  if (f.sources.length === 0) L.push(`  ${t.noSources}`);
  const w = Math.max(0, ...f.sources.map((s) => s.file.length));
  for (const s of f.sources)
    L.push(
      `  ${s.file.padEnd(w)}  ${s.source.padEnd(9)} ${formatCount(s.rows, lang).padStart(12)} ${t.rows}  ${s.sha256.slice(0, 12)}`,
    );
  L.push('');
  L.push(
    t.rule,
    t.primary(f.params.threshold, f.params.zeroUnsafe),
    t.pct(f.params.threshold),
    ...t.secondary,
    t.ruleLine(f.params.safetyRange),
    t.consistency,
    t.params(f.params),
    '',
  );
  const withPrevious = f.previous !== undefined && f.previous.length > 0;
  L.push(withPrevious ? t.cellsPrevious : t.cells);
  const tot = totalCounts(f.tables);
  const iw = Math.max(t.total.length, ...f.tables.map((x) => caption(x.id, lang, f.declarations).length));
  const row = (name: string, c: Counts) =>
    `  ${name.padEnd(iw)}  ${String(c.shown).padStart(4)} / ${String(c.primary).padStart(3)} / ${String(c.secondary).padStart(3)}` +
    (withPrevious ? ` / ${String(c.differencing).padStart(3)} / ${String(c.earlierCell).padStart(3)}` : '');
  for (const x of f.tables) L.push(row(caption(x.id, lang, f.declarations), x));
  L.push(row(t.total, tot), '');
  L.push(`${t.audit}: ${f.passed ? t.passed : t.failed}`, t.auditWhere, '');
  const q = f.quarantinedRows;
  L.push(
    `${t.quarantine}: ${q > 0 ? t.quarantined(q < f.params.threshold ? t.fewer(f.params.threshold) : String(q)) : t.noQuarantine}`,
    '',
  );
  L.push(t.beyond, t.dominance);
  if (f.groupDisclosure.length === 0) L.push(t.groupNone);
  else {
    L.push(...t.group);
    for (const g of f.groupDisclosure.slice(0, GROUP_LIMIT))
      L.push(`  ${t.groupLine(caption(g.table, lang, f.declarations), g, f.params.threshold)}`);
    if (f.groupDisclosure.length > GROUP_LIMIT) L.push(t.more(f.groupDisclosure.length - GROUP_LIMIT));
  }
  L.push('', t.diff);
  if (!f.previous || f.previous.length === 0) L.push(...t.diffNone);
  else {
    L.push(t.diffSome);
    for (const p of f.previous) L.push(t.diffPrev(p));
    L.push(...t.diffKinds(tot.differencing, tot.earlierCell, f.forPrevious ?? tot.differencing + tot.earlierCell));
  }
  L.push('', t.madeWith(f.software.version, f.software.commit));
  if (f.certificate)
    L.push('', ...t.certificate(f.certificate.witnessed, f.certificate.sides), t.certificateHash(f.certificate.sha256));
  if (f.files) L.push('', t.files, ...f.files.map((d) => `  ${sumLine(d)}`));
  return L;
}

/** The note as a text file (LF line ends, final newline). */
export function checkerNote(f: CheckerFacts, lang: NoteLang): string {
  return `${checkerNoteLines(f, lang).join('\n')}\n`;
}
