-- The keys of the study persons known so far (filled by study_keys.sql before WMOBUS is read).
CREATE OR REPLACE TABLE study_keys (s VARCHAR, n INTEGER)
