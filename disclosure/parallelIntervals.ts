import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Highs } from 'highs';
import { InternalError } from '../core/errors.js';
import { cellIntervals, type IntervalProblem } from './cellIntervals.js';

/** A helper thread for the final audit, started early so that its solver is loaded by the time it is needed. */
export interface IntervalHelper {
  /** The intervals of `targets`: about half solved by the helper, the rest here, at the same time. */
  solve(highs: Highs, problem: IntervalProblem, targets: readonly number[]): Promise<Map<number, [number, number]>>;
  /** Stop the helper when it was never asked (an error before the audit). */
  stop(): void;
}

/**
 * Start the helper thread of the final audit (a second core: the search before it is single-threaded). Without the
 * compiled worker (running from TypeScript sources) everything is solved on this thread. Each interval is an LP
 * optimum of its own, so the split changes no result: `integerInterval` reads every optimum to whole numbers.
 */
export function startIntervalHelper(): IntervalHelper {
  const url = new URL('./cellIntervalsWorker.js', import.meta.url);
  const worker = existsSync(fileURLToPath(url)) ? new Worker(url) : null;
  return {
    async solve(highs, problem, targets) {
      if (!worker || targets.length < 2) {
        void worker?.terminate();
        return cellIntervals(highs, problem, targets);
      }
      // every other target to the helper (neighbouring cells often share a table, so both halves are alike)
      const theirs = targets.filter((_, k) => k % 2 === 1);
      const ours = targets.filter((_, k) => k % 2 === 0);
      const answer = new Promise<[number, [number, number]][]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new InternalError(`audit helper thread stopped (code ${code})`)));
      });
      answer.catch(() => {}); // when this thread fails first, the helper's end is no second error
      worker.postMessage({ problem, targets: theirs });
      try {
        const mine = cellIntervals(highs, problem, ours);
        const helped = new Map(await answer);
        const out = new Map<number, [number, number]>();
        for (const t of targets) out.set(t, mine.get(t) ?? helped.get(t)!);
        return out;
      } finally {
        void worker.terminate();
      }
    },
    stop() {
      void worker?.terminate();
    },
  };
}
