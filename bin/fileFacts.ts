import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { BLOCK_OFFSET, MAX_BLOCK, newlineCounter } from './newlineCounter.js';

/**
 * SHA-256 and record count of a file in one streaming pass (rows of a CSV = records - 1 for the header). A record
 * ends at a line end outside quotes (LF, CRLF or a lone CR); blank lines are no records. Chunks without quotes or
 * CRs (the usual case) are counted with SIMD (bin/newlineCounter.ts); others byte by byte. Binary inputs (.sav, .zsav, .parquet:
 * their row counts come from the reader) are only hashed (lines is then 0).
 */
export async function fileFacts(path: string): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  const countLines = !/\.(z?sav|parquet)$/i.test(path);
  const s = { records: 0, inQuote: false, lineHasContent: false, prev: 10 };
  // blocks are read straight into the SIMD counter's memory (no copy) and hashed from there
  const counter = countLines ? newlineCounter() : null;
  const buffer = counter ? counter.memory : new Uint8Array(MAX_BLOCK);
  const offset = counter ? BLOCK_OFFSET : 0;
  // synchronous reads: this runs in its own worker thread (bin/hashInputs.ts), where they are ~2× faster than async ones
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, offset, MAX_BLOCK, null);
      if (bytesRead === 0) break;
      const chunk = Buffer.from(buffer.buffer, buffer.byteOffset + offset, bytesRead);
      hash.update(chunk);
      if (!countLines) continue;
      if (!s.inQuote && s.prev !== 13 && chunk.indexOf(34) === -1 && chunk.indexOf(13) === -1) {
        if (counter) {
          s.records += counter.count(bytesRead, s.lineHasContent ? 0 : 10);
          s.prev = chunk[bytesRead - 1]!;
          s.lineHasContent = s.prev !== 10;
        } else countPlain(chunk, s);
      } else countCareful(chunk, s);
    }
  } finally {
    closeSync(fd);
  }
  if (s.lineHasContent) s.records++;
  return { sha256: hash.digest('hex'), lines: s.records };
}

interface State {
  records: number;
  inQuote: boolean;
  lineHasContent: boolean;
  prev: number;
}

function countPlain(chunk: Buffer, s: State): void {
  let i = chunk.indexOf(10);
  if (i === -1) {
    s.lineHasContent = true;
    s.prev = chunk[chunk.length - 1]!;
    return;
  }
  // the first line end closes the line carried over from the previous chunk
  if (s.lineHasContent || i > 0) s.records++;
  let last = i;
  while ((i = chunk.indexOf(10, last + 1)) !== -1) {
    if (i > last + 1) s.records++;
    last = i;
  }
  s.lineHasContent = last < chunk.length - 1;
  s.prev = chunk[chunk.length - 1]!;
}

function countCareful(chunk: Buffer, s: State): void {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b === 34) {
      s.inQuote = !s.inQuote;
      s.lineHasContent = true;
    } else if (s.inQuote) s.lineHasContent = true;
    else if (b === 10 || b === 13) {
      if (!(b === 10 && s.prev === 13) && s.lineHasContent) s.records++;
      s.lineHasContent = false;
    } else s.lineHasContent = true;
    s.prev = b;
  }
}
