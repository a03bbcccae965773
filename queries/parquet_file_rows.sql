-- Rows of one Parquet file, from its metadata (no scan); 0 for a file without row groups.
SELECT coalesce(sum(num_rows), 0) AS n FROM parquet_file_metadata($f)
