import { type Atom, combinationKey } from '../model/atom.js';
import type { TableDeclaration } from '../model/tableDeclarations.js';
import type { Period } from '../schemas/tablesJson.js';
import type { AttackerModel } from './attackerModel.js';
import { zeroCellAtoms } from './zeroCellAtoms.js';

/**
 * Person-level pairing across two nested releases of the same data (docs/disclosure.md, "Person-level pairing
 * across releases"). Every person of the shorter period is a person of the longer one, in an atom with at least
 * the same memberships (and, where the periods allow it, the same background classes). So the atom counts of the
 * two releases admit a *transport*: each shorter-period person sent to a longer-period atom it can be in, the
 * longer atoms holding the rest (the persons who joined later). An attacker holding both exports knows this.
 *
 * The joint LP does not carry one variable per path (a few thousand to hundreds of thousands): it carries one flow
 * per edge (shorter variable v, longer variable w) of this pairing, by column generation (jointAttacker.ts). By the
 * supply–demand theorem (Gale, Hall), counts x (shorter) and y (longer) admit a transport exactly when for every
 * set S of shorter-period variables
 *
 *     Σ_{v ∈ S} x_v  ≤  Σ_{w ∈ N(S)} y_w,        N(S): the longer-period variables a person of S can be in.
 *
 * `transport` decides it by a maximum flow (source → v, capacity x_v; v → w unbounded; w → sink, capacity y_w) and
 * returns the edges the flow uses: on the true counts they decide the rule (pairingOf) and are the joint LP's first
 * flow columns. `violatedSet` names, when there is no transport, the violated set S (the source side of a minimum
 * cut); adding its row as a constraint was tried instead of the flows and dropped (docs/disclosure.md), so today
 * only the tests use it, to check the theorem's side of the maximum flow.
 *
 * Variables of the attacker model are merged atoms; a person of a merged variable may be in any of its atoms
 * (the split is the attacker's to choose), so v → w is an edge when some atom of v can become some atom of w.
 * Atoms in no declared cell have no variable. On the shorter side that is exact (their count is free, and 0 is
 * the attacker's loosest choice); on the longer side the attacker is taken to know that nobody is in them (as the
 * observed-atom attacker knows which combinations are empty): stronger, never weaker, than the real one.
 */

/** The class value that may become known later (no work provision yet, no education file). */
const UNKNOWN = 'onbekend';

const CLASSES = ['age', 'gender', 'education'] as const;
type ClassDim = (typeof CLASSES)[number];

/** A release as the pairing sees it: its attacker model (variables carry their atoms) and periods. */
export interface PairingSide {
  model: AttackerModel;
  period: Period;
  backgroundPeriod: Period;
}

const inside = (a: Period, b: Period) => a.start >= b.start && a.end <= b.end;

/** The rule a person follows from the shorter period to the longer one. */
interface PairingRule {
  /** Background memberships grow too (the shorter background period lies inside the longer one). */
  background: boolean;
  /** Classes that stay the same ("onbekend" may become known). */
  fixed: readonly ClassDim[];
}

function canBecome(a: Atom, b: Atom, rule: PairingRule): boolean {
  if ((b.bits & a.bits) !== a.bits) return false;
  if (rule.background && (b.bitsBg & a.bitsBg) !== a.bitsBg) return false;
  for (const d of rule.fixed) if (a[d] !== UNKNOWN && a[d] !== b[d]) return false;
  return true;
}

/** A flow network of the pairing: shorter variables (left), longer variables (right), edges as CSR. */
export class Pairing {
  constructor(
    /** Number of left (shorter-period) variables. */
    readonly numLeft: number,
    /** CSR over the left variables: the right (longer-period) variables a person of left variable k can be in. */
    readonly starts: Int32Array,
    readonly targets: Int32Array,
    readonly numRight: number,
    /** The classes the rule keeps fixed (for the record). */
    readonly fixed: readonly string[],
  ) {
    this.edgeLeft = new Int32Array(targets.length);
    for (let v = 0; v < numLeft; v++) this.edgeLeft.fill(v, starts[v]!, starts[v + 1]!);
  }

  /** The left variable of each edge. */
  private readonly edgeLeft: Int32Array;
  /** Edges that carry the true counts' transport (set by pairingOf): the joint LP starts with their flows. */
  seedEdges: readonly number[] = [];

