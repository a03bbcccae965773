import { createReadStream } from 'node:fs';
import { messages } from '../core/messages.js';

/** DuckDB's longest CSV line by default (max_line_size): a longer row is refused by its reader. */
const MAX_CSV_LINE = 2_097_152;

/**
 * Why DuckDB could not read a CSV file, found by our own pass over it (only after DuckDB failed, so it costs nothing
 * on a good file): the file is UTF-16, or the first record that holds a NUL byte, is not UTF-8, is longer than the
 * reader takes, ends its line differently from the header (CRLF and LF mixed), or whose number of fields differs
 * from the header's; or a quote that is never closed. Quotes are honoured (a quoted field may hold the delimiter or a
 * line break). Returns undefined when it finds nothing.
 */
export async function diagnoseCsv(path: string, delim = ','): Promise<string | undefined> {
  const d = delim.charCodeAt(0);
  let record = 0; // 0 = header; data rows are 1-based like every message
  let fields = 1;
  let headerFields = 0;
  let inQuote = false;
  let need = 0; // UTF-8 continuation bytes still expected
  let atStart = true;
  let blank = true;
  let length = 0; // bytes of the current record
  let prev = -1; // the byte before this one
  let crlf: boolean | undefined; // the header's line ending
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (
      offset === 0 &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    )
      return messages.csvUtf16();
    offset += chunk.length;
    for (let i = 0; i < chunk.length; i++, prev = chunk[i - 1]!) {
      const b = chunk[i]!;
      if (atStart && record === 0 && i < 3 && (b === 0xef || b === 0xbb || b === 0xbf)) continue; // BOM
      atStart = false;
      if (b === 0) return record === 0 && length < 2 ? messages.csvUtf16() : messages.csvNul(record);
      if (++length > MAX_CSV_LINE) return messages.csvLongRow(record, MAX_CSV_LINE);
      if (need > 0) {
        if ((b & 0xc0) !== 0x80) return messages.csvNotUtf8(record);
        need--;
        continue;
      }
      if (b >= 0x80) {
        if (b >= 0xc2 && b <= 0xdf) need = 1;
        else if ((b & 0xf0) === 0xe0) need = 2;
        else if (b >= 0xf0 && b <= 0xf4) need = 3;
        else return messages.csvNotUtf8(record);
        blank = false;
        continue;
      }
      if (b === 0x22) inQuote = !inQuote;
      else if (inQuote) continue;
      else if (b === d) fields++;
      else if (b === 0x0a) {
        const cr = prev === 0x0d;
        if (crlf === undefined) crlf = cr;
        else if (cr !== crlf && !blank) return messages.csvMixedLineEnds(record, crlf);
        if (record === 0) headerFields = fields;
        else if (!blank && fields !== headerFields) return messages.csvFieldCount(record, fields, headerFields);
        record++;
        fields = 1;
        blank = true;
        length = 0;
        continue;
      }
      if (b !== 0x0d) blank = false;
    }
  }
  if (need > 0) return messages.csvNotUtf8(record);
  if (inQuote) return messages.csvOpenQuote(record);
  if (record > 0 && !blank && fields !== headerFields) return messages.csvFieldCount(record, fields, headerFields);
  return undefined;
}
