-- The default of a run: DuckDB need not keep row order (faster; no query needs it).
SET preserve_insertion_order = false