  leftOf(e: number): number {
    return this.edgeLeft[e]!;
  }

  /**
   * The edges of a transport of these counts (every left count placed, no right count exceeded), by one maximum flow;
   * null when there is none (the flow falls short of the left counts' sum by more than `tol`).
   */
  transport(x: (v: number) => number, y: (w: number) => number, tol: number): number[] | null {
    let supply = 0;
    for (let k = 0; k < this.numLeft; k++) supply += Math.max(0, x(k));
    const { value, edgeFlow } = maxFlow(this, x, y);
    if (value < supply - tol) return null;
    const out: number[] = [];
    edgeFlow.forEach((f, e) => {
      if (f > 1e-9) out.push(e);
    });
    return out;
  }

  /**
   * A set S of left variables (model indices) and N(S) of right variables whose row Σ x(S) ≤ Σ y(N(S)) the counts
   * violate by more than `tol`, or null when the counts admit a transport. `x(k)`, `y(k)`: counts by model index.
   */
  violatedSet(
    x: (v: number) => number,
    y: (w: number) => number,
    tol = 1e-6,
  ): { left: number[]; right: number[]; excess: number } | null {
    const L = this.numLeft;
    const R = this.numRight;
    let supply = 0;
    for (let k = 0; k < L; k++) supply += Math.max(0, x(k));
    if (supply <= tol) return null;
    const flow = maxFlow(this, x, y);
    if (flow.value >= supply - tol) return null;
    const left: number[] = [];
    const rightSet = new Uint8Array(R);
    let sx = 0;
    for (let k = 0; k < L; k++) {
      if (!flow.reached[k]) continue;
      left.push(k);
      sx += Math.max(0, x(k));
      for (let e = this.starts[k]!; e < this.starts[k + 1]!; e++) rightSet[this.targets[e]!] = 1;
    }
    const right: number[] = [];
    let sy = 0;
    for (let w = 0; w < R; w++)
      if (rightSet[w]) {
        right.push(w);
        sy += Math.max(0, y(w));
      }
    const excess = sx - sy;
    return excess > tol ? { left, right, excess } : null;
  }
}

/**
 * Maximum flow source → left (x) → right (unbounded) → sink (y), by augmenting paths over the bipartite graph
 * (Dinic's levels). Returns its value and which left nodes the source reaches in the residual graph.
 */
