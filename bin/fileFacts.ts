import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 and line count of a file in one streaming pass (rows of a CSV = lines - 1 for the header). Binary inputs
 * (.sav, .zsav, .parquet: their row counts come from the reader) are only hashed: counting "lines" in 4 GB of
 * national .sav files cost seconds at the end of a run for a number nobody reads (lines is then 0).
 */
export async function fileFacts(path: string): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  const countLines = !/\.(z?sav|parquet)$/i.test(path);
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (!countLines) continue;
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (countLines && last !== 10) lines++;
  return { sha256: hash.digest('hex'), lines };
}
