import { parentPort } from 'node:worker_threads';
import { cellIntervals, type IntervalProblem } from './cellIntervals.js';
import { loadSolver } from './loadSolver.js';

/**
 * Worker of `cellIntervalsOnTwoThreads` (disclosure/parallelIntervals.ts): loads HiGHS as soon as it starts (while
 * the main thread still searches), then solves the intervals of the targets it is sent.
 */
const solver = loadSolver();
parentPort!.once('message', async (job: { problem: IntervalProblem; targets: number[] }) => {
  const highs = await solver;
  parentPort!.postMessage([...cellIntervals(highs, job.problem, job.targets)]);
});
