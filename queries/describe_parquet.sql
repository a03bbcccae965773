-- The columns of a Parquet file and their types.
DESCRIBE SELECT * FROM read_parquet($f)
