import type { Atom } from './atom.js';
import { compileCell } from './cellTerm.js';
import { cellTerms, type TableDeclaration } from './tableDeclarations.js';

/** One cell of one declared table, read as a sum of atoms. */
export interface CellAtoms {
  /** The table's declaration and its index in the declarations. */
  decl: TableDeclaration;
  table: number;
  /** Row and column index in the declaration. */
  row: number;
  column: number;
  /** Indices (ascending) of the atoms the cell counts. */
  members: number[];
  /** The cell's count: the sum of its atoms' n. */
  n: number;
}

/**
 * Every cell of the declared tables (declaration order: table, row, column) with the atoms it counts; cells a table
 * does not have (a diagonal, a blank corner) are skipped. The one tables × cells × atoms loop: tabulate, the attacker
 * model and the audit all read the cells through it.
 */
export function* cellAtoms(declarations: readonly TableDeclaration[], atoms: readonly Atom[]): Generator<CellAtoms> {
  for (let t = 0; t < declarations.length; t++) {
    const decl = declarations[t]!;
    for (let i = 0; i < decl.rows.length; i++) {
      for (let j = 0; j < decl.columns.length; j++) {
        const terms = cellTerms(decl, i, j);
        if (terms === null) continue;
        const matches = compileCell(terms, decl.basis);
        const members: number[] = [];
        let n = 0;
        for (let a = 0; a < atoms.length; a++) {
          const atom = atoms[a]!;
          if (matches(atom)) {
            members.push(a);
            n += atom.n;
          }
        }
        yield { decl, table: t, row: i, column: j, members, n };
      }
    }
  }
}
