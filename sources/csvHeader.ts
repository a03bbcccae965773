/**
 * The column names and delimiter of a CSV file from its first line, as DuckDB's reader would see them (BOM dropped,
 * names trimmed). Saves DuckDB a sniffing pass per file. Returns undefined whenever DuckDB might see it differently
 * (no delimiter found, empty or duplicate names, an unbalanced quote): the caller then asks DuckDB.
 */
export interface CsvHeader {
  columns: string[];
  delim: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The fields of one CSV record (RFC 4180 quoting); undefined when a quote is never closed. */
export function csvFields(line: string, delim: string): string[] | undefined {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}

/** The header's fields as written (trimmed; duplicates and empty names kept), or undefined when no delimiter fits. */
export function rawCsvHeader(firstLine: string): CsvHeader | undefined {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  let best: { delim: string; columns: string[] } | undefined;
  for (const delim of DELIMITERS) {
    const fields = csvFields(line, delim);
    if (fields && fields.length > 1 && (!best || fields.length > best.columns.length))
      best = { delim, columns: fields };
  }
  return best && { delim: best.delim, columns: best.columns.map((c) => c.trim()) };
}

export function parseCsvHeader(firstLine: string): CsvHeader | undefined {
  const best = rawCsvHeader(firstLine);
  if (!best) return undefined;
  const columns = best.columns;
  const upper = new Set(columns.map((c) => c.toUpperCase()));
  if (columns.some((c) => c === '') || upper.size !== columns.length) return undefined;
  return { columns, delim: best.delim };
}
