-- The distinct person numbers of the study (the key of the big sources' semi-join while decoding .sav).
SELECT DISTINCT n FROM persons WHERE n IS NOT NULL
