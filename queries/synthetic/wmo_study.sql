-- Synthetic WMOBUS records of study persons, into syn_wmo (which synthetic_wmo_general then extends).
-- kind 0: one or two records in use during P per Wmo category of the profile, code drawn within the category;
-- kind 1: records outside P (any code) — must not count;
-- kind 2: a record in use during P under RINPERSOONS 'B' with the person's RINPERSOON — another person, must not count.
-- yr is the yearly file (begin year, within 2015-2023). A record still running on 1 January of the next year is
-- sometimes repeated, byte for byte, in the next year's file (an exact duplicate).
CREATE OR REPLACE TEMP TABLE syn_wmo AS
WITH mem AS (
  SELECT pid, c::INTEGER AS cat FROM syn_persons, range(5) r(c) WHERE (bits >> ($wmoBit + c)::INTEGER) & 1 = 1
),
specs AS (
  SELECT pid, cat, 0 AS kind, unnest(range(1 + (syn_u($seed, pid, 800 + cat, 0) < 0.35)::INTEGER)) AS k FROM mem
  UNION ALL
  SELECT pid, syn_pick(syn_u($seed, pid, 810, 0), 0, 4)::INTEGER, 1, 0 FROM syn_persons WHERE syn_u($seed, pid, 811, 0) < 0.10
  UNION ALL
  SELECT pid, syn_pick(syn_u($seed, pid, 812, 0), 0, 4)::INTEGER, 2, 0 FROM syn_persons WHERE syn_u($seed, pid, 813, 0) < 0.01
),
u AS (
  SELECT *, syn_u($seed, pid, 820 + kind * 10 + cat, k) AS u1, syn_u($seed, pid, 830 + kind * 10 + cat, k) AS u2,
         syn_u($seed, pid, 840 + kind * 10 + cat, k) AS u3
  FROM specs
),
dated AS (
  SELECT *,
    CASE
      WHEN kind = 1 AND u3 < 0.6 THEN syn_day(u1, DATE '2015-01-01', $pStart::DATE - 30)
      WHEN kind = 1 THEN syn_day(u1, $pEnd::DATE + 1, DATE '2023-12-31')
      ELSE syn_day(u1, DATE '2015-01-01', $pEnd::DATE)
    END AS b
  FROM u
),
ended AS (
  SELECT *,
    CASE
      WHEN kind = 1 AND b < $pStart::DATE THEN syn_day(u2, b, $pStart::DATE - 1)
      WHEN u2 < 0.25 THEN NULL
      WHEN b < $pStart::DATE THEN greatest(b + syn_pick(u2, 60, 1500)::INTEGER, syn_day(u2, $pStart::DATE, $pStart::DATE + 500))
      ELSE b + syn_pick(u2, 60, 1500)::INTEGER
    END AS e
  FROM dated
),
coded AS (
  SELECT pid, kind, cat, k, b, e, u3,
    CASE WHEN kind = 2 THEN 'B' ELSE 'R' END AS rinpersoons,
    lpad(CASE cat WHEN 0 THEN 1 WHEN 1 THEN syn_pick(u3, 2, 7) WHEN 2 THEN syn_pick(u3, 8, 12)
                  WHEN 3 THEN syn_pick(u3, 13, 16) ELSE syn_pick(u3, 17, 18) END::VARCHAR, 2, '0') AS code,
    least(greatest(year(b), 2015), 2023)::INTEGER AS yr
  FROM ended
),
withdup AS (
  SELECT pid, kind, cat, k, b, e, rinpersoons, code, yr, 0 AS dup FROM coded
  UNION ALL
  SELECT pid, kind, cat, k, b, e, rinpersoons, code, yr + 1, 1 FROM coded
  WHERE yr < 2023 AND (e IS NULL OR e >= make_date(yr + 1, 1, 1)) AND syn_u($seed, pid, 850 + kind * 10 + cat, k) < 0.15
)
SELECT pid, yr, rinpersoons, syn_rin(pid, $rinMul, $rinAdd) AS rinpersoon, code, b, e
FROM withdup
ORDER BY pid, kind, cat, k, dup;
