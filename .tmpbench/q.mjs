import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const v = await c.runAndReadAll(`SELECT version()`); console.log(v.getRows());
const H = 'RINPERSOONS,RINPERSOON,UWVSOORTVOORZIENING,UWVWETTELIJKEACHTERGROND,UWVPRODUCT,UWVDATUMAANVANG,UWVDATUMEINDE\n';
const rows = ['R,000000001,JOBCOACH,WAJONG,TOLK_GEBAREN,20190101,20191231','R,000000002,JOBCOACH,WAJONG,TOLK_SCHRIJF,20190101,20191231','R,000000003,JOBCOACH,WAJONG,TAXI,20190101,20191231'];
const cases = {
  startQuote: [rows[0], rows[1].replace('TOLK_SCHRIJF', '"TOLK_SCHRIJF'), rows[2]],
  midQuote: [rows[0], rows[1].replace('TOLK_SCHRIJF', 'TOLK_"SCHRIJF'), rows[2]],
  endQuoteOnly: [rows[0], rows[1].replace('TOLK_SCHRIJF', 'TOLK_SCHRIJF"'), rows[2]],
  lastRowQuote: [rows[0], rows[1], rows[2].replace('TAXI', '"TAXI')],
  mixedEol: null,
};
for (const [name, rs] of Object.entries(cases)) {
  const f = `/tmp/r21/${name}.csv`;
  if (rs) writeFileSync(f, H + rs.join('\n') + '\n');
  else writeFileSync(f, H + rows[0] + '\r\n' + rows[1] + '\n' + rows[2] + '\r\n');
  for (const opts of ['', ', delim = \',\'', ', strict_mode = true', ', delim = \',\', strict_mode = true, quote = \'"\', escape = \'"\'']) {
    try {
      const r = await c.runAndReadAll(`SELECT UWVPRODUCT, CAST(count(*) OVER () AS INTEGER) n FROM read_csv('${f}', all_varchar = true, header = true${opts})`);
      console.log(name, opts, JSON.stringify(r.getRows()));
    } catch (e) { console.log(name, opts, 'ERR', String(e.message).slice(0, 200).replace(/\n/g,' | ')); }
  }
}
