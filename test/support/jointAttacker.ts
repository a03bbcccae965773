import type { Highs } from 'highs';
import type { Atom } from '../../model/atom.js';
import { type CellTerm, cellMatches } from '../../model/cellTerm.js';
import { BASE_SETS } from '../../model/personSets.js';
import { cellTerms, type TableDeclaration } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { sumInterval } from './sumInterval.js';

/**
 * A joint attacker holding a chain of releases (two or more exports at once), for the tests, written apart from
 * disclosure/: one variable per atom of each release (no merging), one equality per number shown in each export
 * (duplicates kept), each release's cells from its own declarations (its user tables, keep/drop), and the links
 * given between pairs of releases (every link in ONE LP: the attacker holds all exports together):
 * - `nested`: the earlier period lies inside the later one, so for every cell that only asks for
 *   memberships, the earlier count is at most the later count; with `classes` (same start date, so a person's
 *   age class at first use, gender and education class are the same in both) also for cells that ask for
 *   memberships and known classes (not "onbekend": an unknown class may become known);
 * - `changed`: the same period, at most k persons differ, so every cell differs by at most k;
 * - `sameData`: the same persons and the same period: ONE atom set (the later release's atoms are the
 *   earlier's variables), so every number either export shows is a sum over the same atoms;
 * - `unlinked`: windows that overlap without either containing the other (rolling windows): neither the
 *   union nor the intersection is published, so no count of one bounds a count of the other;
 * - `windows`: rolling windows with category breaks: the base sets of `laterInside` have over the later window
 *   only persons they have over the earlier one (a category that ended), those of `earlierInside` the other way
 *   round (a category that started). A cell whose memberships all ask for such sets, one way, and whose other
 *   conditions are gender or a known education class, counts a subset of its counterpart's persons.
 *   A derived set (pwet, uwv, wmo, work) counts as nested only when every base set it covers is listed.
 * A cell is linked only to the cell of the other release with the same table, row and column keys and the
 * same definition.
 * The model is built once and handed to HiGHS (presolve off, otherwise default options); each bound only changes
 * the objective.
 */
export interface Release {
  atoms: readonly Atom[];
  exported: ExportTables;
  /** Its own tables (default: the declarations given to unprotectedPrimaries). */
  declarations?: readonly TableDeclaration[];
}

export type Link =
  | { kind: 'nested'; classes?: boolean }
  | { kind: 'changed'; k: number }
  | { kind: 'sameData' }
  | { kind: 'unlinked' }
  | { kind: 'windows'; laterInside: readonly string[]; earlierInside: readonly string[] };

/** The base sets a set key covers (the derived sets written out again by their names). */
function covered(key: string): string[] {
  const prefix: Record<string, (b: string) => boolean> = {
    pwet: (b) => b.startsWith('pwet.'),
    wmo: (b) => b.startsWith('wmo.'),
    uwv: (b) => b.startsWith('uwv.') && !b.startsWith('uwv.bg.'),
    work: (b) => b.startsWith('pwet.') || (b.startsWith('uwv.') && !b.startsWith('uwv.bg.')),
  };
  const test = prefix[key];
  return test ? BASE_SETS.filter(test) : [key];
}

/** Rolling windows: +1 when the later cell counts a subset of the earlier's persons, −1 the other way, 0 neither. */
function windowDirection(
  terms: readonly CellTerm[],
  link: { laterInside: readonly string[]; earlierInside: readonly string[] },
) {
  const keys: string[] = [];
  for (const t of terms) {
    if ('set' in t) keys.push(...covered(t.set));
    else if ('atLeast' in t) t.of.forEach((k) => keys.push(...covered(k)));
    else if (!('dim' in t) || t.dim === 'age' || t.value === 'onbekend') return 0;
  }
  if (keys.length === 0) return 0;
  if (keys.every((k) => link.laterInside.includes(k))) return 1;
  if (keys.every((k) => link.earlierInside.includes(k))) return -1;
  return 0;
}

/** A link between release `earlier` and release `later` (indices into the chain). */
export interface ChainLink {
  earlier: number;
  later: number;
  link: Link;
}

const sameTerms = (a: readonly CellTerm[] | null, b: readonly CellTerm[] | null) =>
  a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

/** Only membership terms (more memberships never remove a person from the cell)? */
const onlyMemberships = (terms: readonly CellTerm[]) => terms.every((t) => 'set' in t || 'atLeast' in t);

class JointAttacker {
  private readonly model;
  private readonly numCols: number;
  /** Column of the first atom of each release. */
  private readonly offsets: number[] = [];

