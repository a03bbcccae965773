import type { Period } from '../schemas/tablesJson.js';

/** What a run did, for the terminal (human) and manifest.json's `summary` (machine). */
export interface RunSummary {
  period: Period;
  /** Tables and figures written. */
  tables: number;
  /**
   * primary = below the threshold, secondary = protects another cell; with earlier exports also differencing (would
   * differ by 1 … threshold − 1 from an earlier export), earlierCell (would narrow a cell suppressed earlier) and
   * forPrevious (cells suppressed only because of the earlier exports: what --previous cost).
   */
  cells: { total: number; published: number; primary: number; secondary: number; differencing?: number; earlierCell?: number; forPrevious?: number };
  quarantinedRows: number;
  audit: 'passed' | 'failed';
  timing: { totalMs: number; stageMs: Record<string, number> };
  /** Where to look first, in order (paths relative to the output folder). */
  nextSteps: string[];
}

export interface RunSummaryInput {
  period: Period;
  tables: number;
  cells: { published: number; primary: number; secondary: number; differencing?: number; earlierCell?: number; forPrevious?: number };
  quarantinedRows: number;
  passed: boolean;
  totalMs: number;
  stageMs: Record<string, number | undefined>;
}

/** The summary object; `nextSteps` are the output-folder paths a user opens first. */
export function runSummary(x: RunSummaryInput): RunSummary {
  const stageMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(x.stageMs)) if (v !== undefined) stageMs[k] = v;
  const next = ['export/report.html', 'export/README.txt', 'export/LEESMIJ.txt', 'internal/audit.html'];
  if (x.quarantinedRows > 0) next.push('internal/quarantine.csv');
  return {
    period: x.period,
    tables: x.tables,
    cells: { total: x.cells.published + x.cells.primary + x.cells.secondary + (x.cells.differencing ?? 0) + (x.cells.earlierCell ?? 0), ...x.cells },
    quarantinedRows: x.quarantinedRows,
    audit: x.passed ? 'passed' : 'failed',
    timing: { totalMs: x.totalMs, stageMs },
    nextSteps: next,
  };
}

/** Years covered by a period, to one decimal (2017-01-01..2021-12-31 → 5.0). */
export function periodYears(p: Period): number {
  const days = (Date.parse(`${p.end}T00:00:00Z`) - Date.parse(`${p.start}T00:00:00Z`)) / 86_400_000 + 1;
  return Math.round((days / 365.25) * 10) / 10;
}

/** The sentences of the terminal summary (the message catalogue supplies them, in one language). */
export interface SummaryText {
  wrote: (out: string, seconds: string) => string;
  period: (start: string, end: string, years: string) => string;
  tables: (tables: number, cells: number, shown: number, primary: number, secondary: number) => string;
  earlier: (differencing: number, earlierCell: number, cost: number) => string;
  audit: (passed: boolean) => string;
  quarantine: (rows: number) => string;
  next: () => string;
  step: (file: string) => string;
}

/** The summary as terminal lines. */
export function runSummaryLines(s: RunSummary, out: string, say: SummaryText, join: (...p: string[]) => string): string[] {
  return [
    say.wrote(out, (s.timing.totalMs / 1000).toFixed(1)),
    `  ${say.period(s.period.start, s.period.end, periodYears(s.period).toFixed(1))}`,
    `  ${say.tables(s.tables, s.cells.total, s.cells.published, s.cells.primary, s.cells.secondary)}`,
    ...(s.cells.differencing !== undefined ? [`  ${say.earlier(s.cells.differencing, s.cells.earlierCell ?? 0, s.cells.forPrevious ?? 0)}`] : []),
    `  ${say.audit(s.audit === 'passed')}`,
    `  ${say.quarantine(s.quarantinedRows)}`,
    say.next(),
    ...s.nextSteps.map((f) => `  ${join(out, ...f.split('/')).padEnd(Math.max(...s.nextSteps.map((x) => join(out, ...x.split('/')).length)) + 2)}${say.step(f)}`),
  ];
}
