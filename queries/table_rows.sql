-- Rows of one table (a decoded .sav file).
SELECT count(*) AS n FROM {{table}}
