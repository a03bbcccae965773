-- The PWETSRGVOORZIENINGTAB file in the default layout (syn_srg is already in file order).
SELECT rinpersoons AS RINPERSOONS, rinpersoon AS RINPERSOON, code AS SRGVOORZIENING,
  syn_ymd(b) AS SRGDATUMAANVANG, syn_ymd(e) AS SRGDATUMEINDE
FROM syn_srg