function maxFlow(p: Pairing, x: (v: number) => number, y: (w: number) => number) {
  const L = p.numLeft;
  const R = p.numRight;
  const EPS = 1e-12;
  const srcCap = new Float64Array(L); // residual source → left
  for (let k = 0; k < L; k++) srcCap[k] = Math.max(0, x(k));
  const sinkCap = new Float64Array(R); // residual right → sink
  for (let w = 0; w < R; w++) sinkCap[w] = Math.max(0, y(w));
  const edgeFlow = new Float64Array(p.targets.length); // flow on left → right (residual back edge)
  // reverse adjacency: for each right node, the edges into it
  const rStarts = new Int32Array(R + 1);
  for (let e = 0; e < p.targets.length; e++) rStarts[p.targets[e]! + 1]!++;
  for (let w = 0; w < R; w++) rStarts[w + 1]! += rStarts[w]!;
  const rEdges = new Int32Array(p.targets.length);
  const rFrom = new Int32Array(p.targets.length);
  const fill = rStarts.slice(0, R);
  for (let k = 0; k < L; k++)
    for (let e = p.starts[k]!; e < p.starts[k + 1]!; e++) {
      const w = p.targets[e]!;
      rEdges[fill[w]!] = e;
      rFrom[fill[w]!] = k;
      fill[w]!++;
    }
  let value = 0;
  const levelL = new Int32Array(L);
  const levelR = new Int32Array(R);
  const queueL = new Int32Array(L);
  const queueR = new Int32Array(R);
  const reached = new Uint8Array(L);
  // Breadth-first levels from the source; true when the sink is reachable.
  const bfs = (): boolean => {
    levelL.fill(-1);
    levelR.fill(-1);
    let qL = 0;
    let hL = 0;
    for (let k = 0; k < L; k++)
      if (srcCap[k]! > EPS) {
        levelL[k] = 1;
        queueL[qL++] = k;
      }
    let sinkReached = false;
    while (hL < qL) {
      // expand the left frontier to right nodes, then right nodes back to left nodes through used edges
      let qR = 0;
      while (hL < qL) {
        const k = queueL[hL++]!;
        for (let e = p.starts[k]!; e < p.starts[k + 1]!; e++) {
          const w = p.targets[e]!;
          if (levelR[w] !== -1) continue;
          levelR[w] = levelL[k]! + 1;
          queueR[qR++] = w;
          if (sinkCap[w]! > EPS) sinkReached = true;
        }
      }
      for (let h = 0; h < qR; h++) {
        const w = queueR[h]!;
        for (let r = rStarts[w]!; r < rStarts[w + 1]!; r++) {
          const k = rFrom[r]!;
          if (levelL[k] !== -1 || edgeFlow[rEdges[r]!]! <= EPS) continue;
          levelL[k] = levelR[w]! + 1;
          queueL[qL++] = k;
        }
      }
    }
    for (let k = 0; k < L; k++) reached[k] = levelL[k]! >= 0 ? 1 : 0;
    return sinkReached;
  };
  const itL = new Int32Array(L);
  const itR = new Int32Array(R);
  // Depth-first blocking flow from left node k with at most `limit`.
  const dfsLeft = (k: number, limit: number): number => {
    for (; itL[k]! < p.starts[k + 1]!; itL[k]!++) {
      const e = itL[k]!;
      const w = p.targets[e]!;
      if (levelR[w] !== levelL[k]! + 1) continue;
      const got = dfsRight(w, limit);
      if (got > EPS) {
        edgeFlow[e]! += got;
        return got;
      }
    }
    return 0;
  };
  const dfsRight = (w: number, limit: number): number => {
    if (sinkCap[w]! > EPS) {
      const got = Math.min(limit, sinkCap[w]!);
      sinkCap[w]! -= got;
      return got;
    }
    for (; itR[w]! < rStarts[w + 1]!; itR[w]!++) {
      const r = itR[w]!;
      const e = rEdges[r]!;
      const k = rFrom[r]!;
      if (levelL[k] !== levelR[w]! + 1 || edgeFlow[e]! <= EPS) continue;
      const got = dfsLeft(k, Math.min(limit, edgeFlow[e]!));
      if (got > EPS) {
        edgeFlow[e]! -= got;
        return got;
      }
    }
    return 0;
  };
  while (bfs()) {
    for (let k = 0; k < L; k++) itL[k] = p.starts[k]!;
    itR.set(rStarts.subarray(0, R));
    let pushed = false;
    for (let k = 0; k < L; k++) {
      if (levelL[k] !== 1) continue;
      while (srcCap[k]! > EPS) {
        const got = dfsLeft(k, srcCap[k]!);
        if (got <= EPS) break;
        srcCap[k]! -= got;
        value += got;
        pushed = true;
      }
    }
    if (!pushed) break;
  }
  bfs();
  return { value, reached, edgeFlow };
}

/**
 * The pairing from the shorter release to the longer one (the shorter analysis period inside the longer), with the
 * strongest rule the true counts satisfy: memberships grow (and background memberships, when the background
 * periods are nested the same way); the age class stays when the background periods start on the same day; gender
 * and education stay. A class the data did change (a newer education file, a corrected gender) is dropped from the
 * rule (education first, then gender, then age) until the true counts admit a transport; null when even
 * memberships alone do not (then no pairing rows: the cell-level couplings remain).
 */
export function pairingOf(shorter: PairingSide, longer: PairingSide): Pairing | null {
  if (!inside(shorter.period, longer.period)) return null;
  const background = inside(shorter.backgroundPeriod, longer.backgroundPeriod);
  const sameStart = shorter.backgroundPeriod.start === longer.backgroundPeriod.start;
  const candidates: ClassDim[][] = sameStart
    ? [['age', 'gender', 'education'], ['age', 'gender'], ['age'], []]
    : [['gender', 'education'], ['gender'], []];
  const trueX = (v: number) => shorter.model.variables[v]!.n;
  const trueY = (w: number) => longer.model.variables[w]!.n;
  for (const fixed of candidates) {
    const p = build(shorter.model, longer.model, { background, fixed });
    // whole counts: a flow short by less than one person is no flow short
    const seed = p.transport(trueX, trueY, 0.5);
    if (seed) {
      p.seedEdges = seed;
      return p;
    }
  }
  return null;
}

