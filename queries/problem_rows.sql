-- Every problem row of one normalised source table (for quarantine), without any key value.
SELECT file_idx, row_nr, p_col, p_kind, p_val
FROM {{table}}
WHERE p_kind IS NOT NULL
ORDER BY file_idx, row_nr
