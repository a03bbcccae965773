import type { Highs } from 'highs';
import type { AttackerModel } from './attackerModel.js';
import { type DisclosureParams, isPrimaryUnsafe } from './protectionRule.js';
import { type Need, needOf } from './secondarySuppression.js';
import {
  DEFAULT_WITNESS_LIMITS,
  findWitness,
  isWitness,
  searchWitness,
  type Witness,
  type WitnessLimits,
  type WitnessProblem,
  type WitnessSide,
} from './witnesses.js';

/**
 * The protection certificate of docs/certificate.md (format multigebruik-certificate/1), built from the final
 * pattern: the atoms are the attacker variables (merged atoms, exact also for whole numbers), every table cell with
 * its atoms and published value, and per primary its bounds and a whole-number witness for each side (witnesses.ts).
 * The export's tables.json SHA-256 is added when the export is rendered (certificateText), so this is a draft.
 */

export const CERTIFICATE_FILE = 'certificate.json';
/** The verifiers shipped beside the certificate (certificate/ of the package; docs/certificate.md). */
export const VERIFIER_FILES = ['verify-certificate.py', 'verify-certificate.R'] as const;
const FORMAT = 'multigebruik-certificate/1';
/** The export the certificate covers (version 1: the run's own). */
const RUN_EXPORT = 'run';

type Pairs = [number, number][];

interface CertificateCell {
  export: string;
  table: string;
  row: string;
  column: string;
  atoms: number[];
  published: number | null;
}

interface Requirement {
  export: string;
  table: string;
  row: string;
  column: string;
  value: number;
  reason: 'threshold' | 'differencing';
  bounds: [number, number];
  witnesses: { lo: Pairs | null; hi: Pairs | null };
}

export interface CertificateDraft {
  format: typeof FORMAT;
  rule: DisclosureParams;
  period: string;
  atoms: number[];
  cells: CertificateCell[];
  requirements: Requirement[];
}

/** How many sides got a witness, of how many. */
export interface CertificateCounts {
  sides: number;
  witnessed: number;
}

export function certificateCounts(c: CertificateDraft): CertificateCounts {
  let sides = 0;
  let witnessed = 0;
  for (const r of c.requirements)
    for (const w of [r.witnesses.lo, r.witnesses.hi]) {
      sides++;
      if (w) witnessed++;
    }
  return { sides, witnessed };
}

/** The witnesses of one protected row: its bounds and a witness per side (null: none found). */
export interface RowWitnesses {
  bounds: [number, number];
  lo: Witness | null;
  hi: Witness | null;
}

export interface WitnessesInput {
  model: AttackerModel;
  /** The pattern; cells suppressed for the integer attacker are added to it (mutated). */
  suppressed: boolean[];
  /** Per canonical row: primary (threshold or an earlier export's need). */
  primary: readonly boolean[];
  needs: readonly (Need | null)[];
  params: DisclosureParams;
  /** Per canonical row: what suppressing it costs (suppressionCost.ts): cheapest candidates first. */
  cost: readonly number[];
  limits?: WitnessLimits;
  /** Called after each side: sides done of total. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface CertificateWitnesses {
  /** Per protected canonical row. */
  rows: Map<number, RowWitnesses>;
  /** Rows suppressed for the integer attacker → the protected row they give a witness. */
  added: Map<number, number>;
}

/** How many pairs of known moves are tried for one side. */
const PAIRS_TRIED = 5000;

/**
 * A witness for `side` from witnesses found for other sides, without a solver. Each witness w is a move d = w − truth
 * that keeps every published row (a published row of the current pattern: more suppression only drops rows); so is
 * k·d and the sum of two moves, and truth + such a move is a witness when it is ≥ 0 and moves the row far enough.
 * Tried: each known move, its smallest multiple that reaches the bound, then pairs. isWitness checks every candidate.
 * @internal exported for its test and bench/witnesses.mjs
 */
export function fromKnownMoves(problem: WitnessProblem, side: WitnessSide, pool: readonly Witness[]): Witness | null {
  const { truth } = problem;
  const inRow = new Set(problem.rows[side.row]!.vars);
  const need = side.bound - problem.rows[side.row]!.value;
  const towards = (delta: number) => (side.sense === 'lo' ? -delta : delta);
  const moves = pool.map((w) => {
    let delta = 0;
    for (const [v, n] of w) if (inRow.has(v)) delta += n - truth[v]!;
    return { w, delta };
  });
  const scaled = (parts: readonly { w: Witness; k: number }[]): Witness | null => {
    const out: Witness = new Map();
    for (const { w, k } of parts) for (const [v, n] of w) out.set(v, (out.get(v) ?? truth[v]!) + k * (n - truth[v]!));
    for (const n of out.values()) if (n < 0) return null;
    return isWitness(problem, side, out) ? out : null;
  };
  for (const { w, delta } of moves) {
    if (towards(delta) <= 0) continue;
    const found = scaled([{ w, k: Math.max(1, Math.ceil(Math.abs(need) / Math.abs(delta))) }]);
    if (found) return found;
  }
  let tried = 0;
  for (let i = 0; i < moves.length; i++)
    for (let j = i + 1; j < moves.length; j++) {
      if (towards(moves[i]!.delta + moves[j]!.delta) < Math.abs(need)) continue;
      if (++tried > PAIRS_TRIED) return null;
      const found = scaled([
        { w: moves[i]!.w, k: 1 },
        { w: moves[j]!.w, k: 1 },
      ]);
      if (found) return found;
    }
  return null;
}

