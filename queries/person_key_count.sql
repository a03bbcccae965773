-- How many distinct person numbers the study has (to size the .sav decoder's key set).
SELECT count(DISTINCT n) AS c FROM persons
