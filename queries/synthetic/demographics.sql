-- Background characteristics of the synthetic study persons, per segment shares (syn_segments).
-- Age: a class drawn per segment, then the birth month chosen so that the age in whole years on the first day of
-- use (earliest max(begin, P.start) over Pwet work and UWV records in use during P) is exactly the drawn age.
-- Education: the level of the record the pipeline must pick (latest HOOGSTEOPL file with year <= $bgEndYear):
-- eyear = that file's year (0: in no such file), code = its code ('' = empty level, '----'/'9999' = missing);
-- code_early = the code in earlier files (sometimes one level lower), code_after = the code in files after
-- $bgEndYear (sometimes one level higher, or present for persons without an earlier record: must be ignored).
CREATE OR REPLACE TEMP TABLE syn_demo AS
WITH fu AS (
  SELECT pid, min(greatest(b, $pStart::DATE)) AS first_use
  FROM (SELECT pid, b FROM syn_srg WHERE kind = 0 AND cat < 5 UNION ALL SELECT pid, b FROM syn_uwv WHERE kind = 0)
  GROUP BY pid
),
base AS (
  SELECT p.pid, coalesce(fu.first_use, DATE '2019-07-01') AS f, s.*,
    syn_u($seed, p.pid, 1000, 0) AS ua, syn_u($seed, p.pid, 1001, 0) AS uage, syn_u($seed, p.pid, 1002, 0) AS um,
    syn_u($seed, p.pid, 1020, 0) AS ue, syn_u($seed, p.pid, 1021, 0) AS ul, syn_u($seed, p.pid, 1022, 0) AS uy,
    syn_u($seed, p.pid, 1023, 0) AS uc, syn_u($seed, p.pid, 1024, 0) AS uc2
  FROM syn_persons p LEFT JOIN fu ON fu.pid = p.pid JOIN syn_segments s ON s.seg = p.seg
),
aged AS (
  SELECT *,
    CASE WHEN ua < lt18 THEN syn_pick(uage, 15, 17)
         WHEN ua < lt18 + a18_27 THEN syn_pick(uage, 18, 27)
         WHEN ua < lt18 + a18_27 + a28_55 THEN syn_pick(uage, 28, 55)
         ELSE syn_pick(uage, 56, 66) END AS age,
    CASE WHEN ue < eduUnknown THEN 0 WHEN ul < laag THEN 1 WHEN ul < laag + midden THEN 2 ELSE 3 END AS lvl
  FROM base
),
born AS (
  SELECT *, date_trunc('month', f - to_years(age::INTEGER) - to_months(syn_pick(um, 0, 11)::INTEGER))::DATE AS bd
  FROM aged
),
codes AS (
  SELECT *,
    [['1111', '1112', '1121', '1122', '1211', '1212', '1221', '1222'],
     ['2111', '2112', '2121', '2131', '2132'],
     ['3111', '3112', '3113', '3211', '3212', '3213']] AS soi
  FROM born
),
edu AS (
  SELECT *,
    CASE WHEN lvl = 0 THEN NULL ELSE soi[lvl][syn_pick(uc, 1, len(soi[lvl]))] END AS lcode,
    CASE WHEN lvl > 1 AND uc2 < 0.1 THEN soi[lvl - 1][syn_pick(uc, 1, len(soi[lvl - 1]))] END AS lower_code,
    CASE WHEN lvl BETWEEN 1 AND 2 AND uc2 > 0.95 THEN soi[lvl + 1][syn_pick(uc, 1, len(soi[lvl + 1]))] END AS upper_code,
    CASE WHEN lvl = 0 AND uy < 0.4 THEN ['----', '9999', ''][syn_pick(uc, 1, 3)] END AS missing_code
  FROM codes
)
SELECT pid,
  syn_u($seed, pid, 1010, 0) >= 0.002 AS in_gba,
  CASE WHEN syn_u($seed, pid, 1011, 0) < 0.002 THEN '-' WHEN syn_u($seed, pid, 1012, 0) < man THEN '1' ELSE '2' END AS gender,
  year(bd)::VARCHAR AS byear,
  CASE WHEN syn_u($seed, pid, 1013, 0) < 0.01 THEN '--' ELSE lpad(month(bd)::VARCHAR, 2, '0') END AS bmonth,
  lpad(syn_pick(syn_u($seed, pid, 1014, 0), 1, 28)::VARCHAR, 2, '0') AS bday,
  CASE WHEN lvl > 0 THEN (CASE WHEN uy < 0.85 THEN $bgEndYear WHEN uy < 0.95 THEN $bgEndYear - 1 ELSE $bgEndYear - 3 END)
       WHEN missing_code IS NOT NULL THEN $bgEndYear ELSE 0 END::INTEGER AS eyear,
  coalesce(lcode, missing_code) AS code,
  CASE WHEN lvl > 0 THEN coalesce(lower_code, lcode) END AS code_early,
  CASE WHEN lvl > 0 THEN (CASE WHEN uc2 < 0.9 OR upper_code IS NOT NULL THEN coalesce(upper_code, lcode) END)
       WHEN missing_code IS NOT NULL THEN missing_code
       WHEN uc2 < 0.5 THEN soi[syn_pick(uc2 * 2, 1, 3)][1] END AS code_after
FROM edu
ORDER BY pid;
