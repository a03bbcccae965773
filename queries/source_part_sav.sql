-- One decoded .sav file of a source; its case numbers were kept in a column by the decoder.
SELECT {{!idx}}, {{rowColumn}} AS row_nr, {{!cols}}{{!year}} FROM {{table}}
