import { stringify } from 'csv-stringify/sync';

/** How records are written: field separator and line end. */
export interface CsvFormat {
  delimiter: ',' | ';';
  /** CRLF (RFC 4180; the export's tables, the comparison) or LF (internal/quarantine.csv, as it has always been). */
  recordDelimiter: '\r\n' | '\n';
}

/** RFC 4180: comma, CRLF. */
const RFC_4180: CsvFormat = { delimiter: ',', recordDelimiter: '\r\n' };

/**
 * The one CSV writer (csv-stringify): every record ends with the line end, the last one too; a field is quoted
 * (`"…"`, inner `"` doubled) only when it holds the separator, a quote, CR or LF; no BOM (the caller adds one).
 */
export function csvRecords(records: readonly (readonly string[])[], format: CsvFormat = RFC_4180): string {
  if (records.length === 0) return '';
  return stringify(records as string[][], {
    delimiter: format.delimiter,
    record_delimiter: format.recordDelimiter,
    quoted_match: /[\r\n]/,
    eof: true,
  });
}
