-- The UWVVOORZIENING file in the default layout (syn_uwv is already in file order).
SELECT rinpersoons AS RINPERSOONS, rinpersoon AS RINPERSOON, soort AS UWVSOORTVOORZIENING,
  achtergrond AS UWVWETTELIJKEACHTERGROND, product AS UWVPRODUCT, syn_ymd(b) AS UWVDATUMAANVANG, syn_ymd(e) AS UWVDATUMEINDE
FROM syn_uwv
