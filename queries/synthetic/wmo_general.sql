-- Wmo users outside the study (never counted anywhere): persons with pid in [$start, $start + $persons), each with
-- 1-8 records between 2015 and 2023. Generated straight from range(), so rows arrive in (pid, k) order.
INSERT INTO syn_wmo
SELECT pid, least(greatest(year(b), 2015), 2023)::INTEGER AS yr, 'R', syn_rin(pid, $rinMul, $rinAdd), code, b,
  CASE WHEN u2 < 0.2 THEN NULL ELSE b + syn_pick(u2, 30, 2000)::INTEGER END
FROM (
  SELECT pid, k, syn_u($seed, pid, 900, k) AS u2,
    syn_day(syn_u($seed, pid, 901, k), DATE '2015-01-01', DATE '2023-12-31') AS b,
    lpad(syn_pick(syn_u($seed, pid, 902, k), 1, 18)::VARCHAR, 2, '0') AS code
  FROM (
    SELECT $start::BIGINT + slot // 8 AS pid, slot % 8 AS k FROM range($persons::BIGINT * 8) t(slot)
  )
  WHERE k <= syn_pick(syn_u($seed, pid, 903, 0), 0, 7)
);