const classKey = (a: Atom, fixed: readonly ClassDim[]) => fixed.map((d) => a[d]).join('\u0000');

function build(shorter: AttackerModel, longer: AttackerModel, rule: PairingRule): Pairing {
  // longer atoms by their fixed classes; an atom of the shorter period with an unknown class may go anywhere
  const byClass = new Map<string, { atom: Atom; w: number }[]>();
  const all: { atom: Atom; w: number }[] = [];
  longer.variables.forEach((v, w) => {
    for (const atom of v.atoms) {
      const key = classKey(atom, rule.fixed);
      const list = byClass.get(key) ?? [];
      list.push({ atom, w });
      byClass.set(key, list);
      all.push({ atom, w });
    }
  });
  const starts: number[] = [0];
  const targets: number[] = [];
  const mark = new Int32Array(longer.variables.length).fill(-1);
  shorter.variables.forEach((v, k) => {
    const out: number[] = [];
    for (const a of v.atoms) {
      const pool = rule.fixed.some((d) => a[d] === UNKNOWN) ? all : (byClass.get(classKey(a, rule.fixed)) ?? []);
      for (const { atom: b, w } of pool) {
        if (mark[w] === k || !canBecome(a, b, rule)) continue;
        mark[w] = k;
        out.push(w);
      }
    }
    out.sort((p, q) => p - q);
    for (const w of out) targets.push(w);
    starts.push(targets.length);
  });
  return new Pairing(
    shorter.variables.length,
    Int32Array.from(starts),
    Int32Array.from(targets),
    longer.variables.length,
    rule.fixed,
  );
}

/**
 * The atoms of a release for its attacker when releases of shorter periods inside its own are published too: its
 * observed atoms, plus (count 0) every combination observed in those shorter releases that it lacks. A person can
 * always keep the memberships and classes it had in the shorter period, so the attacker must not assume such a
 * combination is empty in the longer one (as the observed-atom attacker would: it knows which combinations are
 * empty). Without them a person of the shorter release could only be paired with observed supersets, and an
 * earlier export would pin cells of the new one that no real attacker can pin (zeroCellAtoms.ts argues the same
 * way for zero cells).
 */
function keptCombinations(atoms: readonly Atom[], shorter: readonly (readonly Atom[])[]): Atom[] {
  const seen = new Set(atoms.map(combinationKey));
  const out: Atom[] = [];
  for (const list of shorter)
    for (const a of list) {
      const key = combinationKey(a);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ bits: a.bits, bitsBg: a.bitsBg, age: a.age, gender: a.gender, education: a.education, n: 0 });
    }
  return out;
}

/**
 * The atoms of a release's attacker: the observed atoms, the empty atoms of zero cells when zero is unsafe
 * (zeroCellAtoms.ts), and the combinations kept from the releases of shorter periods inside its own
 * (keptCombinations). One definition for the protect stage, the joint model's earlier blocks and the audit.
 */
export function attackerAtoms(
  atoms: readonly Atom[],
  declarations: readonly TableDeclaration[],
  zeroUnsafe: boolean,
  shorter: readonly (readonly Atom[])[],
): readonly Atom[] {
  const base = zeroUnsafe ? [...atoms, ...zeroCellAtoms(atoms, declarations)] : atoms;
  if (shorter.length === 0) return base;
  return [...base, ...keptCombinations(base, shorter)];
}

/** The atoms of the earlier exports whose analysis period lies strictly inside `period` (other data excluded). */
export function shorterReleaseAtoms(
  earlier: readonly { record: { period: Period }; atoms: readonly Atom[] | null; sameData?: boolean | undefined }[],
  period: Period,
): (readonly Atom[])[] {
  return earlier.flatMap((e) =>
    e.atoms && !e.sameData && inside(e.record.period, period) && !samePeriod(e.record.period, period) ? [e.atoms] : [],
  );
}

const samePeriod = (a: Period, b: Period) => a.start === b.start && a.end === b.end;
