import type { Highs, Model } from 'highs';

/**
 * The whole-number interval of the sum of variables `cols` over the feasible set of `model` (a HiGHS model of
 * `numCols` variables; its objective is replaced): [ceil(min), floor(max)], Infinity when the maximum is unbounded.
 * For the tests' own attackers, written apart from disclosure/. `who` names the attacker in a solver error.
 */
export function sumInterval(
  highs: Highs,
  model: Model,
  numCols: number,
  cols: readonly number[],
  who: string,
): [number, number] {
  if (cols.length === 0) return [0, 0];
  const cost = new Float64Array(numCols);
  for (const c of cols) cost[c] = 1;
  model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, cost);
  const { objectiveSense, modelStatus } = highs.constants;
  const solve = (sense: 'min' | 'max') => {
    model.changeObjectiveSense(sense === 'min' ? objectiveSense.minimize : objectiveSense.maximize);
    model.run();
    const s = model.getModelStatus();
    if (s === modelStatus.optimal) return model.getObjectiveValue();
    if (sense === 'max' && (s === modelStatus.unbounded || s === modelStatus.unboundedOrInfeasible)) return Infinity;
    throw new Error(`${who}: solver status ${s}`);
  };
  const lo = solve('min');
  const hi = solve('max');
  return [Math.max(0, Math.ceil(lo - 1e-6)), hi === Infinity ? Infinity : Math.floor(hi + 1e-6)];
}
