-- Wide SRG (config sources.srg.wide): one period row per person with a count column per provision type, turned into
-- the long form that coded_records.sql reads (file_idx, row_nr, rs, rn, code, begin_raw, end_raw). Every count above
-- zero gives one row with the code its column stands for, carrying the wide row's file and row number, so messages
-- name the row of the file. Empty and zero counts give nothing; a count that is not a number gives a row whose code
-- is "<code>: <value>", which validation reports as a code not mapped in the config. A row whose key or dates are
-- bad gives only its first type, so the problem is reported (and quarantined) once per row of the file.
-- The relation: the union of the files with columns file_idx, row_nr, rs, rn, begin_raw, end_raw, w0, w1, …
WITH w AS (
  SELECT file_idx, row_nr, rs, rn, begin_raw, end_raw,
    list_filter([{{!types}}], x -> trim(x.n) <> '' AND coalesce(TRY_CAST(replace(trim(x.n), ',', '.') AS DOUBLE) > 0, true)) AS used,
    mg_record_problem(mg_key_problem(rs, rn, mg_key_number(rn)), begin_raw, mg_date(begin_raw), end_raw, mg_date(end_raw), false) IS NULL AS ok
  FROM ({{!relation}})
), u AS (
  SELECT file_idx, row_nr, rs, rn, begin_raw, end_raw, unnest(CASE WHEN ok THEN used ELSE used[1:1] END) AS t FROM w
)
SELECT file_idx, row_nr, rs, rn,
  CASE WHEN TRY_CAST(replace(trim(t.n), ',', '.') AS DOUBLE) IS NULL THEN t.code || ': ' || trim(t.n) ELSE t.code END AS code,
  begin_raw, end_raw
FROM u
