-- An absent education source: an empty table of the shape of education_rows.sql.
CREATE OR REPLACE TEMP TABLE {{table}} AS
SELECT 0::INTEGER AS file_idx, 0::BIGINT AS row_nr, 0::INTEGER AS year, ''::VARCHAR AS s, 0::INTEGER AS n, ''::VARCHAR AS education,
       ''::VARCHAR AS p_kind, ''::VARCHAR AS p_col, ''::VARCHAR AS p_val
WHERE false
