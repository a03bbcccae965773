import type { InternalTable, InternalTables, Period } from '../schemas/tablesJson.js';
import type { Atom } from '../model/atom.js';
import { compileCell } from '../model/cellTerm.js';
import { cellTerms, type TableDeclaration } from '../model/tableDeclarations.js';

export interface TabulateInput {
  atoms: readonly Atom[];
  declarations: readonly TableDeclaration[];
  period: Period;
  backgroundPeriod: Period;
}

/** Years of a period as used in titles: 2017-2022 (or 2022 for a single year). */
export function periodLabel(p: Period): string {
  const a = p.start.slice(0, 4);
  const b = p.end.slice(0, 4);
  return a === b ? a : `${a}-${b}`;
}

/** Stage "tabulate": atoms → every declared table with exact counts. Pure. */
export function tabulate({ atoms, declarations, period, backgroundPeriod }: TabulateInput): InternalTables {
  const tables: Record<string, InternalTable> = {};
  for (const decl of declarations) {
    const p = decl.basis === 'background' ? backgroundPeriod : period;
    const cells = decl.rows.map((_, i) =>
      decl.columns.map((_, j) => {
        const terms = cellTerms(decl, i, j);
        if (terms === null) return null;
        const matches = compileCell(terms, decl.basis);
        let n = 0;
        for (const a of atoms) if (matches(a)) n += a.n;
        return n;
      }),
    );
    tables[decl.id] = {
      title: decl.title.replaceAll('{period}', periodLabel(p)),
      rows: decl.rows.map(({ key, label }) => ({ key, label })),
      columns: decl.columns.map(({ key, label }) => ({ key, label })),
      cells,
    };
  }
  const same = period.start === backgroundPeriod.start && period.end === backgroundPeriod.end;
  return same ? { period, tables } : { period, backgroundPeriod, tables };
}
