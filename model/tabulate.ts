import type { InternalTable, InternalTables, Period } from '../schemas/tablesJson.js';
import type { Atom } from './atom.js';
import { cellAtoms } from './cellAtoms.js';
import type { TableDeclaration } from './tableDeclarations.js';

export interface TabulateInput {
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  period: Period;
  backgroundPeriod: Period;
}

/**
 * Years of a period as used in titles: 2017-2022 (or 2022 for a single year).
 * @internal exported for its test (and only used there)
 */
export function periodLabel(p: Period): string {
  const a = p.start.slice(0, 4);
  const b = p.end.slice(0, 4);
  return a === b ? a : `${a}-${b}`;
}

/** Stage "tabulate" (run by pipeline/runPipeline.ts): atoms → every declared table with exact counts. Pure. */
export function tabulate({ atoms, declarations, period, backgroundPeriod }: TabulateInput): InternalTables {
  const counts = declarations.map((decl) => decl.rows.map(() => decl.columns.map((): number | null => null)));
  for (const { table, row, column, n } of cellAtoms(declarations, atoms)) counts[table]![row]![column] = n;
  const tables: Record<string, InternalTable> = {};
  declarations.forEach((decl, t) => {
    const p = decl.basis === 'background' ? backgroundPeriod : period;
    const cells = counts[t]!;
    tables[decl.id] = {
      title: decl.title.replaceAll('{period}', periodLabel(p)),
      rows: decl.rows.map(({ key, label }) => ({ key, label })),
      columns: decl.columns.map(({ key, label }) => ({ key, label })),
      cells,
    };
  });
  const same = period.start === backgroundPeriod.start && period.end === backgroundPeriod.end;
  return same ? { period, tables } : { period, backgroundPeriod, tables };
}
