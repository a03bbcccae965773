-- One file of a source, read from its located (ordered) table: row numbers from rowid.
SELECT {{!idx}}, rowid + 1 AS row_nr, {{!cols}}{{!year}} FROM {{table}}
