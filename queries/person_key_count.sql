-- How many distinct person numbers a set of persons has (to size the .sav decoder's key set).
SELECT count(DISTINCT n) AS c FROM {{table}}
