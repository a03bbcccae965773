-- GBAPERSOONTAB rows of study persons, plus every row whose key is no key. Every row's key is checked (a corrupted
-- key could hide a study person); the other fields only for study persons (a bad birth year of someone outside the
-- study changes no number). A semi-join: the other ~24 million rows are scanned, never kept.
-- The relation: file_idx, row_nr, rs, rn, gender, birth_year, birth_month; `keyed` is keyed_rows.sql over it.
WITH k AS (
  {{!keyed}}
), kept AS (
  -- may keep rows of the same number under another RINPERSOONS: the final join on (s, n) in atoms.sql drops them
  SELECT *, mg_rinpersoons(rs) AS s, n0 AS n FROM k WHERE key_problem IS NOT NULL OR hit
), v AS (
  SELECT kept.*,
    coalesce(g.target, 'onbekend') AS gender_class,
    CASE WHEN regexp_full_match(mg_digits(birth_year), '[1-9][0-9]{3}') THEN CAST(mg_digits(birth_year) AS INTEGER) END AS byear,
    CASE WHEN regexp_full_match(mg_digits(birth_month), '[0-9]{1,2}') AND CAST(mg_digits(birth_month) AS INTEGER) BETWEEN 1 AND 12
         THEN CAST(mg_digits(birth_month) AS INTEGER) END AS bmonth
  FROM kept
  LEFT JOIN code_map AS g ON g.domain = 'gender' AND g.code = mg_code(kept.gender)
), p AS (
  SELECT *,
    CASE
      WHEN key_problem IS NOT NULL THEN key_problem
      WHEN byear IS NULL AND NOT (birth_year IS NULL OR regexp_full_match(trim(birth_year), '-*')) THEN 'birth_year_unparseable'
      WHEN bmonth IS NULL AND NOT (birth_month IS NULL OR regexp_full_match(trim(birth_month), '-*')) THEN 'birth_month_unparseable'
    END AS p_kind
  FROM v
)
SELECT file_idx, row_nr, s, n, gender_class AS gender, byear, bmonth, p_kind,
  CASE WHEN key_problem IS NOT NULL THEN mg_key_column(rs)
       WHEN p_kind = 'birth_year_unparseable' THEN 'birthYear'
       WHEN p_kind = 'birth_month_unparseable' THEN 'birthMonth' END AS p_col,
  CASE WHEN p_kind = 'birth_year_unparseable' THEN birth_year WHEN p_kind = 'birth_month_unparseable' THEN birth_month END AS p_val
FROM p
