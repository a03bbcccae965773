-- One yearly WMOBUS file in the default layout (syn_wmo rows in insertion order: study persons, then the others).
SELECT rinpersoons AS RINPERSOONS, rinpersoon AS RINPERSOON, code AS WMOTYPEMAATWERKARRANGEMENT,
  syn_ymd(b) AS WMODATUMAANVANG, syn_ymd(e) AS WMODATUMEINDE
FROM syn_wmo
WHERE yr = $year
