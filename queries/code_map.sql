-- The config's code lists as one table: (domain, code) -> the bit of a person set, or a target name.
CREATE OR REPLACE TABLE code_map (domain VARCHAR, code VARCHAR, bit INTEGER, target VARCHAR)
