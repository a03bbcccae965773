import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { BLOCK_OFFSET, MAX_BLOCK, newlineCounter } from './newlineCounter.js';

/** A file's size and modification time as the input folder was listed (before DuckDB read it). */
export interface Listed {
  size: number;
  mtimeMs: number;
}

/**
 * SHA-256 and record count of a file in one streaming pass (rows of a CSV = records - 1 for the header). A record
 * ends at a line end outside quotes (LF, CRLF or a lone CR); blank lines are no records. Chunks without quotes or
 * CRs (the usual case) are counted with SIMD (bin/newlineCounter.ts); others byte by byte. Binary inputs (.sav, .zsav, .parquet:
 * their row counts come from the reader) are only hashed (lines is then 0).
 *
 * What the manifest says about an input must be what was read: with `listed` (the listing's size and mtime, taken
 * before the scans) the file must still have that size and mtime when hashing starts, and every byte hashed must
 * be there when it ends (same size and mtime after the last read). A file changed, appended to, removed or
 * unreadable meanwhile is an InputError naming it (the run stops with exit 1: its tables may be from other content).
 */
export async function fileFacts(path: string, listed?: Listed): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  const countLines = !/\.(z?sav|parquet)$/i.test(path);
  const s = { records: 0, inQuote: false, lineHasContent: false, prev: 10 };
  // blocks are read straight into the SIMD counter's memory (no copy) and hashed from there
  const counter = countLines ? newlineCounter() : null;
  const buffer = counter ? counter.memory : new Uint8Array(MAX_BLOCK);
  const offset = counter ? BLOCK_OFFSET : 0;
  const fsError = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) return e;
    return new InputError(code === 'ENOENT' ? messages.inputVanished(path) : messages.inputUnreadable(path, code));
  };
  // synchronous reads: this runs in its own worker thread (bin/hashInputs.ts), where they are ~2× faster than async ones
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fsError(e);
  }
  try {
    const before = fstatSync(fd);
    if (listed && (before.size !== listed.size || before.mtimeMs !== listed.mtimeMs))
      throw new InputError(messages.inputChanged(path));
    let total = 0;
    for (;;) {
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, buffer, offset, MAX_BLOCK, null);
      } catch (e) {
        throw fsError(e);
      }
      if (bytesRead === 0) break;
      total += bytesRead;
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
    const after = fstatSync(fd);
    if (total !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
      throw new InputError(messages.inputChanged(path));
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
