import type { Highs } from 'highs';
import type { Atom } from '../../model/atom.js';
import { cellMatches } from '../../model/cellTerm.js';
import { cellTerms, type TableDeclaration } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { sumInterval } from './sumInterval.js';

/**
 * The person-level TRANSPORT attacker across nested releases (issue 27), for the tests, written apart from
 * disclosure/ and from test/support/jointAttacker.ts (which links releases cell by cell).
 *
 * A chain of releases of the same input data whose periods all start on the same day, each inside the next
 * (2017–2021 then 2017–2022; or 2017–2020, 2017–2021, 2017–2022). A person of an earlier release is a person of
 * every later one (more months: at least the same memberships, so still in the study), in an atom with
 * - at least its memberships in the period (`bits` ⊇) and in the background period (`bitsBg` ⊇; the background
 *   periods are nested the same way);
 * - with `classes` (the default; docs/disclosure.md "Background classes": same start date of the background
 *   period, so the age class at first use is the same, and gender and education are a person's own) the same
 *   age, gender and education class, except that "onbekend" (unknown) may become any class later (an age with
 *   no work provision yet, a later education file): the caveat test/support/jointAttacker.ts applies by not
 *   linking "onbekend" cells.
 * One variable ≥ 0 per possible *path* of a person through the chain: it starts in an atom of release r (the
 * persons who first appear in r) and passes through one atom of every later release, each step allowed by the
 * rules above. For two releases: t[a][b] (earlier atom a, later atom b) and s[b] (later atom b, not in the earlier
 * population). Like jointAttacker.ts, only atoms observed in a release get variables.
 * Every number shown in release r equals the sum of the paths passing through an atom of r in that cell
 * (duplicates kept); each release's cells come from its own declarations. The attacker then bounds every
 * suppressed cell by LP (HiGHS, presolve off, each bound only changes the objective).
 */
export interface TransportRelease {
  atoms: readonly Atom[];
  exported: ExportTables;
  /** Its own tables (default: the declarations given to the attacker). */
  declarations?: readonly TableDeclaration[];
}

export interface TransportOptions {
  /**
   * Which known classes stay the same along a path: true (the default) for age, gender and education, false for
   * none, or a list. The education class is read from the latest HOOGSTEOPLTAB file up to the end year of the
   * background period, so a longer period can read a newer file (the generated data do): pass
   * `['age', 'gender']` when the data may change it.
   */
  classes?: boolean | readonly Dim[];
  threshold?: number;
  safetyRange?: number;
  /**
   * A person may keep the memberships and classes it had (default true): every combination observed in a release is
   * also possible (count unknown, true count 0) in every later release that did not observe it. false: only observed
   * atoms (the attacker then knows which combinations are empty in every release).
   */
  keepCombinations?: boolean;
  /** Refuse to build more paths than this (default 3,000,000). */
  maxPaths?: number;
}

const DIMS = ['age', 'gender', 'education'] as const;
type Dim = (typeof DIMS)[number];

/** Can a person of atom `a` (a shorter period) be a person of atom `b` (a longer period with the same start)? */
function canBecome(a: Atom, b: Atom, fixed: readonly Dim[]): boolean {
  if ((b.bits & a.bits) !== a.bits || (b.bitsBg & a.bitsBg) !== a.bitsBg) return false;
  return fixed.every((d) => a[d] === 'onbekend' || a[d] === b[d]);
}

/** The chain with, in every release, an empty atom for each combination of an earlier release it did not observe. */
function withKeptCombinations(releases: readonly TransportRelease[]): TransportRelease[] {
  const key = (a: Atom) => [a.bits, a.bitsBg, a.age, a.gender, a.education].join('|');
  const out: TransportRelease[] = [];
  releases.forEach((rel, r) => {
    const seen = new Set(rel.atoms.map(key));
    const extra: Atom[] = [];
    for (const a of r > 0 ? out[r - 1]!.atoms : [])
      if (!seen.has(key(a))) {
        seen.add(key(a));
        extra.push({ ...a, n: 0 });
      }
    out.push({ ...rel, atoms: [...rel.atoms, ...extra] });
  });
  return out;
}

/** The transport attacker of one chain: the paths and one LP, built once. */
class TransportAttacker {
  private readonly model;
  /** Per release, per atom: the paths through it. */
  private readonly through: number[][][];
  /** Number of path variables. */
  readonly paths: number;
  private readonly releases: readonly TransportRelease[];

