-- Candidate study persons: everyone with a usable Pwet/LKS or UWV record in the window. A superset of the final
-- study population (person_sets.sql decides), used to semi-join the big sources.
CREATE OR REPLACE TABLE study_keys AS
SELECT DISTINCT s, n FROM (
  SELECT s, n FROM srg_rows WHERE p_kind IS NULL AND (mask & $study_mask) <> 0
  UNION ALL
  SELECT s, n FROM uwv_rows WHERE p_kind IS NULL AND mask IS NOT NULL
)
