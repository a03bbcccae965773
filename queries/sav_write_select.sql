-- The rows writeSav writes, each column converted for its SPSS variable.
SELECT {{!exprs}} FROM ({{!query}}) AS _q({{!aliases}})
