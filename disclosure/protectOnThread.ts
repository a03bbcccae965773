import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, InternalError } from '../core/errors.js';
import type { ProtectInput, ProtectProgress, ProtectResult } from './protectTables.js';

/** What the protect thread posts: progress, then its result or its error. */
export type ProtectThreadMessage =
  | { kind: 'progress'; progress: ProtectProgress }
  | { kind: 'result'; result: ProtectResult }
  | { kind: 'error'; name: string; message: string; details: string[] };

/** The message of an error thrown on the protect thread (its class by name: the exit code depends on it). */
export function errorMessage(e: unknown): ProtectThreadMessage {
  if (e instanceof Error)
    return { kind: 'error', name: e.name, message: e.message, details: e instanceof InputError ? e.details : [] };
  return { kind: 'error', name: 'Error', message: String(e), details: [] };
}

/** The error of a protect thread's message, of the class it was thrown as (InputError: exit 1, anything else: 2). */
function rebuiltError(m: Extract<ProtectThreadMessage, { kind: 'error' }>): Error {
  if (m.name === 'ConfigError') return new ConfigError(m.message, m.details);
  if (m.name === 'InputError') return new InputError(m.message, m.details);
  if (m.name === 'InternalError') return new InternalError(m.message);
  return new InternalError(`${m.name}: ${m.message}`);
}

/**
 * protectTables on a thread of its own. HiGHS solves synchronously (WebAssembly): on this thread a protection of
 * minutes (national data with earlier exports, many user tables) would hold the event loop, and a Ctrl-C (SIGINT,
 * SIGTERM: bin/outputFolder.ts removes the temp folders and exits) would wait until it ends. On its own thread this
 * thread only waits, so a signal stops the run at once. The input is copied to the thread (atoms, tables,
 * declarations, earlier exports: aggregated data, small), progress and the result come back as messages. Without the
 * compiled worker (running from the TypeScript sources, as the unit tests do) protectTables runs on this thread.
 */
export async function protectOnThread(input: ProtectInput): Promise<ProtectResult> {
  const url = new URL('./protectTablesWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return (await import('./protectTables.js')).protectTables(input);
  const { onProgress, ...data } = input;
  const worker = new Worker(url, { workerData: { input: data, progress: onProgress !== undefined } });
  try {
    return await new Promise<ProtectResult>((resolve, reject) => {
      worker.on('message', (m: ProtectThreadMessage) => {
        if (m.kind === 'progress') onProgress?.(m.progress);
        else if (m.kind === 'result') resolve(m.result);
        else reject(rebuiltError(m));
      });
      worker.once('error', (e: Error) => reject(new InternalError(`protect thread: ${e.message}`, { cause: e })));
      worker.once('exit', (code) =>
        reject(new InternalError(`protect thread stopped without a result (code ${code})`)),
      );
    });
  } finally {
    void worker.terminate();
  }
}
