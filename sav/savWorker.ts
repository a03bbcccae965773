/**
 * Decoding worker: runs decodeSav on one file and posts the dictionary, then each chunk (buffers transferred, not
 * copied), then the result. At most MAX_IN_FLIGHT chunks wait for the main thread at any time (it counts the
 * chunks it appended in a shared counter), so memory stays bounded when the main thread is slower.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { decodeSav, type DecodeSavOptions } from './decodeSav.js';
import type { SavChunk } from './savChunkBuilder.js';

export interface SavWorkerData {
  file: string;
  options: DecodeSavOptions;
  /** Int32Array[2]: chunks posted, chunks appended. */
  flow: SharedArrayBuffer;
}

export type SavWorkerMessage =
  | {
      type: 'dictionary';
      encoding: string;
      compression: 'none' | 'bytecode' | 'zlib';
      caseCount: number | null;
      selected: import('./savDictionary.js').SavVariable[];
    }
  | { type: 'chunk'; chunk: SavChunk }
  | { type: 'done'; rows: number; kept: number }
  | { type: 'error'; input: boolean; message: string; details: string[]; stack?: string | undefined };

const MAX_IN_FLIGHT = 8;

const data = workerData as SavWorkerData;
const port = parentPort!;
const flow = new Int32Array(data.flow);
const post = (m: SavWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const r = await decodeSav(
    data.file,
    data.options,
    (dict, selected) =>
      post({
        type: 'dictionary',
        encoding: dict.encoding,
        compression: dict.compression,
        caseCount: dict.caseCount,
        selected,
      }),
    (chunk) => {
      const transfer = [chunk.rowNumbers, ...chunk.columns.flatMap((c) => (c.valid ? [c.data, c.valid] : [c.data]))];
      post({ type: 'chunk', chunk }, transfer);
      const posted = Atomics.add(flow, 0, 1) + 1;
      for (;;) {
        const done = Atomics.load(flow, 1);
        if (posted - done <= MAX_IN_FLIGHT) break;
        Atomics.wait(flow, 1, done, 100);
      }
    },
  );
  post({ type: 'done', rows: r.rows, kept: r.kept });
} catch (err) {
  const e = err as Error;
  post({
    type: 'error',
    input: err instanceof InputError,
    message: e.message,
    details: err instanceof InputError ? err.details : [],
    stack: e.stack,
  });
}
