-- Exact duplicate records (same person, set bits and dates) among the usable rows of one provision source.
SELECT count(*) - count(DISTINCT (s, n, mask, b, e)) AS duplicates FROM {{table}} WHERE p_kind IS NULL
