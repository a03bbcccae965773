-- A work table no longer needed.
DROP TABLE IF EXISTS {{table}}
