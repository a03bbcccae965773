-- HOOGSTEOPLTAB of one year ($year): about 47 % of the population plus the study persons with a record that year.
-- Study persons follow syn_demo (see synthetic_demographics); others keep one level (sometimes one lower in the
-- files before 2019). Rows stay in range() order.
WITH rows AS (
  SELECT t.pid, CASE WHEN t.pid < $studyPersons THEN struct_pack(ey := d.eyear, c := d.code, ce := d.code_early, ca := d.code_after) END AS e,
    syn_u($seed, t.pid, 1201, 0) AS u1, syn_u($seed, t.pid, 1202, 0) AS u2, syn_u($seed, t.pid, 1203, $year) AS u3
  FROM range($persons::BIGINT) t(pid) POSITIONAL JOIN syn_demo d
),
general AS (
  SELECT *,
    greatest(1, (CASE WHEN u2 < 0.3 THEN 1 WHEN u2 < 0.72 THEN 2 ELSE 3 END) - (CASE WHEN $year < 2019 AND u3 < 0.05 THEN 1 ELSE 0 END)) AS lvl
  FROM rows
),
coded AS (
  SELECT pid,
    CASE
      WHEN pid < $studyPersons THEN (
        CASE WHEN $year > $bgEndYear THEN e.ca
             WHEN e.ey = $year THEN e.c
             WHEN e.ey > $year AND u3 < 0.9 THEN e.ce
             ELSE NULL END)
      WHEN u1 >= 0.47 THEN NULL
      WHEN u1 < 0.004 THEN '----'
      ELSE [['1111', '1112', '1121', '1122', '1211', '1212', '1221', '1222'],
            ['2111', '2112', '2121', '2131', '2132'],
            ['3111', '3112', '3113', '3211', '3212', '3213']][lvl][syn_pick(u1 / 0.47, 1, 5)]
    END AS code
  FROM general
)
SELECT 'R' AS RINPERSOONS, syn_rin(pid, $rinMul, $rinAdd) AS RINPERSOON, nullif(code, '') AS {{levelColumn}}
FROM coded
WHERE code IS NOT NULL;
