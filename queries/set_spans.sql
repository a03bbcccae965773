-- Per set mask of the records of study persons in use in the window [$w_start, $w_end]: the latest begin date and
-- the earliest end date (NULL when every such record is open-ended). Which sets are nested between two windows that
-- are not nested follows from these (model/setSpans.ts). Aggregated dates per set only, no person key.
SELECT r.mask,
  strftime(max(r.b), '%Y-%m-%d') AS last_begin,
  strftime(min(r.e), '%Y-%m-%d') AS first_end
FROM ({{!records}}) r
SEMI JOIN persons p ON p.s = r.s AND p.n = r.n
WHERE r.b <= CAST($w_end AS DATE) AND (r.e IS NULL OR r.e >= CAST($w_start AS DATE))
GROUP BY r.mask
ORDER BY r.mask
