import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { type Listed, fileFacts } from './fileFacts.js';

export type Facts = Map<string, { sha256: string; lines: number }>;

/** A file to hash, with its size and modification time as the input folder was listed (checked again while hashing). */
export interface InputFile extends Listed {
  path: string;
}

/** What the worker posts: the facts, or the error of the file that failed (an InputError's message kept as bad input). */
export type WorkerReply =
  | { facts: [string, { sha256: string; lines: number }][] }
  | { inputError: string; details: string[] }
  | { error: string };

const onMainThread = async (files: readonly InputFile[]): Promise<Facts> =>
  new Map(await Promise.all(files.map(async (f) => [f.path, await fileFacts(f.path, f)] as const)));

/**
 * Hash the input files (SHA-256 + line count) in a worker thread. The run starts it when DuckDB's scans are done
 * and protection (single-threaded) begins, so the hashing uses the otherwise idle core. Falls back to the main
 * thread when the compiled worker is not there (running from TypeScript sources), or when the worker cannot run
 * (it could not start for lack of memory, or stopped): the run then hashes a little later instead of failing.
 * A file that changed or vanished since the listing rejects with the InputError of bin/fileFacts.ts.
 */
export function hashInputs(files: readonly InputFile[]): Promise<Facts> {
  const worker = new URL('./fileFactsWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(worker))) return onMainThread(files);
  return new Promise<Facts | undefined>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    let w: Worker;
    try {
      w = new Worker(worker, { workerData: files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs })) });
    } catch {
      resolve(undefined);
      return;
    }
    w.once('message', (m: WorkerReply) =>
      settle(() => {
        if ('facts' in m) resolve(new Map(m.facts));
        else if ('inputError' in m) reject(new InputError(m.inputError, m.details));
        else resolve(undefined);
      }),
    );
    w.once('error', () => settle(() => resolve(undefined)));
    w.once('exit', () => settle(() => resolve(undefined)));
  }).then((facts) => facts ?? onMainThread(files));
}
