import type { Period } from '../schemas/tablesJson.js';

/** Cells shown and suppressed, by reason (the kinds are explained on RunSummary.cells). */
interface CellCounts {
  published: number;
  primary: number;
  secondary: number;
  differencing?: number;
  earlierCell?: number;
  forPrevious?: number;
}

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
  cells: CellCounts & { total: number };
  quarantinedRows: number;
  /**
   * Only with tables the config adds: their ids, and the shipped tables whose suppression they change (compared with
   * the shipped tables protected alone): cells hidden beyond that pattern (`hidden`) and shown where it hides (`shown`).
   */
  userTables?: { added: string[]; changed: { table: string; hidden: number; shown: number }[]; hiddenBeyond: number };
  audit: 'passed' | 'failed';
  timing: { totalMs: number; stageMs: Record<string, number> };
  /** Where to look first, in order (paths relative to the output folder). */
  nextSteps: string[];
}

export interface RunSummaryInput {
  period: Period;
  tables: number;
  cells: CellCounts;
  quarantinedRows: number;
  userTables?: { added: string[]; changed: { table: string; hidden: number; shown: number }[] } | undefined;
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
    cells: {
      total:
        x.cells.published +
        x.cells.primary +
        x.cells.secondary +
        (x.cells.differencing ?? 0) +
        (x.cells.earlierCell ?? 0),
      ...x.cells,
    },
    quarantinedRows: x.quarantinedRows,
    ...(x.userTables
      ? { userTables: { ...x.userTables, hiddenBeyond: x.userTables.changed.reduce((a, c) => a + c.hidden, 0) } }
      : {}),
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
  wrote: (out: string, seconds: string, exportDir: string, internalDir: string) => string;
  period: (start: string, end: string, years: string) => string;
  tables: (tables: number, cells: number, shown: number, primary: number, secondary: number) => string;
  earlier: (differencing: number, earlierCell: number, cost: number, audit: string) => string;
  userTables: (
    added: string[],
    changed: { table: string; hidden: number; shown: number }[],
    hiddenBeyond: number,
  ) => string;
  audit: (passed: boolean, audit: string, exportDir: string) => string;
  quarantine: (rows: number, quarantine: string) => string;
  next: () => string;
  step: (file: string, exportDir: string) => string;
}

/**
 * How paths are written on the terminal: node:path's `join` and `sep` (a parameter, so a test can give `path.win32`).
 * Files keep "/" (manifest.json's `nextSteps`, the pages); what the terminal prints uses the platform's separator.
 */
export type PathFlavour = Pick<typeof import('node:path'), 'join' | 'sep'>;

/**
 * `rel`, a path with "/" as the summary and the files record it (a folder ends in "/"), written the platform's way
 * under the folder `base` (as the user gave it); a folder ends in the platform's separator.
 */
function onTerminal(path: PathFlavour, rel: string, base?: string): string {
  const parts = rel.split('/').filter((p) => p !== '');
  const p = base === undefined ? path.join(...parts) : path.join(base, ...parts);
  return rel.endsWith('/') ? `${p}${path.sep}` : p;
}

/** A folder as the user typed it, with the platform's separator (on Windows "/" and "\\" both separate). */
function typed(path: PathFlavour, dir: string): string {
  return dir.split('/').join(path.sep);
}

/** The summary as terminal lines, every path written the platform's way (`path`). */
export function runSummaryLines(s: RunSummary, out: string, say: SummaryText, path: PathFlavour): string[] {
  const exportDir = onTerminal(path, 'export/');
  const audit = onTerminal(path, 'internal/audit.html');
  const steps = s.nextSteps.map((f) => onTerminal(path, f, out));
  const width = Math.max(...steps.map((x) => x.length)) + 2;
  return [
    say.wrote(typed(path, out), (s.timing.totalMs / 1000).toFixed(1), exportDir, onTerminal(path, 'internal/')),
    `  ${say.period(s.period.start, s.period.end, periodYears(s.period).toFixed(1))}`,
    `  ${say.tables(s.tables, s.cells.total, s.cells.published, s.cells.primary, s.cells.secondary)}`,
    ...(s.cells.differencing !== undefined
      ? [`  ${say.earlier(s.cells.differencing, s.cells.earlierCell ?? 0, s.cells.forPrevious ?? 0, audit)}`]
      : []),
    ...(s.userTables
      ? [`  ${say.userTables(s.userTables.added, s.userTables.changed, s.userTables.hiddenBeyond)}`]
      : []),
    `  ${say.audit(s.audit === 'passed', audit, exportDir)}`,
    `  ${say.quarantine(s.quarantinedRows, onTerminal(path, 'internal/quarantine.csv'))}`,
    say.next(),
    ...s.nextSteps.map((f, i) => `  ${steps[i]!.padEnd(width)}${say.step(f, exportDir)}`),
  ];
}

/** The sentences of the demo's closing lines (the message catalogue supplies them). */
export interface DemoText {
  written: (dir: string) => string;
  inputFolder: () => string;
  exportFolder: (csvs: string, charts: string) => string;
  internalFolder: () => string;
  auditHint: (command: string, output: string) => string;
  lookFirst: (report: string, figure: string, table: string, suppressed: number, audit: string) => string;
}

/**
 * What the demo wrote and where to look first, every path written the platform's way (`path`): the demo folder `dir`
 * with input/ and output/ (the run's folder), the first figure and the table where protection hides the most cells.
 */
export function demoLines(
  d: { dir: string; command: string; figure: string; busiest: string; suppressed: number },
  say: DemoText,
  path: PathFlavour,
): string[] {
  const output = path.join(d.dir, 'output');
  const folders: [string, string][] = [
    [onTerminal(path, 'input/'), say.inputFolder()],
    [
      onTerminal(path, 'output/export/'),
      say.exportFolder(onTerminal(path, 'tables/*.csv'), onTerminal(path, 'charts/')),
    ],
    [onTerminal(path, 'output/internal/'), say.internalFolder()],
  ];
  const width = Math.max(...folders.map(([f]) => f.length)) + 2;
  return [
    say.written(typed(path, d.dir).endsWith(path.sep) ? typed(path, d.dir) : `${typed(path, d.dir)}${path.sep}`),
    ...folders.map(([f, text]) => `  ${f.padEnd(width)}${text}`),
    say.auditHint(d.command, output),
    say.lookFirst('report.html', d.figure, d.busiest, d.suppressed, path.join(output, 'internal', 'audit.html')),
  ];
}
