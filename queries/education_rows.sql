-- HOOGSTEOPLTAB rows of study persons from files whose year is at most the end year of P_bg, plus every row whose
-- key is no key (checked in every file). The relation: file_idx, row_nr, rs, rn, level, year (from the file name);
-- `keyed` is keyed_rows.sql over it.
WITH k AS (
  {{!keyed}}
), kept AS (
  -- may keep rows of the same number under another RINPERSOONS: the final join on (s, n) in atoms.sql drops them
  SELECT *, mg_rinpersoons(rs) AS s, n0 AS n FROM k
  WHERE key_problem IS NOT NULL OR (year <= $bg_end_year AND hit)
)
SELECT file_idx, row_nr, year, s, n,
  CASE WHEN regexp_full_match(mg_digits(level), '[0-9]{4}') THEN coalesce(d.target, 'onbekend') ELSE 'onbekend' END AS education,
  key_problem AS p_kind,
  CASE WHEN key_problem IS NOT NULL THEN mg_key_column(rs) END AS p_col,
  CAST(NULL AS VARCHAR) AS p_val
FROM kept
LEFT JOIN code_map AS d ON d.domain = 'education' AND d.code = left(mg_digits(kept.level), 1)
