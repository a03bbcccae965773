import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { fileFacts } from './fileFacts.js';
import type { InputFile, WorkerReply } from './hashInputs.js';

/** Worker: SHA-256 and line counts of the input files, off the main thread (bin/hashInputs.ts starts it). */
const files = workerData as InputFile[];
let reply: WorkerReply;
try {
  const facts: [string, { sha256: string; lines: number }][] = [];
  for (const f of files) facts.push([f.path, await fileFacts(f.path, f)]);
  reply = { facts };
} catch (e) {
  reply = e instanceof InputError ? { inputError: e.message, details: e.details } : { error: String(e) };
}
parentPort!.postMessage(reply);
