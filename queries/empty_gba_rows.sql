-- An absent GBA source: an empty table of the shape of gba_rows.sql.
CREATE OR REPLACE TEMP TABLE {{table}} AS
SELECT 0::INTEGER AS file_idx, 0::BIGINT AS row_nr, ''::VARCHAR AS s, 0::INTEGER AS n, ''::VARCHAR AS gender, 0::INTEGER AS byear,
       0::INTEGER AS bmonth, ''::VARCHAR AS p_kind, ''::VARCHAR AS p_col, ''::VARCHAR AS p_val
WHERE false
