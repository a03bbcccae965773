-- Value rules of docs/spec/inputs.md as DuckDB macros, created once per connection. Every input column arrives as VARCHAR
-- (CSV read with all_varchar; Parquet and .sav columns cast), so numbers may look like "89711863" or "89711863.0".
-- Each macro has a fast path for the common, clean form (one anchored regex), so national files scan at read speed;
-- the slow path (trimming, float forms) runs only on unusual values.

-- A number written as a whole float ("1.0", "20170101.0") back to its digits; other text trimmed.
CREATE OR REPLACE MACRO mg_digits(x) AS CASE
  WHEN contains(x, '.') THEN regexp_replace(trim(x), '^([0-9]+)\.0+$', '\1')
  ELSE trim(x) END;

-- The 9-digit person number as an integer (left-padding to 9 digits is implied), NULL when no key. Fast path: plain
-- digits only (a lenient integer cast would read "2.23249E+08", a key a spreadsheet rounded, as 223249000: some
-- other person's key). Every other form takes the exact rules ("89711863.0" is 89711863; an exponent is no key).
CREATE OR REPLACE MACRO mg_key_number(x) AS CASE
  WHEN regexp_full_match(x, '[0-9]{1,9}') THEN nullif(CAST(x AS INTEGER), 0)
  WHEN regexp_full_match(mg_digits(x), '[0-9]+') AND length(ltrim(mg_digits(x), '0')) BETWEEN 1 AND 9
  THEN CAST(ltrim(mg_digits(x), '0') AS INTEGER) END;

-- RINPERSOONS in its one normal form: trimmed, upper case (docs/spec/inputs.md: "r" is "R").
CREATE OR REPLACE MACRO mg_rinpersoons(s) AS upper(trim(s));
-- Is it a RINPERSOONS at all: one letter (any case, blanks around it allowed)?
CREATE OR REPLACE MACRO mg_rinpersoons_ok(s) AS regexp_full_match(s, '\s*[A-Za-z]\s*');

-- A row of a big source (GBA, HOOGSTEOPLTAB, WMOBUS) whose key number n0 = mg_key_number(x) links to no study
-- person needs no more checks: a row that links to nobody cannot change any count (a corrupted key of a study
-- person has no number, or another one, and gets the exact rules below).
CREATE OR REPLACE MACRO mg_key_plausible(s, n0) AS (s <> '' AND n0 IS NOT NULL);

-- Why a (RINPERSOONS, RINPERSOON) pair is no key, or NULL when it is one (n = mg_key_number(x), computed once by
-- the caller). Never echoes the value itself. Problem kinds here and in the *_records/*_rows queries are the codes of
-- model/problemKinds.ts (worded by core/messages.ts problemKind).
CREATE OR REPLACE MACRO mg_key_problem(s, x, n) AS CASE
  WHEN n IS NOT NULL AND mg_rinpersoons_ok(s) THEN NULL
  WHEN s IS NULL OR trim(s) = '' THEN 'key_empty_rinpersoons'
  WHEN NOT mg_rinpersoons_ok(s) THEN 'key_rinpersoons_not_letter'
  WHEN x IS NULL OR trim(x) = '' THEN 'key_empty_rinpersoon'
  WHEN NOT regexp_full_match(mg_digits(x), '[0-9]+') THEN 'key_not_digits'
  WHEN length(ltrim(mg_digits(x), '0')) > 9 THEN 'key_too_long'
  ELSE 'key_zero'
  END;

-- The column a key problem is reported on (the same order of tests as mg_key_problem: RINPERSOONS first).
CREATE OR REPLACE MACRO mg_key_column(s) AS CASE WHEN s IS NULL OR NOT mg_rinpersoons_ok(s) THEN 'rinpersoons' ELSE 'rinpersoon' END;

-- The key problem of a row of a big source, given its candidate number n0 and whether n0 belongs to a (candidate)
-- study person: exact rules where the row could link to one, or where the key is not even a plausible number.
CREATE OR REPLACE MACRO mg_big_key_problem(rs, rn, n0, hit) AS CASE
  WHEN hit IS NULL AND mg_key_plausible(rs, n0) THEN NULL
  ELSE mg_key_problem(rs, rn, n0) END;

-- A date from YYYYMMDD, YYYY-MM-DD (optionally with a midnight time, as Parquet/SPSS timestamps print), or NULL.
-- One rule for CSV text and typed Parquet/.sav values alike: exactly 8 digits (a whole float "20170101.0", as a DOUBLE
-- prints, counts as its digits) or the ISO form, a year from 1000; "20170100.5", "2.0190805e7", "2016_12_31" and
-- year 0000 are no dates. Fast path: a value of exactly 8 characters that an integer cast reads as YYYYMMDD becomes a
-- date by arithmetic (try(make_date) is NULL for impossible dates like 20170230); 8 characters with a sign, an
-- underscore, a dot or an exponent hold at most 7 digits, so the cast can only read them as a number outside the
-- range. Anything else takes the careful path.
CREATE OR REPLACE MACRO mg_date_slow(x) AS CASE
  WHEN x IS NULL OR trim(x) = '' THEN NULL
  WHEN regexp_full_match(mg_digits(x), '[1-9][0-9]{7}') THEN CAST(try_strptime(mg_digits(x), '%Y%m%d') AS DATE)
  WHEN regexp_full_match(trim(x), '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}( 00:00:00(\.0+)?)?') THEN TRY_CAST(left(trim(x), 10) AS DATE)
  END;
-- (One CASE for the length and the range: a CASE per test cost DuckDB twice as much on 10 M WMOBUS dates.)
CREATE OR REPLACE MACRO mg_ymd8(x, i) AS CASE
  WHEN i BETWEEN 10000101 AND 99991231 AND length(x) = 8 THEN try(make_date(i // 10000, i // 100 % 100, i % 100)) END;
CREATE OR REPLACE MACRO mg_date(x) AS coalesce(mg_ymd8(x, TRY_CAST(x AS INTEGER)), mg_date_slow(x));

-- Text that should hold a date but holds something else (d = mg_date(x), computed once by the caller).
CREATE OR REPLACE MACRO mg_date_bad(x, d) AS (d IS NULL AND x IS NOT NULL AND trim(x) <> '');

-- Codes are compared as text; a number 1 matches "01": digit strings lose their leading zeros (via an integer
-- cast, much cheaper than ltrim).
CREATE OR REPLACE MACRO mg_code_slow(x) AS CASE
  WHEN x IS NULL THEN NULL
  WHEN regexp_full_match(mg_digits(x), '[0-9]{1,18}') THEN CAST(CAST(mg_digits(x) AS UBIGINT) AS VARCHAR)
  ELSE trim(x) END;
CREATE OR REPLACE MACRO mg_code(x) AS CASE
  WHEN regexp_full_match(x, '[0-9]{1,18}') THEN CAST(CAST(x AS UBIGINT) AS VARCHAR)
  ELSE mg_code_slow(x) END;

-- The first problem of a provision record (a code of model/problemKinds.ts), or NULL (docs/spec/inputs.md "Bad input"):
-- key, begin date, end date, order, code.
-- One cheap test for the clean case first (one CASE branch instead of six on every row).
CREATE OR REPLACE MACRO mg_record_problem(key_problem, begin_raw, b, end_raw, e, unmapped) AS CASE
  WHEN key_problem IS NULL AND b IS NOT NULL AND NOT unmapped AND (e >= b OR (e IS NULL AND (end_raw IS NULL OR end_raw = ''))) THEN NULL
  WHEN key_problem IS NOT NULL THEN key_problem
  WHEN begin_raw IS NULL OR trim(begin_raw) = '' THEN 'date_begin_missing'
  WHEN b IS NULL THEN 'date_unparseable'
  WHEN mg_date_bad(end_raw, e) THEN 'date_unparseable'
  WHEN e < b THEN 'date_end_before_begin'
  WHEN unmapped THEN 'code_unmapped'
  END;
