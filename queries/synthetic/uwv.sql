-- Synthetic UWV extract. For a study person with UWV types T and backgrounds B (profile bits), records i = 0 …
-- max(|T|, |B|) - 1 pair T[i mod |T|] with B[i mod |B|], so every type and every background occurs in a record in
-- use during P; some records are repeated with other dates. Products: interpreter products on the intermediair
-- records of persons with the tolk flag, visual-impairment products on the meeneembaar records (or a
-- voorleeshulp on intermediair) of persons with the visueel flag, neutral products otherwise.
-- Noise: records outside P (some with interpreter products) for a few study persons and for the persons with
-- pid in [$noiseStart, $noiseEnd). About 1 % of rows is duplicated.
CREATE OR REPLACE TEMP TABLE syn_uwv AS
WITH p AS (
  SELECT pid,
    list_filter(range(5), x -> (bits >> ($typeBit + x)::INTEGER) & 1 = 1) AS ts,
    list_filter(range(8), x -> (bits >> ($bgBit + x)::INTEGER) & 1 = 1) AS bs,
    (bits >> $tolkBit) & 1 = 1 AS tolk,
    (bits >> $visBit) & 1 = 1 AS vis
  FROM syn_persons
  WHERE (bits >> $typeBit) & 31 <> 0
),
recs AS (
  SELECT pid, ts, bs, tolk, vis, 0 AS kind,
    unnest(range(greatest(len(ts), len(bs)) + (syn_u($seed, pid, 700, 0) < 0.3)::INTEGER + (syn_u($seed, pid, 701, 0) < 0.1)::INTEGER)) AS k
  FROM p
),
inuse AS (
  SELECT pid, kind, k,
    ts[(k % len(ts)) + 1] AS t,
    bs[(k % len(bs)) + 1] AS bg,
    tolk, vis, list_contains(ts, 2) AS hasMeeneembaar
  FROM recs
),
noise AS (
  SELECT pid, 1 AS kind, 0 AS k FROM syn_persons WHERE syn_u($seed, pid, 702, 0) < 0.08
  UNION ALL
  SELECT pid, 1 AS kind, unnest(range(1 + (syn_u($seed, pid, 703, 0) < 0.4)::INTEGER)) AS k FROM range($noiseStart::BIGINT, $noiseEnd::BIGINT) t(pid)
),
outside AS (
  SELECT pid, kind, k,
    syn_pick(syn_u($seed, pid, 704, k), 0, 4) AS t,
    syn_pick(syn_u($seed, pid, 705, k), 0, 7) AS bg,
    syn_u($seed, pid, 706, k) < 0.3 AS tolk,
    syn_u($seed, pid, 707, k) < 0.05 AS vis,
    true AS hasMeeneembaar
  FROM noise
),
allrecs AS (
  SELECT *, syn_u($seed, pid, 710 + kind, k) AS u1, syn_u($seed, pid, 720 + kind, k) AS u2, syn_u($seed, pid, 730 + kind, k) AS u3
  FROM (SELECT * FROM inuse UNION ALL SELECT * FROM outside)
),
dated AS (
  SELECT *,
    CASE
      WHEN kind = 0 THEN syn_day(u1, $pStart::DATE - 300, $pEnd::DATE)
      WHEN u3 < 0.5 THEN syn_day(u1, $pStart::DATE - 700, $pStart::DATE - 40)
      ELSE syn_day(u1, $pEnd::DATE + 1, $pEnd::DATE + 365)
    END AS b
  FROM allrecs
),
ended AS (
  SELECT *,
    CASE
      WHEN kind = 1 AND b < $pStart::DATE THEN syn_day(u2, b, $pStart::DATE - 1)
      WHEN u2 < 0.1 THEN NULL
      WHEN b < $pStart::DATE THEN greatest(b + syn_pick(u2, 30, 1100)::INTEGER, syn_day(u2, $pStart::DATE, $pStart::DATE + 300))
      ELSE b + syn_pick(u2, 30, 1100)::INTEGER
    END AS e
  FROM dated
),
coded AS (
  SELECT pid, kind, k, b, e, t, bg,
    CASE t
      WHEN 0 THEN CASE
        WHEN tolk THEN CASE WHEN u3 < 0.75 THEN 'TOLK_GEBAREN' ELSE 'TOLK_SCHRIJF' END
        WHEN vis AND NOT hasMeeneembaar THEN 'VOORLEESHULP'
        WHEN u3 < 0.2 THEN NULL
        ELSE 'OVERIG' END
      WHEN 1 THEN CASE WHEN u3 < 0.85 THEN 'JOBCOACH_EXTERN' ELSE 'JOBCOACH_INTERN' END
      WHEN 2 THEN CASE
        WHEN vis THEN ['BRAILLELEESREGEL', 'VERGROTINGSSOFTWARE', 'SCREENREADER', 'BEELDSCHERMLOEP'][syn_pick(u3, 1, 4)]
        ELSE ['ORTHOPEDISCH_SCHOEISEL', 'WERKPLEKAANPASSING', 'OVERIG', NULL][syn_pick(u3, 1, 4)] END
      WHEN 3 THEN 'STARTKREDIET'
      ELSE ['TAXI', 'AUTOAANPASSING', 'OVERIG'][syn_pick(u3, 1, 3)]
    END AS product
  FROM ended
),
withdup AS (
  SELECT *, 0 AS dup FROM coded
  UNION ALL
  SELECT *, 1 AS dup FROM coded WHERE syn_u($seed, pid, 740 + kind, k) < 0.01
)
SELECT pid, kind, 'R' AS rinpersoons, syn_rin(pid, $rinMul, $rinAdd) AS rinpersoon,
  ['INTERMEDIAIR', 'JOBCOACH', 'MEENEEMBAAR', 'STARTKREDIET', 'VERVOER'][t + 1] AS soort,
  ['WAJONG', 'WAJONG_OUD', 'WAO', 'WAZ', 'WGA', 'ONDERWIJS', 'TOLK_WMO', 'TOLK_PWET'][bg + 1] AS achtergrond,
  product, b, e
FROM withdup
ORDER BY pid, kind, k, dup;
