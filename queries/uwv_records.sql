-- The UWV extract: normalised key, type and legal-background bits, product flags (tolk, visueel), dates, and the
-- first problem of each row. Keeps rows that overlap [$window_start, $window_end] or have a problem.
-- The relation: the union of the files, with columns file_idx, row_nr, rs, rn, type, background, product, begin_raw, end_raw.
WITH r AS (
  SELECT file_idx, row_nr, rs, rn, mg_rinpersoons(rs) AS s, mg_key_number(rn) AS n,
         type AS type_raw, mg_code(type) AS type, background AS background_raw, mg_code(background) AS background,
         trim(product) AS product, begin_raw, end_raw, mg_date(begin_raw) AS b, mg_date(end_raw) AS e
  FROM ({{!relation}})
), flags AS (
  SELECT code, bit_or(1 << bit) AS mask FROM code_map WHERE domain = 'uwvProduct' GROUP BY code
), m AS (
  SELECT r.*, mg_key_problem(rs, rn, n) AS key_problem, t.bit AS type_bit, g.bit AS background_bit, coalesce(f.mask, 0) AS flags
  FROM r
  LEFT JOIN code_map AS t ON t.domain = 'uwvType' AND t.code = r.type
  LEFT JOIN code_map AS g ON g.domain = 'uwvBackground' AND g.code = r.background
  LEFT JOIN flags AS f ON f.code = r.product
), p AS (
  SELECT *,
    mg_record_problem(key_problem, begin_raw, b, end_raw, e, type_bit IS NULL OR background_bit IS NULL) AS p_kind
  FROM m
)
SELECT file_idx, row_nr, s, n,
  -- a record whose type or background is mapped to "ignore" (bit -1) counts nowhere
  CASE WHEN type_bit >= 0 AND background_bit >= 0 THEN (1 << type_bit) | (1 << background_bit) | flags END AS mask,
  b, e, p_kind,
  CASE
    WHEN p_kind IS NULL THEN NULL
    WHEN key_problem IS NOT NULL THEN mg_key_column(rs)
    WHEN b IS NULL THEN 'begin'
    WHEN p_kind = 'code_unmapped' THEN (CASE WHEN type_bit IS NULL THEN 'type' ELSE 'background' END)
    ELSE 'end'
  END AS p_col,
  CASE
    WHEN p_kind IS NULL OR key_problem IS NOT NULL THEN NULL
    WHEN b IS NULL THEN coalesce(begin_raw, '')
    WHEN p_kind = 'code_unmapped' THEN (CASE WHEN type_bit IS NULL THEN coalesce(type_raw, '') ELSE coalesce(background_raw, '') END)
    ELSE end_raw
  END AS p_val
FROM p
WHERE p_kind IS NOT NULL OR (b <= CAST($window_end AS DATE) AND (e IS NULL OR e >= CAST($window_start AS DATE)))
