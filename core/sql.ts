/**
 * The one place where text is quoted into DuckDB SQL. Values (file paths included) are bound as `$param` wherever
 * DuckDB allows it; where it does not (`COPY … TO 'file'`, table and column names) they are quoted here, with
 * @duckdb/node-api's own helpers, never by hand. Windows paths with quotes, brackets, `&` or non-ASCII letters pass
 * through these unchanged.
 */
import { quotedIdentifier, quotedString } from '@duckdb/node-api';

/** A table or column name as a SQL identifier: `O"Brien` → `"O""Brien"`. */
export function sqlIdentifier(name: string): string {
  return quotedIdentifier(name);
}

/** A text value (e.g. a file path) as a SQL string literal: `O'Brien` → `'O''Brien'`. Prefer binding a `$param`. */
export function sqlString(text: string): string {
  return quotedString(text);
}
