-- The bytes of one (small) input file: used only to tell whether a CSV file whose data part is a few bytes holds
-- any data row at all (a header, CRLF and an empty line is an empty file).
SELECT content FROM read_blob($f)
