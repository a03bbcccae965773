-- One provision source with a single code column (SRG, WMOBUS): normalised key, mapped bit, dates, and the first
-- problem of each row. Keeps rows that overlap the window [$window_start, $window_end] or have a problem; with
-- $study_only (WMOBUS: millions of rows, most of persons outside the study) only rows of persons in study_keys.
-- The relation: the union of the source's files, with columns file_idx, row_nr, rs, rn, code, begin_raw, end_raw.
WITH r AS (
  SELECT file_idx, row_nr, rs, rn, mg_key_number(rn) AS n0,
         code AS code_raw, mg_code(code) AS code, begin_raw, end_raw, mg_date(begin_raw) AS b, mg_date(end_raw) AS e
  FROM ({{!relation}})
), m AS (
  SELECT r.*, cm.bit, q.hit,
    -- SRG: the exact key rules on every row. WMOBUS ($study_only): exact where the row could link to a study person
    -- or the key is not even a plausible number (see mg_key_plausible)
    CASE WHEN $study_only = 0 OR q.hit THEN r.n0 END AS n,
    CASE WHEN $study_only = 0 THEN mg_key_problem(r.rs, r.rn, r.n0) ELSE mg_big_key_problem(r.rs, r.rn, r.n0, q.hit) END AS key_problem
  FROM r
  LEFT JOIN code_map AS cm ON cm.domain = $domain AND cm.code = r.code
  -- semi-join on the number alone (cheap integer probe); rows of the same number under another RINPERSOONS may be
  -- kept, and person_sets.sql keeps them apart by (s, n)
  LEFT JOIN (SELECT DISTINCT n, true AS hit FROM study_keys) AS q ON q.n = r.n0
), p AS (
  SELECT *,
    mg_record_problem(key_problem, begin_raw, b, end_raw, e, bit IS NULL) AS p_kind
  FROM m
)
SELECT file_idx, row_nr, mg_rinpersoons(rs) AS s, n,
  -- a code mapped to "ignore" (bit -1) counts nowhere
  CASE WHEN bit >= 0 THEN 1 << bit END AS mask,
  b, e, p_kind,
  CASE
    WHEN p_kind IS NULL THEN NULL
    WHEN key_problem IS NOT NULL THEN mg_key_column(rs)
    WHEN b IS NULL THEN 'begin'
    WHEN p_kind = 'code_unmapped' THEN 'code'
    ELSE 'end'
  END AS p_col,
  CASE
    WHEN p_kind IS NULL OR key_problem IS NOT NULL THEN NULL
    WHEN b IS NULL THEN coalesce(begin_raw, '')
    WHEN p_kind = 'code_unmapped' THEN coalesce(code_raw, '')
    ELSE end_raw
  END AS p_val
FROM p
WHERE p_kind IS NOT NULL
   OR (b <= CAST($window_end AS DATE) AND (e IS NULL OR e >= CAST($window_start AS DATE)) AND ($study_only = 0 OR hit))
