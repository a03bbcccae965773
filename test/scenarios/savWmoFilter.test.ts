import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { savLoader } from '../../bin/stages.js';
import { writeSav } from '../../sav/writeSav.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { defaultConfig, runPipelineWithSav, writeFolder } from '../support/runOnFolder.js';

/**
 * WMOBUS as .sav is filtered while decoding (pipeline/validate.ts, sav/savChunkBuilder.ts): a row of nobody among
 * the candidate study persons is dropped before DuckDB only when its key, code and dates are clean. Every row with
 * a problem — of a study person or not — must still be found, with the same row number and value as from CSV.
 */
const HEADER = ['RINPERSOONS', 'RINPERSOON', 'WMOTYPEMAATWERKARRANGEMENT', 'WMODATUMAANVANG', 'WMODATUMEINDE'];
// [key, code, begin, end]: the golden rows (study persons 1, 7, 9), then rows of persons outside the study
const ROWS: [string, string, string, string][] = [
  ['000000001', '01', '20190101', '20190601'],
  ['000000007', '2', '20190101', ''],
  ['000000009', '13', '20190101', ''],
  ['000000099', '1', '20190101', ''], // clean: dropped while decoding, counts nowhere
  ['000000098', '1', '20190505', '20190101'], // end before begin
  ['000000097', '77', '20190101', ''], // code not mapped
  ['000000096', '1', '20190101', '20190230'], // no such date
  ['000000095', '1', '20190101', '2019-06-01'], // ISO form: valid (the query decides, no problem)
  ['000000094', '1', '', ''], // no begin date
  ['000000093', '1', '20190101', '20181231'], // end before begin, across a year
  ['000000092', '3', '10000101', ''], // the first date the rules accept
  ['000000091', '1', '9990101', ''], // 7 digits (year 999): no date
  ['000000090', '1', '20240229', '20240301'], // a leap day: clean
  ['000000089', '1', '20230229', ''], // not a leap year
];

describe('.sav WMOBUS filtered while decoding', () => {
  it('gives the same problems, rows and values as the CSV twin (numeric code and begin, string end)', async () => {
    const config = defaultConfig({ onBadRows: 'quarantine' });
    const csvDir = writeFolder({
      ...GOLDEN_FILES,
      'WMO2019BUSV1.csv': `${[HEADER.join(','), ...ROWS.map(([n, c, b, e]) => `R,${n},${c},${b},${e}`)].join('\n')}\n`,
    });
    const savDir = writeFolder(
      Object.fromEntries(Object.entries(GOLDEN_FILES).filter(([name]) => name !== 'WMO2019BUSV1.csv')),
    );
    rmSync(join(savDir, 'WMO2019BUSV1.csv'), { force: true });
    await writeSav(
      join(savDir, 'WMO2019BUSV1.sav'),
      [
        { name: 'RINPERSOONS', type: 'string', width: 1 },
        { name: 'RINPERSOON', type: 'string', width: 9 },
        { name: 'WMOTYPEMAATWERKARRANGEMENT', type: 'numeric', decimals: 0 },
        { name: 'WMODATUMAANVANG', type: 'numeric', decimals: 0 },
        { name: 'WMODATUMEINDE', type: 'string', width: 10 },
      ],
      ROWS.map(([n, c, b, e]) => ['R', n, Number(c), b === '' ? null : Number(b), e]),
      { compression: 'bytecode' },
    );
    const csv = await runPipelineWithSav(csvDir, savLoader, config);
    const sav = await runPipelineWithSav(savDir, savLoader, config);
    const problems = (r: typeof csv) =>
      r.validation!.quarantined.map((q) => ({ ...q, file: q.file.replace(/\.(csv|sav)$/, '') }));
    expect(
      problems(csv)
        .filter((q) => q.file === 'WMO2019BUSV1')
        .map((q) => [q.row, q.problem]),
    ).toEqual([
      [5, 'end date before begin date'],
      [6, 'code not mapped in the config'],
      [7, 'unparseable date'],
      [9, 'no begin date'],
      [10, 'end date before begin date'],
      [12, 'unparseable date'],
      [14, 'unparseable date'],
    ]);
    expect(problems(sav)).toEqual(problems(csv));
    expect(sav.internal).toEqual(csv.internal);
    expect(sav.validation!.keptRows).toEqual(csv.validation!.keptRows);
  });
});
