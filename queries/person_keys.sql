-- The distinct person numbers of a set of persons (`persons`, or `study_keys` before WMOBUS): the key of a .sav
-- file's semi-join while it is decoded.
SELECT DISTINCT n FROM {{table}} WHERE n IS NOT NULL
