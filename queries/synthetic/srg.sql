-- Synthetic PWETSRGVOORZIENINGTAB records (long form), one row per person, provision and period.
-- kind 0: a record in use during P for each Pwet category (cat 0-4) and LKS (cat 5) of the person's profile;
-- kind 1: a work or LKS record outside P (ended before P.start or begun after P.end) — must not count;
-- kind 2: a record with an ignored code (training, trial placement) — must not count.
-- Codes follow the record's begin date: the old SRG classification until 2018, the new one from 2019.
-- Persons with pid in [$noiseStart, $noiseEnd) have only kind 1 and 2 records. About 1 % of rows is duplicated.
CREATE OR REPLACE TEMP TABLE syn_srg AS
WITH mem AS (
  SELECT pid, c AS cat
  FROM syn_persons, range(6) r(c)
  WHERE (bits >> (CASE WHEN c < 5 THEN $pwetBit + c ELSE $lksBit END)::INTEGER) & 1 = 1
),
specs AS (
  SELECT pid, cat::INTEGER AS cat, 0 AS kind,
         unnest(range(1 + (syn_u($seed, pid, 100 + cat, 0) < 0.25)::INTEGER + (syn_u($seed, pid, 110 + cat, 0) < 0.08)::INTEGER)) AS k
  FROM mem
  UNION ALL
  SELECT pid, syn_pick(syn_u($seed, pid, 120, 0), 0, 5)::INTEGER, 1, 0 FROM syn_persons WHERE syn_u($seed, pid, 121, 0) < 0.06
  UNION ALL
  SELECT pid, 6, 2, 0 FROM syn_persons WHERE syn_u($seed, pid, 122, 0) < 0.15
  UNION ALL
  SELECT pid, CASE WHEN kind = 2 THEN 6 ELSE syn_pick(syn_u($seed, pid, 124, k), 0, 5)::INTEGER END, kind, k
  FROM (
    SELECT pid, CASE WHEN syn_u($seed, pid, 123, 0) < 0.6 THEN 2 ELSE 1 END AS kind,
           unnest(range(1 + (syn_u($seed, pid, 125, 0) < 0.4)::INTEGER)) AS k
    FROM range($noiseStart::BIGINT, $noiseEnd::BIGINT) t(pid)
  )
),
u AS (
  SELECT *,
    syn_u($seed, pid, 200 + kind * 10 + cat, k) AS u1,
    syn_u($seed, pid, 300 + kind * 10 + cat, k) AS u2,
    syn_u($seed, pid, 400 + kind * 10 + cat, k) AS u3,
    syn_u($seed, pid, 500 + kind * 10 + cat, k) AS u4
  FROM specs
),
dated AS (
  SELECT pid, cat, kind, k, u4,
    CASE
      WHEN kind = 0 AND cat IN (0, 2) THEN syn_day(u1, DATE '2019-01-01', $pEnd::DATE)
      WHEN kind = 0 AND cat = 1 THEN syn_day(u1, DATE '2015-07-01', DATE '2018-12-31')
      WHEN kind = 0 THEN syn_day(u1, $pStart::DATE - 540, $pEnd::DATE)
      WHEN kind = 1 AND u3 < 0.6 THEN syn_day(u1, $pStart::DATE - 1460, $pStart::DATE - 60)
      WHEN kind = 1 THEN syn_day(u1, $pEnd::DATE + 1, $pEnd::DATE + 365)
      ELSE syn_day(u1, $pStart::DATE - 730, $pEnd::DATE + 180)
    END AS b
  FROM u
),
ended AS (
  SELECT *,
    CASE
      WHEN kind = 1 AND b < $pStart::DATE THEN syn_day(u4, b, $pStart::DATE - 1)
      WHEN u4 < 0.12 THEN NULL
      WHEN kind = 0 AND b < $pStart::DATE THEN greatest(b + syn_pick(u4, 30, 900)::INTEGER, syn_day(u4, $pStart::DATE, $pStart::DATE + 400))
      ELSE b + syn_pick(u4, 30, 900)::INTEGER
    END AS e
  FROM dated
),
coded AS (
  SELECT pid, kind, cat, k, b, e,
    CASE
      WHEN b < DATE '2019-01-01' THEN
        CASE cat WHEN 1 THEN '12' WHEN 3 THEN '13' WHEN 4 THEN CASE WHEN u4 < 0.5 THEN '14' ELSE '19' END
                 WHEN 5 THEN '16' WHEN 6 THEN '11' ELSE '12' END
      ELSE
        CASE cat WHEN 0 THEN CASE WHEN u4 < 0.6 THEN '30' ELSE '31' END WHEN 2 THEN '59' WHEN 3 THEN '57' WHEN 4 THEN '69'
                 WHEN 5 THEN ['40', '41', '42'][syn_pick(u4, 1, 3)] WHEN 6 THEN CASE WHEN u4 < 0.5 THEN '23' ELSE '29' END
                 ELSE '30' END
    END AS code
  FROM ended
),
withdup AS (
  SELECT *, 0 AS dup FROM coded
  UNION ALL
  SELECT *, 1 AS dup FROM coded WHERE syn_u($seed, pid, 600 + kind * 10 + cat, k) < 0.01
)
SELECT pid, cat, kind, 'R' AS rinpersoons, syn_rin(pid, $rinMul, $rinAdd) AS rinpersoon, code, b, e
FROM withdup
ORDER BY pid, kind, cat, k, dup;
