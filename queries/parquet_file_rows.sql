-- Rows of one Parquet file, from its metadata (no scan).
SELECT sum(num_rows) AS n FROM parquet_file_metadata($f)
