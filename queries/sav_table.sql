-- The table a .sav file is decoded into: its variables with their DuckDB types.
CREATE TABLE {{table}} ({{!columns}})
