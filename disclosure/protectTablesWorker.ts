import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, type ProtectThreadMessage } from './protectOnThread.js';
import { type ProtectInput, type ProtectProgress, protectTables } from './protectTables.js';

/** The thread of `protectOnThread` (protectOnThread.ts): protects the tables it is given, posts progress and the result. */
const post = (m: ProtectThreadMessage) => parentPort!.postMessage(m);
const { input, progress } = workerData as { input: Omit<ProtectInput, 'onProgress'>; progress: boolean };
try {
  const result = await protectTables({
    ...input,
    ...(progress ? { onProgress: (p: ProtectProgress) => post({ kind: 'progress', progress: p }) } : {}),
  });
  post({ kind: 'result', result });
} catch (e) {
  post(errorMessage(e));
}
