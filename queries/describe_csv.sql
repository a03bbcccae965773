-- The columns of a CSV file whose header could not be read directly.
DESCRIBE SELECT * FROM read_csv($f, all_varchar = true, header = true, quote = '"', escape = '"', strict_mode = true)
