import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttackerModel } from '../../disclosure/attackerModel.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import { attackerAtoms, pairingOf, shorterReleaseAtoms } from '../../disclosure/personPairing.js';
import type { Atom } from '../../model/atom.js';
import type { Period } from '../../schemas/tablesJson.js';

const P21: Period = { start: '2017-01-01', end: '2021-12-31' };
const P22: Period = { start: '2017-01-01', end: '2022-12-31' };
const ROLLING: Period = { start: '2018-01-01', end: '2022-12-31' };

const atom = (bits: number, n: number, classes: Partial<Atom> = {}): Atom => ({
  bits,
  bitsBg: bits,
  age: '28_55',
  gender: 'man',
  education: 'laag',
  n,
  ...classes,
});

/** An attacker model whose variables are the given groups of atoms (the pairing reads only the variables). */
const modelOf = (groups: readonly (readonly Atom[])[]): AttackerModel => ({
  cells: [],
  positions: [],
  cellCanonical: [],
  canonical: [],
  variables: groups.map((atoms) => ({ n: atoms.reduce((s, a) => s + a.n, 0), cells: [], atoms: [...atoms] })),
});

const side = (groups: readonly (readonly Atom[])[], period: Period) => ({
  model: modelOf(groups),
  period,
  backgroundPeriod: period,
});

/**
 * Is there a transport (independent check, written out as an LP): t[v][w] ≥ 0 on the allowed pairs, Σ_w t[v][w] = x_v,
 * Σ_v t[v][w] ≤ y_w. `allowed(v, w)` is the rule at variable level.
 */
function transportFeasible(
  highs: Highs,
  x: readonly number[],
  y: readonly number[],
  allowed: (v: number, w: number) => boolean,
): boolean {
  const pairs: [number, number][] = [];
  x.forEach((_, v) => y.forEach((_, w) => allowed(v, w) && pairs.push([v, w])));
  const rows = [
    ...x.map((xv, v) => ({ idx: pairs.flatMap(([a], k) => (a === v ? [k] : [])), lo: xv, hi: xv })),
    ...y.map((yw, w) => ({ idx: pairs.flatMap(([, b], k) => (b === w ? [k] : [])), lo: 0, hi: yw })),
  ];
  // a supply with no allowed pair at all: feasible only when it is 0
  if (rows.some((r) => r.idx.length === 0 && r.lo > 1e-9)) return false;
  const live = rows.filter((r) => r.idx.length > 0);
  if (pairs.length === 0) return true;
  const starts = [0];
  const indices: number[] = [];
  for (const r of live) {
    indices.push(...r.idx);
    starts.push(indices.length);
  }
  const m = highs.createModel({
    numCols: pairs.length,
    numRows: live.length,
    colCost: new Float64Array(pairs.length),
    colLower: new Float64Array(pairs.length),
    colUpper: new Float64Array(pairs.length).fill(highs.infinity),
    rowLower: live.map((r) => r.lo),
    rowUpper: live.map((r) => r.hi),
    matrix: {
      format: 'csr',
      numRows: live.length,
      numCols: pairs.length,
      starts: new Int32Array(starts),
      indices: new Int32Array(indices),
      values: new Float64Array(indices.length).fill(1),
    },
  });
  try {
    m.options.set({ output_flag: false });
    m.run();
    return m.getModelStatus() === highs.constants.modelStatus.optimal;
  } finally {
    m.dispose();
  }
}

