import { parentPort, workerData } from 'node:worker_threads';
import { fileFacts } from './fileFacts.js';

/** Worker: SHA-256 and line counts of the input files, off the main thread (bin/hashInputs.ts starts it). */
const paths = workerData as string[];
const out: [string, { sha256: string; lines: number }][] = [];
for (const p of paths) out.push([p, await fileFacts(p)]);
parentPort!.postMessage(out);
