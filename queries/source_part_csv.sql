-- One CSV file of a source (or several with the same header, read as one scan), every column as text; row numbers
-- are found later, only for problem rows.
SELECT {{!idx}}, CAST(NULL AS BIGINT) AS row_nr, {{!cols}}{{!year}} FROM read_csv({{!path}}, all_varchar = true, header = true{{!delim}})
