-- One CSV file in its own order, to give its problem rows their row numbers.
CREATE OR REPLACE TEMP TABLE {{table}} AS SELECT * FROM read_csv($f, all_varchar = true, header = true, quote = '"', escape = '"', strict_mode = true)
