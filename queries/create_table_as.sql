-- A source's rows (or any relation the pipeline built) as a temp table named after it.
CREATE OR REPLACE TEMP TABLE {{target}} AS {{!select}}
