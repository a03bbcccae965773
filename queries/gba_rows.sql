-- GBAPERSOONTAB rows of study persons (a semi-join: the other ~24 million rows are only checked), plus every row
-- with a problem. The relation: file_idx, row_nr, rs, rn, gender, birth_year, birth_month.
WITH r AS (
  SELECT file_idx, row_nr, trim(rs) AS s, mg_key_number(rn) AS n, mg_key_problem(rs, rn) AS key_problem,
         coalesce(g.target, 'onbekend') AS gender, birth_year, birth_month,
         CASE WHEN regexp_full_match(mg_digits(birth_year), '[0-9]{4}') THEN CAST(mg_digits(birth_year) AS INTEGER) END AS byear,
         CASE WHEN regexp_full_match(mg_digits(birth_month), '[0-9]{1,2}') AND CAST(mg_digits(birth_month) AS INTEGER) BETWEEN 1 AND 12
              THEN CAST(mg_digits(birth_month) AS INTEGER) END AS bmonth
  FROM ({{!relation}}) AS x
  LEFT JOIN code_map AS g ON g.domain = 'gender' AND g.code = mg_code(x.gender)
), p AS (
  SELECT *,
    CASE
      WHEN key_problem IS NOT NULL THEN key_problem
      WHEN byear IS NULL AND NOT (birth_year IS NULL OR regexp_full_match(trim(birth_year), '-*')) THEN 'unparseable birth year'
      WHEN bmonth IS NULL AND NOT (birth_month IS NULL OR regexp_full_match(trim(birth_month), '-*')) THEN 'unparseable birth month'
    END AS p_kind
  FROM r
)
SELECT file_idx, row_nr, s, n, gender, byear, bmonth, p_kind,
  CASE WHEN key_problem IS NOT NULL THEN (CASE WHEN key_problem LIKE '%RINPERSOONS%' THEN 'rinpersoons' ELSE 'rinpersoon' END)
       WHEN p_kind = 'unparseable birth year' THEN 'birthYear'
       WHEN p_kind = 'unparseable birth month' THEN 'birthMonth' END AS p_col,
  CASE WHEN p_kind = 'unparseable birth year' THEN birth_year WHEN p_kind = 'unparseable birth month' THEN birth_month END AS p_val
FROM p
WHERE p_kind IS NOT NULL OR EXISTS (SELECT 1 FROM persons AS q WHERE q.s = p.s AND q.n = p.n)
