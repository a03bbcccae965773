-- Problems of one normalised source table: per file, problem and column, how many rows, the first rows and the
-- value at the first problem row (never for key columns: p_val is NULL there).
SELECT file_idx, p_kind, p_col, count(*) AS n,
  arg_min(p_val, coalesce(row_nr, 0)) AS example,
  list(row_nr ORDER BY row_nr) FILTER (WHERE row_nr IS NOT NULL) AS rows
FROM {{table}}
WHERE p_kind IS NOT NULL
GROUP BY file_idx, p_kind, p_col
ORDER BY file_idx, p_col, p_kind
