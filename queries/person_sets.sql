-- Person-level sets (docs/spec/tables.md): for every person with a record in use during P (bits) or P_bg (bits_bg), the OR of
-- the set bits of those records, and the first day of use of a work provision in P_bg (for the age class).
-- Only persons in the study (a work provision or LKS in P, or a work provision in P_bg) are kept: Wmo-only persons
-- are never counted.
CREATE TABLE persons AS
SELECT * FROM (
  SELECT s, n,
    coalesce(bit_or(mask) FILTER (WHERE b <= CAST($p_end AS DATE) AND (e IS NULL OR e >= CAST($p_start AS DATE))), 0) AS bits,
    coalesce(bit_or(mask) FILTER (WHERE b <= CAST($bg_end AS DATE) AND (e IS NULL OR e >= CAST($bg_start AS DATE))), 0) AS bits_bg,
    min(greatest(b, CAST($bg_start AS DATE))) FILTER (WHERE (mask & $work_mask) <> 0 AND b <= CAST($bg_end AS DATE) AND (e IS NULL OR e >= CAST($bg_start AS DATE))) AS first_day
  FROM ({{!records}})
  GROUP BY s, n
)
WHERE (bits & $study_mask) <> 0 OR (bits_bg & $work_mask) <> 0
