import { type Atom, combinationKey } from '../model/atom.js';
import { cellAtoms as cellsWithAtoms } from '../model/cellAtoms.js';
import { InternalError } from '../core/errors.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { CellRef } from '../schemas/suppressionAudit.js';

/**
 * The attacker of docs/spec/disclosure.md, built from the observed atoms: every published count is a sum of atom
 * counts, so the cells are linear forms over atom-count variables.
 *
 * Two exact reductions:
 * - canonical cells: cells of different tables whose sets of (observed) atoms are identical always have the
 *   same value; they are one row of the model and share one suppression status (consistency);
 * - signature merging: atoms that lie in exactly the same canonical cells are indistinguishable to the
 *   attacker (every constraint and every objective sees only their sum), so they are one variable whose
 *   count is the sum of theirs. Because the sum of non-negative integers ranges over all non-negative
 *   integers, this is exact for the integer attacker as well as for the LP.
 */

export type { CellRef } from '../schemas/suppressionAudit.js';

interface CanonicalCell {
  /** Index in `AttackerModel.canonical` (declaration order of the first occurrence). */
  id: number;
  /** True count. */
  value: number;
  /** Indices into `AttackerModel.cells`: every table cell with this atom set, in declaration order. */
  occurrences: number[];
  /** Indices into `AttackerModel.variables`, ascending. */
  vars: number[];
}

interface AttackerVariable {
  /** Number of persons in the merged atoms. */
  n: number;
  /** Canonical cells that contain these atoms, ascending. */
  cells: number[];
  /** The merged atoms (their memberships and classes pair persons across releases: personPairing.ts). */
  atoms: Atom[];
}

export interface AttackerModel {
  /** Every non-null cell of every declared table, in declaration order (table, row, column). */
  cells: CellRef[];
  /** Position (table index in declarations, i, j) of each cell. */
  positions: [number, number, number][];
  /** Canonical cell of each cell. */
  cellCanonical: number[];
  canonical: CanonicalCell[];
  variables: AttackerVariable[];
}

/** Two 32-bit hash weights per atom index: canonical cells are grouped by a hash of their atom set, then compared exactly. */
function hashWeight(i: number, salt: number): number {
  let x = (i + 1) * 0x9e3779b1 + salt;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const sameArray = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, k) => x === b[k]);

export function buildAttackerModel(atoms: readonly Atom[], declarations: readonly TableDeclaration[]): AttackerModel {
  const cells: CellRef[] = [];
  const positions: [number, number, number][] = [];
  /** Atom indices (ascending) of each cell. */
  const cellAtoms: number[][] = [];
  for (const { decl, table: t, row: i, column: j, members } of cellsWithAtoms(declarations, atoms)) {
    cells.push({ table: decl.id, row: decl.rows[i]!.key, column: decl.columns[j]!.key });
    positions.push([t, i, j]);
    cellAtoms.push(members);
  }

  // Canonical cells: identical atom sets.
  const byHash = new Map<string, number[]>();
  const canonicalAtoms: number[][] = [];
  const cellCanonical: number[] = [];
  const canonical: CanonicalCell[] = [];
  cellAtoms.forEach((members, c) => {
    let h1 = 0;
    let h2 = 0;
    for (const a of members) {
      h1 = (h1 + hashWeight(a, 17)) >>> 0;
      h2 = (h2 ^ hashWeight(a, 91)) >>> 0;
    }
    const key = `${members.length}:${h1}:${h2}`;
    const bucket = byHash.get(key) ?? [];
    let id = bucket.find((k) => sameArray(canonicalAtoms[k]!, members));
    if (id === undefined) {
      id = canonical.length;
      canonicalAtoms.push(members);
      let value = 0;
      for (const a of members) value += atoms[a]!.n;
      canonical.push({ id, value, occurrences: [], vars: [] });
      bucket.push(id);
      byHash.set(key, bucket);
    }
    canonical[id]!.occurrences.push(c);
    cellCanonical.push(id);
  });

  // Signature of each atom: the canonical cells it lies in.
  const signature: number[][] = atoms.map(() => []);
  canonicalAtoms.forEach((members, id) => {
    for (const a of members) signature[a]!.push(id);
  });
  const merged = new Map<string, AttackerVariable>();
  signature.forEach((sig, a) => {
    if (sig.length === 0) return; // in no published cell: irrelevant to every table
    const key = sig.join(',');
    const v = merged.get(key);
    if (v) {
      v.n += atoms[a]!.n;
      v.atoms.push(atoms[a]!);
    } else merged.set(key, { n: atoms[a]!.n, cells: sig, atoms: [atoms[a]!] });
  });
  // Order variables by signature (lexicographic on canonical ids): independent of the order of `atoms`.
  const variables = [...merged.values()].sort((x, y) => compareLex(x.cells, y.cells));
  for (const v of variables) {
    // by combination and count, each key built once
    const keys = new Map(v.atoms.map((a) => [a, `${combinationKey(a)}:${a.n}`]));
    v.atoms.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
  }
  variables.forEach((v, k) => {
    for (const c of v.cells) canonical[c]!.vars.push(k);
  });
  for (const c of canonical) {
    let s = 0;
    for (const k of c.vars) s += variables[k]!.n;
    if (s !== c.value) throw new InternalError(`attacker model: canonical cell ${c.id} does not add up`);
  }
  return { cells, positions, cellCanonical, canonical, variables };
}

function compareLex(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

/** The serialised attacker model of `internal/attacker-model.json`: aggregated counts only, never person keys. */
export interface AttackerModelFile {
  format: 'multigebruik-attacker-model/1';
  description: string;
  /** [table, row, column] of every non-null cell. */
  cells: [string, string, string][];
  /** Merged atom variables: the persons they count and the cells (indices into `cells`) they lie in. */
  variables: { n: number; cells: number[] }[];
}

export function attackerModelFile(model: AttackerModel): AttackerModelFile {
  return {
    format: 'multigebruik-attacker-model/1',
    description:
      'Atom variables of the attacker LP (disclosure.md): each variable is the number of persons in a group of observed ' +
      'atoms that lie in exactly the same cells; a cell is the sum of the variables that list it. Counts are aggregated; no person keys.',
    cells: model.cells.map((c) => [c.table, c.row, c.column]),
    variables: model.variables.map((v) => ({
      n: v.n,
      cells: v.cells.flatMap((c) => model.canonical[c]!.occurrences).sort((a, b) => a - b),
    })),
  };
}
