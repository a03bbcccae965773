-- An optional provision source that is absent: an empty table of the shape of srg_records/uwv_records/coded_records.
CREATE OR REPLACE TEMP TABLE {{table}} AS
SELECT 0::INTEGER AS file_idx, 0::BIGINT AS row_nr, ''::VARCHAR AS s, 0::INTEGER AS n, 0::INTEGER AS mask, NULL::DATE AS b,
       NULL::DATE AS e, ''::VARCHAR AS p_kind, ''::VARCHAR AS p_col, ''::VARCHAR AS p_val
WHERE false