/** How many of the cheapest published cells that share atoms with a side's cell are tried when it has no witness. */
const INTEGER_CANDIDATES = 12;

/**
 * A whole-number witness for every side of every protected row of the pattern (witnesses.ts). A witness found for one
 * side is tried on every later one first (a move shifts several suppressed cells). When the search proves that a side
 * has none (provedNone: the integer attacker knows more than the LP, e.g. from a parity the shown cells force), the
 * cheapest published cell sharing atoms with the protected one whose suppression gives a witness is suppressed too;
 * more suppression only removes constraints, so every witness found before stays one. A side the search leaves
 * without a witness and without a proof stays null (reported by the certificate and its verifiers).
 */
export function certificateWitnesses(highs: Highs, input: WitnessesInput): CertificateWitnesses {
  const { model, suppressed, primary, needs, params, cost } = input;
  const limits = input.limits ?? DEFAULT_WITNESS_LIMITS;
  const problem: WitnessProblem = {
    truth: model.variables.map((v) => v.n),
    rows: model.canonical.map((c) => ({ vars: c.vars, value: c.value })),
    published: suppressed.map((s) => !s),
  };
  const protectedRows = model.canonical.filter((c) => primary[c.id] && suppressed[c.id]);
  const rows = new Map<number, RowWitnesses>();
  const added = new Map<number, number>();
  const total = protectedRows.length * 2;
  let done = 0;
  const pool: Witness[] = [];
  const rowsOfVar: number[][] = model.variables.map(() => []);
  model.canonical.forEach((c) => {
    for (const v of c.vars) rowsOfVar[v]!.push(c.id);
  });
  const search = (side: WitnessSide): Witness | null => {
    const known = fromKnownMoves(problem, side, pool);
    if (known) return known;
    const searched = searchWitness(highs, problem, side, limits);
    const w = searched.witness ?? (searched.provedNone ? widen(side) : null);
    if (w) pool.push(w);
    return w;
  };
  /** The cheapest suppression that gives the side a witness (recorded in `added`), or null. */
  const widen = (side: WitnessSide): Witness | null => {
    const near = new Set<number>();
    for (const v of problem.rows[side.row]!.vars) for (const r of rowsOfVar[v]!) if (problem.published[r]) near.add(r);
    const candidates = [...near].sort((a, b) => cost[a]! - cost[b]! || a - b).slice(0, INTEGER_CANDIDATES);
    for (const r of candidates) {
      problem.published[r] = false;
      const w = findWitness(highs, problem, side, limits);
      if (w) {
        suppressed[r] = true;
        added.set(r, side.row);
        return w;
      }
      problem.published[r] = true;
    }
    return null;
  };
  for (const c of protectedRows) {
    const need = needOf(c.value, params, needs[c.id]);
    const side = (sense: 'lo' | 'hi') => {
      const w = search({ row: c.id, sense, bound: sense === 'lo' ? need.lo : need.hi });
      input.onProgress?.(++done, total);
      return w;
    };
    const lo = side('lo');
    const hi = side('hi');
    rows.set(c.id, { bounds: [need.lo, need.hi], lo, hi });
  }
  return { rows, added };
}

/** The certificate of the final pattern from its witnesses (certificateWitnesses). */
export function certificateDraft(input: {
  model: AttackerModel;
  suppressed: readonly boolean[];
  needs: readonly (Need | null)[];
  params: DisclosureParams;
  period: string;
  witnesses: ReadonlyMap<number, RowWitnesses>;
}): CertificateDraft {
  const { model, suppressed, needs, params } = input;
  const truth = model.variables.map((v) => v.n);
  const pairs = (w: Witness | null): Pairs | null =>
    w ? [...w].filter(([v, n]) => n !== truth[v]).sort((a, b) => a[0] - b[0]) : null;
  const cells: CertificateCell[] = [];
  const requirements: Requirement[] = [];
  model.cells.forEach((ref, k) => {
    const c = model.canonical[model.cellCanonical[k]!]!;
    cells.push({ export: RUN_EXPORT, ...ref, atoms: [...c.vars], published: suppressed[c.id] ? null : c.value });
    const f = input.witnesses.get(c.id);
    if (!f) return;
    requirements.push({
      export: RUN_EXPORT,
      ...ref,
      value: c.value,
      reason: needs[c.id] && !isPrimaryUnsafe(c.value, params) ? 'differencing' : 'threshold',
      bounds: f.bounds,
      witnesses: { lo: pairs(f.lo), hi: pairs(f.hi) },
    });
  });
  return {
    format: FORMAT,
    rule: { threshold: params.threshold, zeroUnsafe: params.zeroUnsafe, safetyRange: params.safetyRange },
    period: input.period,
    atoms: truth,
    cells,
    requirements,
  };
}

/** internal/certificate.json: the draft with the export's tables.json SHA-256; one line per cell and requirement. */
export function certificateText(draft: CertificateDraft, tablesSha256: string): string {
  const head = {
    format: draft.format,
    rule: draft.rule,
    exports: [{ id: RUN_EXPORT, period: draft.period, tables: 'export/tables.json', tablesSha256 }],
  };
  const lines = [
    `${JSON.stringify(head).slice(0, -1)},`,
    `"atoms":${JSON.stringify(draft.atoms)},`,
    `"cells":[`,
    draft.cells.map((c) => JSON.stringify(c)).join(',\n'),
    `],"requirements":[`,
    draft.requirements.map((r) => JSON.stringify(r)).join(',\n'),
    `]}`,
  ];
  return `${lines.join('\n')}\n`;
}
