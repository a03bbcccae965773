-- Atoms: persons grouped by their exact combination of set memberships (P and P_bg) and background classes.
-- GBA: one row per person (with conflicting duplicates the row with known values first, then the smallest values).
-- Education: the person's record in the latest usable HOOGSTEOPLTAB year; within that year the highest level.
WITH gba AS (
  SELECT DISTINCT ON (s, n) s, n, gender, byear, bmonth
  FROM gba_rows WHERE p_kind IS NULL
  ORDER BY s, n, gender = 'onbekend', byear IS NULL, bmonth IS NULL, gender, byear, bmonth
), edu AS (
  SELECT DISTINCT ON (s, n) s, n, education
  FROM education_rows WHERE p_kind IS NULL
  ORDER BY s, n, year DESC, CASE education WHEN 'hoog' THEN 0 WHEN 'midden' THEN 1 WHEN 'laag' THEN 2 ELSE 3 END
), p AS (
  SELECT persons.bits, persons.bits_bg,
    CASE WHEN first_day IS NULL OR gba.byear IS NULL THEN NULL
         ELSE year(first_day) - gba.byear - CASE WHEN month(first_day) < coalesce(gba.bmonth, 7) THEN 1 ELSE 0 END
    END AS age_years,
    coalesce(gba.gender, 'onbekend') AS gender,
    coalesce(edu.education, 'onbekend') AS education
  FROM persons
  LEFT JOIN gba USING (s, n)
  LEFT JOIN edu USING (s, n)
)
SELECT bits, bits_bg,
  CASE WHEN age_years IS NULL THEN 'onbekend' WHEN age_years < 18 THEN 'lt18' WHEN age_years <= 27 THEN '18_27'
       WHEN age_years <= 55 THEN '28_55' ELSE 'gt55' END AS age,
  gender, education, count(*) AS n
FROM p
GROUP BY ALL
ORDER BY ALL
