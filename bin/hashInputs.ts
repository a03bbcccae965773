import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileFacts } from './fileFacts.js';

export type Facts = Map<string, { sha256: string; lines: number }>;

/**
 * Hash the input files (SHA-256 + line count) in a worker thread. The run starts it when DuckDB's scans are done
 * and protection (single-threaded) begins, so the hashing uses the otherwise idle core. Falls back to the main
 * thread when the compiled worker is not there (running from TypeScript sources).
 */
export function hashInputs(paths: readonly string[]): Promise<Facts> {
  const worker = new URL('./fileFactsWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(worker))) {
    return (async () => new Map(await Promise.all(paths.map(async (p) => [p, await fileFacts(p)] as const))))();
  }
  return new Promise((resolve, reject) => {
    const w = new Worker(worker, { workerData: [...paths] });
    w.once('message', (m: [string, { sha256: string; lines: number }][]) => resolve(new Map(m)));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`hashing worker stopped with code ${code}`));
    });
  });
}
