-- One CSV file of a source (or several with the same header, read as one scan), every column as text; row numbers
-- are found later, only for problem rows. Quotes as RFC 4180 has them, strictly: a quote that is never closed is an
-- error (bin/diagnoseCsv.ts then names the row), never a literal character that silently changes a value.
SELECT {{!idx}}, CAST(NULL AS BIGINT) AS row_nr, {{!cols}}{{!year}} FROM read_csv({{!path}}, all_varchar = true, header = true, quote = '"', escape = '"', strict_mode = true{{!delim}})
