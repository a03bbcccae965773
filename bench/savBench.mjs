#!/usr/bin/env node
// Benchmark: readSav (ours) vs `readstat file.sav out.csv` on a GBAPERSOONTAB-like SPSS file.
//
//   npx tsc -p tsconfig.json && node bench/savBench.mjs [--rows 24000000] [--numeric] [--compression bytecode|zlib|none]
//                                                       [--file existing.sav] [--dir /tmp/savbench] [--skip-readstat] [--readstat-first]
//
// Generates the file with writeSav when it does not exist yet (kept in --dir for the next run), then times
// (1) readSav into a fresh DuckDB opened like the pipeline does (openDatabase defaults), (2) readstat to CSV.
// Prints rows/s for both, our peak RSS and sampled peak JS heap, and the file size.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../build/core/openDatabase.js';
import { readSav } from '../build/sav/readSav.js';
import { writeSav } from '../build/sav/writeSav.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '24000000' },
    numeric: { type: 'boolean', default: false },
    compression: { type: 'string', default: 'bytecode' },
    file: { type: 'string' },
    dir: { type: 'string', default: '/tmp/savbench' },
    'skip-readstat': { type: 'boolean', default: false },
    'readstat-first': { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);
mkdirSync(args.dir, { recursive: true });
const file =
  args.file ??
  join(
    args.dir,
    `gbapersoon_${rows}_${args.numeric ? 'num' : 'str'}_${args.compression}.${args.compression === 'zlib' ? 'zsav' : 'sav'}`,
  );

function* persons(n, numeric) {
  // Deterministic pseudo-random persons (LCG), RINPERSOON unique: a permutation of 0..n-1 spread over 9 digits.
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const pad2 = (x) => (x < 10 ? `0${x}` : String(x));
  for (let i = 0; i < n; i++) {
    const key = (i * 40503 + 17) % 1_000_000_000;
    const g = rnd();
    const year = 1920 + Math.floor(rnd() * 104);
    const monthUnknown = rnd() < 0.01;
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    if (numeric) {
      yield [1, key, g < 0.49 ? 1 : g < 0.99 ? 2 : null, year, monthUnknown ? null : month, monthUnknown ? null : day];
    } else {
      yield [
        'R',
        String(key).padStart(9, '0'),
        g < 0.49 ? '1' : g < 0.99 ? '2' : '-',
        String(year),
        monthUnknown ? '--' : pad2(month),
        monthUnknown ? '--' : pad2(day),
      ];
    }
  }
}

const names = ['RINPERSOONS', 'RINPERSOON', 'GBAGESLACHT', 'GBAGEBOORTEJAAR', 'GBAGEBOORTEMAAND', 'GBAGEBOORTEDAG'];
const widths = [1, 9, 1, 4, 2, 2];
const variables = names.map((name, i) =>
  args.numeric ? { name, type: 'numeric', decimals: 0 } : { name, type: 'string', width: widths[i] },
);

if (!existsSync(file)) {
  const t0 = performance.now();
  await writeSav(file, variables, persons(rows, args.numeric), { compression: args.compression });
  const s = (performance.now() - t0) / 1000;
  console.log(`generated ${file}: ${rows} rows in ${s.toFixed(1)} s (writeSav ${Math.round(rows / s)} rows/s)`);
}
const size = statSync(file).size;
console.log(`file ${file}: ${(size / 1e6).toFixed(1)} MB`);

let oursS = 0;
let rsS = 0;
async function measureOurs() {
  let heapPeak = 0;
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
  }, 200);
  const tmp = join(args.dir, 'duckdb.tmp');
  const db = await openDatabase({ tempDirectory: tmp });
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const meta = await readSav(db.connection, file, 'persons');
  oursS = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu1);
  const oursCpu = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const count = Number((await db.connection.runAndReadAll('SELECT count(*) FROM persons')).getRows()[0][0]);
  db.close();
  rmSync(tmp, { recursive: true, force: true });
  if (count !== rows) throw new Error(`readSav loaded ${count} rows, expected ${rows}`);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `readSav:  ${rows} rows in ${oursS.toFixed(1)} s = ${Math.round(rows / oursS)} rows/s (CPU ${oursCpu.toFixed(1)} s incl. DuckDB threads); peak RSS ${rss.toFixed(0)} MB (DuckDB table included), peak JS heap+buffers ${(heapPeak / 1e6).toFixed(0)} MB; ${meta.compression}, ${meta.encoding}`,
  );
}

function measureReadstat() {
  const out = join(args.dir, 'readstat_out.csv');
  rmSync(out, { force: true });
  const timeFile = join(args.dir, 'readstat_time.txt');
  const haveTime = existsSync('/usr/bin/time');
  const t2 = performance.now();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, 'readstat', file, out], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync('readstat', [file, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  rsS = (performance.now() - t2) / 1000;
  if (r.status !== 0) throw new Error(`readstat failed: ${r.stderr}`);
  let rsExtra = '';
  if (haveTime) {
    const [u, sys, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
    rsExtra = ` (CPU ${(u + sys).toFixed(1)} s, peak RSS ${(kb / 1024).toFixed(0)} MB)`;
  }
  const lines = Number(execFileSync('wc', ['-l', out]).toString().trim().split(/\s+/)[0]) - 1;
  rmSync(out, { force: true });
  console.log(
    `readstat: ${lines} rows in ${rsS.toFixed(1)} s = ${Math.round(lines / rsS)} rows/s${rsExtra} (to CSV, not into DuckDB)`,
  );
}

if (args['readstat-first'] && !args['skip-readstat']) measureReadstat();
await measureOurs();
if (!args['readstat-first'] && !args['skip-readstat']) measureReadstat();
if (!args['skip-readstat']) console.log(`ratio ours/readstat (wall): ${(rsS / oursS).toFixed(2)}x`);
