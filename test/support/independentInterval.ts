import type { Highs } from 'highs';
import { integerInterval } from '../../disclosure/protectionRule.js';

/** The interval of row `target`, solved on another code path (CPLEX LP text through highs.solve, no decomposition, no shortcut). */
export function independentInterval(
  highs: Highs,
  rows: readonly { vars: number[]; value: number }[],
  nVars: number,
  published: readonly boolean[],
  target: number,
): [number, number] {
  const sum = (vars: number[]) => vars.map((v) => `x${v}`).join(' + ');
  const cons = rows.flatMap((r, i) => (published[i] ? [` c${i}: ${sum(r.vars)} = ${r.value}`] : []));
  const bounds = Array.from({ length: nVars }, (_, k) => ` x${k} >= 0`);
  const side = (sense: 'Minimize' | 'Maximize') => {
    const lp = [
      sense,
      ` obj: ${sum(rows[target]!.vars)}`,
      'Subject To',
      ...(cons.length ? cons : [' c0: x0 >= 0']),
      'Bounds',
      ...bounds,
      'End',
    ].join('\n');
    const r = highs.solve(lp, { output_flag: false });
    if (r.Status === 'Optimal') return r.ObjectiveValue;
    if (sense === 'Maximize' && /Unbounded|unbounded/.test(r.Status)) return Infinity;
    throw new Error(`LP ${r.Status}`);
  };
  return integerInterval(side('Minimize'), side('Maximize'));
}