  constructor(
    private readonly highs: Highs,
    private readonly declarations: readonly TableDeclaration[],
    given: readonly TransportRelease[],
    options: TransportOptions = {},
  ) {
    const releases = options.keepCombinations === false ? given : withKeptCombinations(given);
    this.releases = releases;
    const classes = options.classes ?? true;
    const fixed: readonly Dim[] = classes === true ? DIMS : classes === false ? [] : classes;
    const maxPaths = options.maxPaths ?? 3_000_000;
    const K = releases.length;
    // next[r][k]: atoms of release r + 1 that a person of atom k of release r can be in
    const next = releases.slice(0, -1).map((rel, r) =>
      rel.atoms.map((a) => {
        const out: number[] = [];
        releases[r + 1]!.atoms.forEach((b, m) => {
          if (canBecome(a, b, fixed)) out.push(m);
        });
        return out;
      }),
    );
    let paths = 0;
    // Enumerate paths explicitly: a path is a list of (release, atom) from its start to the last release.
    this.through = releases.map((rel) => rel.atoms.map(() => []));
    const stack: [number, number][] = [];
    const extend = (r: number, k: number) => {
      stack.push([r, k]);
      if (r === K - 1) {
        for (const [q, j] of stack) this.through[q]![j]!.push(paths);
        paths++;
        if (paths > maxPaths) throw new Error(`transport attacker: more than ${maxPaths} paths`);
      } else for (const m of next[r]![k]!) extend(r + 1, m);
      stack.pop();
    };
    releases.forEach((rel, r) => rel.atoms.forEach((_, k) => extend(r, k)));
    this.paths = paths;

    const starts = [0];
    const indices: number[] = [];
    const bounds: number[] = [];
    releases.forEach((rel, r) => {
      for (const decl of this.declarationsOf(r)) {
        const t = rel.exported.tables[decl.id];
        if (!t) continue;
        decl.rows.forEach((_, i) =>
          decl.columns.forEach((_, j) => {
            if (cellTerms(decl, i, j) === null) return;
            const shown = t.cells[i]?.[j];
            if (typeof shown !== 'number') return;
            for (const c of this.members(r, decl, i, j)) indices.push(c);
            starts.push(indices.length);
            bounds.push(shown);
          }),
        );
      }
    });
    const inf = highs.infinity;
    this.model = highs.createModel({
      numCols: paths,
      numRows: bounds.length,
      colCost: new Float64Array(paths),
      colLower: new Float64Array(paths),
      colUpper: new Float64Array(paths).fill(inf),
      rowLower: bounds,
      rowUpper: bounds,
      matrix: {
        format: 'csr',
        numRows: bounds.length,
        numCols: paths,
        starts: new Int32Array(starts),
        indices: new Int32Array(indices),
        values: new Float64Array(indices.length).fill(1),
      },
    });
    this.model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
    // the true pairing must fit: a shown count no path can give means the rules above do not hold for these data
    this.model.run();
    const status = this.model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal)
      throw new Error(`transport attacker: the shown counts do not fit the model (solver status ${status})`);
  }

  declarationsOf(release: number): readonly TableDeclaration[] {
    return this.releases[release]!.declarations ?? this.declarations;
  }

  /** The paths through the atoms of release `release` in cell (i, j) of `decl`. */
  private members(release: number, decl: TableDeclaration, i: number, j: number): number[] {
    const terms = cellTerms(decl, i, j)!;
    const out: number[] = [];
    this.releases[release]!.atoms.forEach((a, k) => {
      if (cellMatches(terms, a, decl.basis)) for (const c of this.through[release]![k]!) out.push(c);
    });
    return out;
  }

  /** The whole-number interval of cell (i, j) of table `table` in release `release` (Infinity = unbounded). */
  interval(release: number, table: string, i: number, j: number): [number, number] {
    const decl = this.declarationsOf(release).find((d) => d.id === table)!;
    const cols = this.members(release, decl, i, j);
    return sumInterval(this.highs, this.model, this.paths, cols, 'transport attacker');
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** p(v) = max(1, ceil(safetyRange · v)), written out again. */
const protection = (v: number, safetyRange: number) => Math.max(1, Math.ceil(v * safetyRange - 1e-9));

/** A suppressed cell of a release, its true value, the interval it must reach and the attacker's interval. */
export interface TransportFinding {
  release: number;
  table: string;
  i: number;
  j: number;
  value: number;
  /** The attacker's interval must reach [needs[0], needs[1]] (lo ≤ needs[0], hi ≥ needs[1]). */
  needs: [number, number];
  interval: [number, number];
  /** Why it is required: a primary count (1 … threshold − 1), and/or differencing with an earlier release. */
  why: ('primary' | 'differencing')[];
}

/** Exact count of cell (i, j) of `decl` over `atoms`. */
const trueValue = (decl: TableDeclaration, atoms: readonly Atom[], i: number, j: number) => {
  const terms = cellTerms(decl, i, j)!;
  return atoms.reduce((s, a) => s + (cellMatches(terms, a, decl.basis) ? a.n : 0), 0);
};

/**
 * The requirements of the suppressed cells of every release of the chain (docs/disclosure.md): a primary count v
 * (1 … threshold − 1) must reach [max(0, v − p(v)), v + p(v)]; a cell whose counterpart in an earlier release of
 * the chain (same table, row and column keys, same definition) is shown and differs by d = 1 … threshold − 1 must
 * reach [max(0, w − p(d)), w + p(d)] (differencing). Both when both apply.
 */
export function transportRequirements(
  declarations: readonly TableDeclaration[],
  releases: readonly TransportRelease[],
  options: TransportOptions = {},
): Omit<TransportFinding, 'interval'>[] {
  const threshold = options.threshold ?? 10;
  const range = options.safetyRange ?? 0.3;
  const out: Omit<TransportFinding, 'interval'>[] = [];
  releases.forEach((rel, release) => {
    const own = rel.declarations ?? declarations;
    for (const decl of own) {
      rel.exported.tables[decl.id]?.cells.forEach((row, i) =>
        row.forEach((shown, j) => {
          if (shown !== '**' || cellTerms(decl, i, j) === null) return;
          const v = trueValue(decl, rel.atoms, i, j);
          let lo = Infinity;
          let hi = -Infinity;
          const why: TransportFinding['why'] = [];
          if (v >= 1 && v < threshold) {
            const p = protection(v, range);
            lo = Math.max(0, v - p);
            hi = v + p;
            why.push('primary');
          }
          const terms = JSON.stringify(cellTerms(decl, i, j));
          for (let q = 0; q < release; q++) {
            const old = (releases[q]!.declarations ?? declarations).find((d) => d.id === decl.id);
            const x = releases[q]!.exported.tables[decl.id];
            if (!old || !x || old.basis !== decl.basis) continue;
            const k = old.rows.findIndex((h) => h.key === decl.rows[i]!.key);
            const l = old.columns.findIndex((h) => h.key === decl.columns[j]!.key);
            if (k < 0 || l < 0 || JSON.stringify(cellTerms(old, k, l)) !== terms) continue;
            const e = x.cells[k]?.[l];
            if (typeof e !== 'number') continue;
            const d = Math.abs(v - e);
            if (d < 1 || d >= threshold) continue;
            const p = protection(d, range);
            lo = Math.min(lo, Math.max(0, v - p));
            hi = Math.max(hi, v + p);
            if (!why.includes('differencing')) why.push('differencing');
          }
          if (why.length > 0) out.push({ release, table: decl.id, i, j, value: v, needs: [lo, hi], why });
        }),
      );
    }
  });
  return out;
}

/**
 * Every required suppressed cell (transportRequirements) of every release of the nested chain that the transport
 * attacker holding all of them narrows below its requirement. `checked` gets the number of cells bounded.
 */
export function transportUnprotected(
  highs: Highs,
  declarations: readonly TableDeclaration[],
  releases: readonly TransportRelease[],
  options: TransportOptions = {},
  stats: { checked?: number; paths?: number } = {},
): TransportFinding[] {
  const attacker = new TransportAttacker(highs, declarations, releases, options);
  const out: TransportFinding[] = [];
  try {
    const required = transportRequirements(declarations, releases, options);
    stats.checked = required.length;
    stats.paths = attacker.paths;
    for (const r of required) {
      const interval = attacker.interval(r.release, r.table, r.i, r.j);
      // the true counts are one solution: an interval without the true value means the rules do not hold here
      if (r.value < interval[0] || r.value > interval[1])
        throw new Error(
          `transport attacker: ${r.table}[${r.i}][${r.j}] of release ${r.release} is ${r.value}, outside [${interval.join(', ')}]: the pairing rules do not hold for these data`,
        );
      if (interval[0] > r.needs[0] || interval[1] < r.needs[1]) out.push({ ...r, interval });
    }
  } finally {
    attacker.dispose();
  }
  return out;
}

/** The transport attacker's interval of each of `cells` (release, table, row, column). */
export function transportIntervals(
  highs: Highs,
  declarations: readonly TableDeclaration[],
  releases: readonly TransportRelease[],
  cells: readonly { release: number; table: string; i: number; j: number }[],
  options: TransportOptions = {},
): [number, number][] {
  const attacker = new TransportAttacker(highs, declarations, releases, options);
  try {
    return cells.map((c) => attacker.interval(c.release, c.table, c.i, c.j));
  } finally {
    attacker.dispose();
  }
}
