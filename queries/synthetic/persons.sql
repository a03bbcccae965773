-- One row per synthetic study person: person number pid (0 … S-1, in profile order), profile bits and segment.
CREATE OR REPLACE TEMP TABLE syn_persons AS
WITH pc AS (
  SELECT profile_id, bits, seg, n, sum(n) OVER (ORDER BY profile_id ROWS UNBOUNDED PRECEDING) - n AS start
  FROM syn_profiles
  WHERE n > 0
)
SELECT (start + k)::BIGINT AS pid, bits, seg
FROM (SELECT start, bits, seg, unnest(range(n)) AS k FROM pc)
ORDER BY pid;
