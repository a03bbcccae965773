-- One Parquet file of a source, with its row numbers.
SELECT {{!idx}}, file_row_number + 1 AS row_nr, {{!cols}}{{!year}} FROM read_parquet({{!path}}, file_row_number = true)
