-- GBAPERSOONTAB: everyone (pid 0 … $persons - 1). Study persons (pid < $studyPersons) take their characteristics
-- from syn_demo (a POSITIONAL JOIN: syn_demo holds pid 0 … S-1 in order, and rows stay in range() order); a few are missing.
WITH rows AS (
  SELECT t.pid, CASE WHEN t.pid < $studyPersons THEN struct_pack(g := d.gender, y := d.byear, m := d.bmonth, dd := d.bday, present := d.in_gba) END AS e,
    syn_u($seed, t.pid, 1100, 0) AS u1, syn_u($seed, t.pid, 1101, 0) AS u2, syn_u($seed, t.pid, 1102, 0) AS u3
  FROM range($persons::BIGINT) t(pid) POSITIONAL JOIN syn_demo d
)
SELECT 'R' AS RINPERSOONS,
  syn_rin(pid, $rinMul, $rinAdd) AS RINPERSOON,
  CASE WHEN e IS NOT NULL THEN e.g WHEN u1 < 0.001 THEN '-' WHEN u1 < 0.5 THEN '1' ELSE '2' END AS GBAGESLACHT,
  CASE WHEN e IS NOT NULL THEN e.y ELSE (2022 - syn_pick(u2, 0, 95))::VARCHAR END AS GBAGEBOORTEJAAR,
  CASE WHEN e IS NOT NULL THEN e.m WHEN u3 < 0.01 THEN '--' ELSE lpad(syn_pick(u3, 1, 12)::VARCHAR, 2, '0') END AS GBAGEBOORTEMAAND,
  CASE WHEN e IS NOT NULL THEN (CASE WHEN e.m = '--' THEN '--' ELSE e.dd END)
       WHEN u3 < 0.01 THEN '--' ELSE lpad(syn_pick(u2, 1, 28)::VARCHAR, 2, '0') END AS GBAGEBOORTEDAG
FROM rows
WHERE e IS NULL OR e.present
