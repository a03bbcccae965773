-- The columns (and types) of the rows a synthetic file is written from.
SELECT * FROM ({{!select}}) LIMIT 0