  constructor(
    private readonly highs: Highs,
    private readonly declarations: readonly TableDeclaration[],
    private readonly releases: readonly Release[],
    links: readonly ChainLink[],
  ) {
    let numCols = 0;
    releases.forEach((rel, r) => {
      const same = links.find((l) => l.later === r && l.link.kind === 'sameData');
      if (same) {
        if (JSON.stringify(releases[same.earlier]!.atoms) !== JSON.stringify(rel.atoms))
          throw new Error('joint attacker: sameData needs the same atoms');
        this.offsets.push(this.offsets[same.earlier]!);
      } else {
        this.offsets.push(numCols);
        numCols += rel.atoms.length;
      }
    });
    this.numCols = numCols;
    const rows: { cols: number[]; coefs: number[]; lo: number; hi: number }[] = [];
    const inf = highs.infinity;
    releases.forEach((rel, r) => {
      for (const decl of this.declarationsOf(r)) {
        const t = rel.exported.tables[decl.id];
        if (!t) continue;
        decl.rows.forEach((_, i) =>
          decl.columns.forEach((_, j) => {
            if (cellTerms(decl, i, j) === null) return;
            const shown = t.cells[i]![j];
            const cols = this.members(r, decl, i, j);
            if (typeof shown === 'number') rows.push({ cols, coefs: cols.map(() => 1), lo: shown, hi: shown });
          }),
        );
      }
    });
    for (const { earlier, later, link } of links) {
      if (link.kind === 'sameData' || link.kind === 'unlinked') continue;
      for (const decl of this.declarationsOf(later)) {
        const old = this.declarationsOf(earlier).find((d) => d.id === decl.id && d.basis === decl.basis);
        if (!old) continue;
        decl.rows.forEach((row, i) =>
          decl.columns.forEach((column, j) => {
            const terms = cellTerms(decl, i, j);
            const oi = old.rows.findIndex((h) => h.key === row.key);
            const oj = old.columns.findIndex((h) => h.key === column.key);
            if (terms === null || oi < 0 || oj < 0 || !sameTerms(terms, cellTerms(old, oi, oj))) return;
            const e = this.members(earlier, old, oi, oj);
            const l = this.members(later, decl, i, j);
            const diff = { cols: [...l, ...e], coefs: [...l.map(() => 1), ...e.map(() => -1)] };
            // a known class stays; "onbekend" may become known in the longer period
            const classes =
              link.kind === 'nested' &&
              link.classes === true &&
              terms.every((t) => !('countOf' in t) && !('dim' in t && t.value === 'onbekend'));
            if (link.kind === 'nested' && (onlyMemberships(terms) || classes)) rows.push({ ...diff, lo: 0, hi: inf });
            if (link.kind === 'changed') rows.push({ ...diff, lo: -link.k, hi: link.k });
            if (link.kind === 'windows') {
              const d = windowDirection(terms, link);
              if (d === 1) rows.push({ ...diff, lo: -inf, hi: 0 });
              if (d === -1) rows.push({ ...diff, lo: 0, hi: inf });
            }
          }),
        );
      }
    }
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const r of rows) {
      indices.push(...r.cols);
      values.push(...r.coefs);
      starts.push(indices.length);
    }
    this.model = highs.createModel({
      numCols: this.numCols,
      numRows: rows.length,
      colCost: new Float64Array(this.numCols),
      colLower: new Float64Array(this.numCols),
      colUpper: new Float64Array(this.numCols).fill(inf),
      rowLower: rows.map((r) => r.lo),
      rowUpper: rows.map((r) => r.hi),
      matrix: {
        format: 'csr',
        numRows: rows.length,
        numCols: this.numCols,
        starts: new Int32Array(starts),
        indices: new Int32Array(indices),
        values: new Float64Array(values),
      },
    });
    // presolve off, primal simplex: each bound warm-starts from the previous basis (only the objective changes)
    this.model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
  }

  declarationsOf(release: number): readonly TableDeclaration[] {
    return this.releases[release]!.declarations ?? this.declarations;
  }

  /** Column indices of the atoms of release `release` in a cell. */
  private members(release: number, decl: TableDeclaration, i: number, j: number): number[] {
    const terms = cellTerms(decl, i, j)!;
    const out: number[] = [];
    this.releases[release]!.atoms.forEach((a, k) => {
      if (cellMatches(terms, a, decl.basis)) out.push(k + this.offsets[release]!);
    });
    return out;
  }

  /** The whole-number interval of cell (i, j) of table `table` in release `release` (Infinity = unbounded). */
  interval(release: number, table: string, i: number, j: number): [number, number] {
    const decl = this.declarationsOf(release).find((d) => d.id === table)!;
    const cols = this.members(release, decl, i, j);
    return sumInterval(this.highs, this.model, this.numCols, cols, 'joint attacker');
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** The rule, written out again: p = max(1, ceil(0.3 v)); the interval must reach max(0, v − p) and v + p. */
function protectedByRule(v: number, [lo, hi]: [number, number], safetyRange = 0.3): boolean {
  const p = Math.max(1, Math.ceil(v * safetyRange - 1e-9));
  return lo <= Math.max(0, v - p) && hi >= v + p;
}

/** Exact counts of every cell of a release (for its primaries), from its atoms. */
function trueValue(
  declarations: readonly TableDeclaration[],
  atoms: readonly Atom[],
  table: string,
  i: number,
  j: number,
): number {
  const decl = declarations.find((d) => d.id === table)!;
  const terms = cellTerms(decl, i, j)!;
  return atoms.reduce((s, a) => s + (cellMatches(terms, a, decl.basis) ? a.n : 0), 0);
}

/** A primary cell of a release that the joint attacker narrows below the rule. */
export interface UnprotectedPrimary {
  release: number;
  table: string;
  i: number;
  j: number;
  value: number;
  interval: [number, number];
}

/**
 * Every primary cell (true value 1 … threshold − 1, shown as **) of every release of the chain that the attacker
 * holding all of them at once (with `links`) narrows below the rule.
 */
export function chainUnprotectedPrimaries(
  highs: Highs,
  declarations: readonly TableDeclaration[],
  releases: readonly Release[],
  links: readonly ChainLink[],
  threshold = 10,
): UnprotectedPrimary[] {
  const attacker = new JointAttacker(highs, declarations, releases, links);
  const out: UnprotectedPrimary[] = [];
  try {
    releases.forEach((rel, release) => {
      const own = rel.declarations ?? declarations;
      for (const decl of own) {
        rel.exported.tables[decl.id]?.cells.forEach((row, i) =>
          row.forEach((shown, j) => {
            if (shown !== '**') return;
            const v = trueValue(own, rel.atoms, decl.id, i, j);
            if (v < 1 || v >= threshold) return;
            const interval = attacker.interval(release, decl.id, i, j);
            if (!protectedByRule(v, interval)) out.push({ release, table: decl.id, i, j, value: v, interval });
          }),
        );
      }
    });
  } finally {
    attacker.dispose();
  }
  return out;
}

/** Every primary cell of both releases that the joint attacker of the pair narrows below the rule. */
export function unprotectedPrimaries(
  highs: Highs,
  declarations: readonly TableDeclaration[],
  earlier: Release,
  later: Release,
  link: Link,
  threshold = 10,
): UnprotectedPrimary[] {
  return chainUnprotectedPrimaries(highs, declarations, [earlier, later], [{ earlier: 0, later: 1, link }], threshold);
}

/** Cells shown in both exports (same table, row key, column key) that differ by 1 … threshold − 1. */
export function smallDifferences(
  earlier: ExportTables,
  later: ExportTables,
  threshold = 10,
): { table: string; row: string; column: string; earlier: number; later: number }[] {
  const out: ReturnType<typeof smallDifferences> = [];
  for (const [id, t] of Object.entries(later.tables)) {
    const e = earlier.tables[id];
    if (!e) continue;
    t.rows.forEach((row, i) =>
      t.columns.forEach((col, j) => {
        const a = e.cells[e.rows.findIndex((h) => h.key === row.key)]?.[e.columns.findIndex((h) => h.key === col.key)];
        const b = t.cells[i]![j];
        if (typeof a !== 'number' || typeof b !== 'number') return;
        const d = Math.abs(a - b);
        if (d >= 1 && d < threshold) out.push({ table: id, row: row.key, column: col.key, earlier: a, later: b });
      }),
    );
  }
  return out;
}

/** The attacker's interval of each of `cells` (release, table, row, column), for comparing attackers on one chain. */
export function chainIntervals(
  highs: Highs,
  declarations: readonly TableDeclaration[],
  releases: readonly Release[],
  links: readonly ChainLink[],
  cells: readonly { release: number; table: string; i: number; j: number }[],
): [number, number][] {
  const attacker = new JointAttacker(highs, declarations, releases, links);
  try {
    return cells.map((c) => attacker.interval(c.release, c.table, c.i, c.j));
  } finally {
    attacker.dispose();
  }
}
