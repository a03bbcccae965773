-- The usable records of the three provision sources (no problem, a mapped set bit): person, set mask, begin and end.
-- What person_sets.sql groups into persons and set_spans.sql into the spans of a window.
SELECT s, n, mask, b, e FROM srg_rows WHERE p_kind IS NULL AND mask IS NOT NULL
UNION ALL
SELECT s, n, mask, b, e FROM uwv_rows WHERE p_kind IS NULL AND mask IS NOT NULL
UNION ALL
SELECT s, n, mask, b, e FROM wmo_rows WHERE p_kind IS NULL AND mask IS NOT NULL
