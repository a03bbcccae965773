-- The rows of a big source (GBAPERSOONTAB, HOOGSTEOPLTAB) with the semi-join on the study persons' numbers that
-- gba_rows.sql and education_rows.sql both start from: every column of the source relation, plus n0 (the candidate
-- person number, mg_key_number: plain digits or the exact rules), hit (true when n0 is the number of a study person) and key_problem (the exact key
-- rules where the row could link to a study person or its key is not even a plausible number; mg_big_key_problem).
WITH r AS (
  SELECT *, mg_key_number(rn) AS n0
  FROM ({{!relation}})
), j AS (
  -- a semi-join on the person number (an integer hash probe; a correlated EXISTS plans as a slow delim join)
  SELECT r.*, q.hit FROM r LEFT JOIN (SELECT DISTINCT n, true AS hit FROM persons) AS q ON q.n = r.n0
)
SELECT *, mg_big_key_problem(rs, rn, n0, hit) AS key_problem FROM j
