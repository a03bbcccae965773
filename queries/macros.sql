-- Value rules of inputs.md as DuckDB macros, created once per connection. Every input column arrives as VARCHAR
-- (CSV read with all_varchar; Parquet and .sav columns cast), so numbers may look like "89711863" or "89711863.0".

-- A number written as a whole float ("1.0", "20170101.0") back to its digits; other text trimmed.
CREATE OR REPLACE MACRO mg_digits(x) AS regexp_replace(trim(x), '^([0-9]+)\.0+$', '\1');

-- Why a (RINPERSOONS, RINPERSOON) pair is no key, or NULL when it is one. Never echoes the value itself.
CREATE OR REPLACE MACRO mg_key_problem(s, x) AS CASE
  WHEN s IS NULL OR trim(s) = '' THEN 'empty RINPERSOONS'
  WHEN x IS NULL OR trim(x) = '' THEN 'empty RINPERSOON'
  WHEN NOT regexp_full_match(mg_digits(x), '[0-9]+') THEN 'RINPERSOON is not a string of digits'
  WHEN length(ltrim(mg_digits(x), '0')) > 9 THEN 'RINPERSOON has more than 9 digits'
  WHEN ltrim(mg_digits(x), '0') = '' THEN 'RINPERSOON 000000000 is no key'
  END;

-- The 9-digit person number as an integer (left-padding to 9 digits is implied), NULL when no key.
CREATE OR REPLACE MACRO mg_key_number(x) AS CASE
  WHEN regexp_full_match(mg_digits(x), '[0-9]+') AND length(ltrim(mg_digits(x), '0')) BETWEEN 1 AND 9
  THEN CAST(ltrim(mg_digits(x), '0') AS INTEGER) END;

-- A date from YYYYMMDD, YYYY-MM-DD (optionally with a midnight time, as Parquet/SPSS timestamps print), or NULL.
CREATE OR REPLACE MACRO mg_date(x) AS CASE
  WHEN x IS NULL OR trim(x) = '' THEN NULL
  WHEN regexp_full_match(mg_digits(x), '[0-9]{8}') THEN CAST(try_strptime(mg_digits(x), '%Y%m%d') AS DATE)
  WHEN regexp_full_match(trim(x), '[0-9]{4}-[0-9]{2}-[0-9]{2}( 00:00:00(\.0+)?)?') THEN TRY_CAST(left(trim(x), 10) AS DATE)
  END;

-- A date column holds something that is not a date (empty is not a problem here).
CREATE OR REPLACE MACRO mg_date_bad(x) AS (x IS NOT NULL AND trim(x) <> '' AND mg_date(x) IS NULL);

-- Codes are compared as text; a number 1 matches "01": digit strings lose their leading zeros.
CREATE OR REPLACE MACRO mg_code(x) AS CASE
  WHEN x IS NULL THEN NULL
  WHEN regexp_full_match(mg_digits(x), '[0-9]+') THEN coalesce(nullif(ltrim(mg_digits(x), '0'), ''), '0')
  ELSE trim(x) END;