describe('personPairing', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadSolver();
  });

  it('hand-checked: 5 X-only and 5 Y-only persons fit into 4 X-only, 4 Y-only and 2 in both, not when 1 is in both', () => {
    const X = 1;
    const Y = 2;
    const shorter = side([[atom(X, 5)], [atom(Y, 5)]], P21);
    const longer = side([[atom(X, 4)], [atom(Y, 4)], [atom(X | Y, 2)]], P22);
    const p = pairingOf(shorter, longer)!;
    expect(p).not.toBeNull();
    expect(p.fixed).toEqual(['age', 'gender', 'education']);
    // the true counts fit
    expect(
      p.violatedSet(
        (v) => [5, 5][v]!,
        (w) => [4, 4, 2][w]!,
      ),
    ).toBeNull();
    // an attacker's point with X ∩ Y = 1 in the longer period: 10 earlier persons, 4 + 4 + 1 = 9 places
    const cut = p.violatedSet(
      (v) => [5, 5][v]!,
      (w) => [4, 4, 1][w]!,
    )!;
    expect(cut.left).toEqual([0, 1]);
    expect(cut.right).toEqual([0, 1, 2]);
    expect(cut.excess).toBeCloseTo(1, 9);
    // only X's persons: 5 > 4 + 0 when X ∩ Y is 0 and X-only is 4
    const cutX = p.violatedSet(
      (v) => [5, 0][v]!,
      (w) => [4, 9, 0][w]!,
    )!;
    expect(cutX.left).toEqual([0]);
    expect(cutX.right).toEqual([0, 2]);
  });

  it('classes: a known class stays, "onbekend" may become known; a class the data changed is dropped from the rule', () => {
    const X = 1;
    // education known in 2021 and the same in 2022: the rule keeps every class
    const same = pairingOf(
      side([[atom(X, 3, { education: 'hoog' })]], P21),
      side([[atom(X, 3, { education: 'hoog' })], [atom(X, 2, { education: 'laag' })]], P22),
    )!;
    expect(same.fixed).toEqual(['age', 'gender', 'education']);
    expect(
      same.violatedSet(
        () => 3,
        (w) => [2, 9][w]!,
      ),
    ).not.toBeNull(); // 3 hoog persons, 2 hoog places
    // unknown in 2021, known in 2022: allowed with every class fixed
    const unknown = pairingOf(
      side([[atom(X, 3, { education: 'onbekend' })]], P21),
      side([[atom(X, 3, { education: 'midden' })]], P22),
    )!;
    expect(unknown.fixed).toEqual(['age', 'gender', 'education']);
    // hoog in 2021, midden in 2022 (a newer education file): the true counts need education dropped
    const changed = pairingOf(
      side([[atom(X, 3, { education: 'hoog' })]], P21),
      side([[atom(X, 3, { education: 'midden' })]], P22),
    )!;
    expect(changed.fixed).toEqual(['age', 'gender']);
    // memberships that shrink: no rule fits, no pairing
    expect(pairingOf(side([[atom(3, 3)]], P21), side([[atom(1, 3)]], P22))).toBeNull();
    // rolling windows are not nested: no pairing
    expect(pairingOf(side([[atom(1, 3)]], P21), side([[atom(1, 3)]], ROLLING))).toBeNull();
    // another start of the background period: the age class is not kept
    const later: Period = { start: '2016-01-01', end: '2022-12-31' };
    expect(pairingOf(side([[atom(1, 3)]], P21), side([[atom(1, 3)]], later))!.fixed).toEqual(['gender', 'education']);
  });

  it('attackerAtoms: the combinations of shorter releases are kept (count 0) where the longer one lacks them; shorterReleaseAtoms picks the nested ones', () => {
    const observed = [atom(1, 4), atom(3, 2)];
    const shorter = [atom(1, 3), atom(2, 1), atom(2, 5, { gender: 'vrouw' })];
    const all = attackerAtoms(observed, [], false, [shorter]);
    expect(all.slice(0, 2)).toEqual(observed);
    expect(all.slice(2)).toEqual([atom(2, 0), atom(2, 0, { gender: 'vrouw' })]);
    // nothing shorter: the observed atoms as they are
    expect(attackerAtoms(observed, [], false, [])).toBe(observed);
    const e = (period: Period, sameData = false) => ({ record: { period }, atoms: [atom(1, 1)], sameData });
    // nested inside: 2017-2021 and 2018-2022; not: the same period, an overlap, a same-data export
    const overlap: Period = { start: '2016-01-01', end: '2020-12-31' };
    expect(shorterReleaseAtoms([e(P21), e(P22), e(ROLLING), e(overlap), e(P21, true)], P22)).toHaveLength(2);
    // what the kept combination changes: 3 X-only and 1 Y-only person in 2017-2021; in 2017-2022 4 X-only and 2 in
    // both. An attacker's point with nobody in both and 1 Y-only is possible only when the Y-only combination is kept
    const earlier = [atom(1, 3), atom(2, 1)];
    const kept = attackerAtoms(observed, [], false, [earlier]);
    expect(kept.slice(2)).toEqual([atom(2, 0)]);
    const withKept = pairingOf(
      side([[earlier[0]!], [earlier[1]!]], P21),
      side(
        kept.map((a) => [a]),
        P22,
      ),
    )!;
    const observedOnly = pairingOf(
      side([[earlier[0]!], [earlier[1]!]], P21),
      side(
        observed.map((a) => [a]),
        P22,
      ),
    )!;
    expect(
      withKept.violatedSet(
        (v) => [3, 1][v]!,
        (w) => [4, 0, 1][w]!,
      ),
    ).toBeNull();
    expect(
      observedOnly.violatedSet(
        (v) => [3, 1][v]!,
        (w) => [4, 0][w]!,
      ),
    ).not.toBeNull();
  });

  it('fast-check: the edges follow the rule, and a point violates a row exactly when it admits no transport', () => {
    const atomArb = fc.record({
      bits: fc.integer({ min: 1, max: 7 }),
      gender: fc.constantFrom('man', 'vrouw', 'onbekend'),
    });
    const groups = (max: number) =>
      fc.array(fc.array(atomArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: max });
    const counts = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(groups(5), groups(6), counts, counts, (sg, lg, xs, ys) => {
        const toAtoms = (g: { bits: number; gender: string }[][]) =>
          g.map((as) => as.map((a) => atom(a.bits, 1, { gender: a.gender })));
        const shortGroups = toAtoms(sg);
        // the truth: every shorter person has a place in the longer period (the same atoms with every set), plus
        // the longer period's own atoms
        const longGroups = [...shortGroups.map((as) => as.map((a) => ({ ...a, bits: 7, bitsBg: 7 }))), ...toAtoms(lg)];
        const p = pairingOf(side(shortGroups, P21), side(longGroups, P22))!;
        expect(p).not.toBeNull();
        // the edges: some atom of v can become some atom of w (memberships grow in both periods, a known gender stays)
        const rule = (a: Atom, b: Atom) =>
          (b.bits & a.bits) === a.bits &&
          (b.bitsBg & a.bitsBg) === a.bitsBg &&
          (a.gender === 'onbekend' || a.gender === b.gender);
        const allowed = (v: number, w: number) => {
          for (let e = p.starts[v]!; e < p.starts[v + 1]!; e++) if (p.targets[e] === w) return true;
          return false;
        };
        shortGroups.forEach((as, v) =>
          longGroups.forEach((bs, w) => expect(allowed(v, w)).toBe(as.some((a) => bs.some((b) => rule(a, b))))),
        );
        const x = shortGroups.map((_, v) => xs[v]!);
        const y = longGroups.map((_, w) => ys[w]!);
        const cut = p.violatedSet(
          (v) => x[v]!,
          (w) => y[w]!,
        );
        const feasible = transportFeasible(highs, x, y, allowed);
        expect(cut === null).toBe(feasible);
        // the rule and the joint LP's seed use transport(): the same answer, and its edges alone carry a transport
        const edges = p.transport(
          (v) => x[v]!,
          (w) => y[w]!,
          1e-6,
        );
        expect(edges !== null).toBe(feasible);
        if (edges) {
          const used = new Set(edges.map((e) => `${p.leftOf(e)}>${p.targets[e]}`));
          expect(transportFeasible(highs, x, y, (v, w) => used.has(`${v}>${w}`))).toBe(true);
        }
        if (cut) {
          // N(S) holds every variable a person of S can be in, and the row is violated by its excess
          for (const v of cut.left)
            for (let e = p.starts[v]!; e < p.starts[v + 1]!; e++) expect(cut.right).toContain(p.targets[e]);
          const sx = cut.left.reduce((s, v) => s + x[v]!, 0);
          const sy = cut.right.reduce((s, w) => s + y[w]!, 0);
          expect(sx - sy).toBeCloseTo(cut.excess, 9);
          expect(cut.excess).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 27 },
    );
  });
});
