#!/usr/bin/env node
// National benchmark, both input formats in one invocation, on synthetic national-size input (scale 1: ≈ 104 million
// rows; CSV ≈ 2 GB, SPSS .sav ≈ 4 GB):
//   (a) CSV bare read: DuckDB reading every column of every CSV file once (count(*) and count(column) for each
//       column, all columns as text — the least any pipeline must do);
//   (b) CSV run: `multigebruik run` on the CSV folder;
//   (c) .sav run: `multigebruik run` on the same data written as SPSS .sav (`generate --format sav`).
// Each is a separate process, measured for wall time and peak resident set size (DuckDB's native memory included),
// repeated --repeat times (interleaved a, b, c, a, b, c, …) and reported as medians. Also the start-up time of
// `multigebruik --help` (median of 5), and whether export/ and internal/tables.json are byte-identical between the
// CSV and .sav runs. Ends with the targets of issue 11 (the only place timing thresholds live).
//
//   node bench/national.mjs [--data /tmp/mg-national] [--sav-data <data>-sav] [--out /tmp/mg-bench-out]
//                           [--scale 1] [--seed 1] [--threads 2] [--memory 1500MB] [--repeat 3]
//                           [--cli bin/multigebruik.js] [--only csv,sav]
//
// The data folders are generated once (with `multigebruik generate`) and reused when they already hold files.
// The runs use a config with duckdb.memoryLimit = --memory and duckdb.threads = --threads; the bare read the same.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparableExport } from './comparableExport.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

function parseArgs(argv) {
  const o = {
    data: '/tmp/mg-national',
    scale: 1,
    seed: 1,
    threads: 2,
    memory: '1500MB',
    repeat: 3,
    cli: join(root, 'bin/multigebruik.js'),
    only: ['csv', 'sav'],
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--data':
        o.data = resolve(v);
        i++;
        break;
      case '--sav-data':
        o.savData = resolve(v);
        i++;
        break;
      case '--out':
        o.out = resolve(v);
        i++;
        break;
      case '--scale':
        o.scale = Number(v);
        i++;
        break;
      case '--seed':
        o.seed = Number(v);
        i++;
        break;
      case '--threads':
        o.threads = Number(v);
        i++;
        break;
      case '--memory':
        o.memory = v;
        i++;
        break;
      case '--repeat':
        o.repeat = Number(v);
        i++;
        break;
      case '--cli':
        o.cli = resolve(v);
        i++;
        break;
      case '--only':
        o.only = v.split(',');
        i++;
        break;
      case '--bare-read':
        o.bareRead = true;
        break; // internal: the child process of (a)
      default:
        console.error(`unknown argument ${k}`);
        process.exit(1);
    }
  }
  o.savData ??= `${o.data}-sav`;
  o.out ??= '/tmp/mg-bench-out';
  return o;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const gb = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GB`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run a node script in a child process; wall time, peak RSS (GNU time, else the child's own maxRSS) and output. */
function measure(args) {
  const t0 = performance.now();
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - t0;
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const cpu = /Percent of CPU this job got: (\d+)%/.exec(r.stderr);
    const stderr = r.stderr
      .split('\n')
      .filter((l) => !l.startsWith('\t') && !/^\s*Command (being timed|exited)/.test(l))
      .join('\n')
      .trim();
    return {
      status: r.status,
      ms,
      peak: m ? Number(m[1]) * 1024 : NaN,
      cpu: cpu ? Number(cpu[1]) : NaN,
      stdout: r.stdout,
      stderr,
    };
  }
  const code = `process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
    process.argv.splice(1, 0, ${JSON.stringify(args[0])}); await import(${JSON.stringify(new URL(`file://${args[0]}`).href)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, ...args.slice(1)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr);
  return {
    status: r.status,
    ms,
    peak: m ? Number(m[1]) * 1024 : NaN,
    cpu: NaN,
    stdout: r.stdout,
    stderr: r.stderr.replace(/\nMAXRSS_KB \d+\n/, '').trim(),
  };
}

const inputFiles = (dir, re) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => re.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

/** (a) in this process: DuckDB reads every column of every CSV file once. */
async function bareRead(o) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(o.threads), memory_limit: o.memory });
  const conn = await instance.connect();
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  const ident = (s) => `"${s.replaceAll('"', '""')}"`;
  let rows = 0;
  for (const f of inputFiles(o.data, /\.csv$/i)) {
    const src = `read_csv(${quote(f)}, all_varchar = true, header = true)`;
    const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRows().map((r) => String(r[0]));
    const r = await conn.runAndReadAll(
      `SELECT count(*), ${cols.map((c) => `count(${ident(c)})`).join(', ')} FROM ${src}`,
    );
    rows += Number(r.getRows()[0][0]);
  }
  conn.closeSync();
  instance.closeSync();
  console.log(`ROWS ${rows}`);
}

async function ensureData(o, dir, format, re) {
  if (inputFiles(dir, re).length > 0) return console.log(`reusing ${dir}`);
  mkdirSync(dir, { recursive: true });
  console.log(`generating scale ${o.scale} (${format}) into ${dir} …`);
  const args = [
    o.cli,
    'generate',
    '--out',
    dir,
    '--scale',
    String(o.scale),
    '--seed',
    String(o.seed),
    '--format',
    format,
    '--force',
  ];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const status = await new Promise((res) => child.on('exit', res));
  if (status !== 0) {
    console.error(`generate failed (exit ${status})`);
    process.exit(2);
  }
}

/** Files of a run folder that must be identical between formats. */
async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.bareRead) return bareRead(o);
  const wantCsv = o.only.includes('csv');
  const wantSav = o.only.includes('sav');
  await ensureData(o, o.data, 'csv', /\.csv$/i);
  if (wantSav) await ensureData(o, o.savData, 'sav', /\.z?sav$/i);
  mkdirSync(o.out, { recursive: true });
  const config = join(o.out, 'bench.config.json');
  writeFileSync(config, `${JSON.stringify({ duckdb: { memoryLimit: o.memory, threads: o.threads } }, null, 2)}\n`);
  const size = (dir, re) => inputFiles(dir, re).reduce((s, f) => s + statSync(f).size, 0);
  console.log(`CSV  ${inputFiles(o.data, /\.csv$/i).length} files, ${mb(size(o.data, /\.csv$/i))}`);
  if (wantSav)
    console.log(`.sav ${inputFiles(o.savData, /\.z?sav$/i).length} files, ${mb(size(o.savData, /\.z?sav$/i))}`);
  console.log(`DuckDB memory limit ${o.memory}, ${o.threads} threads; ${o.repeat} rounds\n`);

  const help = [];
  for (let i = 0; i < 5; i++) help.push(measure([o.cli, '--help']).ms);

  const results = { bare: [], csv: [], sav: [] };
  let rows;
  const run = (label, input, out) => {
    rmSync(out, { recursive: true, force: true });
    const r = measure([o.cli, 'run', '--input', input, '--out', out, '--config', config]);
    if (r.status !== 0) {
      console.error(`${label} run failed (exit ${r.status}):\n${r.stderr}`);
      process.exit(2);
    }
    const stages = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stageMs;
    return { ...r, stages };
  };
  for (let round = 1; round <= o.repeat; round++) {
    if (wantCsv) {
      const b = measure([self, '--bare-read', '--data', o.data, '--threads', String(o.threads), '--memory', o.memory]);
      if (b.status !== 0) {
        console.error(`bare read failed:\n${b.stderr}`);
        process.exit(2);
      }
      rows = Number(/ROWS (\d+)/.exec(b.stdout)[1]);
      results.bare.push(b);
      console.log(`round ${round}: CSV bare read ${seconds(b.ms)}, ${mb(b.peak)}, CPU ${b.cpu}%`);
      const c = run('CSV', o.data, join(o.out, 'csv'));
      results.csv.push(c);
      console.log(
        `round ${round}: CSV run       ${seconds(c.ms)}, ${mb(c.peak)}, CPU ${c.cpu}%, validate ${seconds(c.stages.validate)}`,
      );
    }
    if (wantSav) {
      const s = run('.sav', o.savData, join(o.out, 'sav'));
      results.sav.push(s);
      console.log(
        `round ${round}: .sav run      ${seconds(s.ms)}, ${mb(s.peak)}, CPU ${s.cpu}%, validate ${seconds(s.stages.validate)}`,
      );
    }
  }

  const med = (k, f) => median(results[k].map(f));
  console.log(`\n== national benchmark (medians of ${o.repeat}) ==`);
  if (rows !== undefined) console.log(`rows: ${rows.toLocaleString('en')}`);
  console.log('| input | wall | peak RSS | validate stage | CPU |');
  console.log('|---|---|---|---|---|');
  if (wantCsv) {
    console.log(
      `| CSV bare read (DuckDB, every column once) | ${seconds(med('bare', (r) => r.ms))} | ${gb(med('bare', (r) => r.peak))} | — | ${med('bare', (r) => r.cpu)} % |`,
    );
    console.log(
      `| CSV \`run\` | ${seconds(med('csv', (r) => r.ms))} | ${gb(med('csv', (r) => r.peak))} | ${seconds(med('csv', (r) => r.stages.validate))} | ${med('csv', (r) => r.cpu)} % |`,
    );
  }
  if (wantSav)
    console.log(
      `| .sav \`run\` | ${seconds(med('sav', (r) => r.ms))} | ${gb(med('sav', (r) => r.peak))} | ${seconds(med('sav', (r) => r.stages.validate))} | ${med('sav', (r) => r.cpu)} % |`,
    );
  console.log(`\`multigebruik --help\` start-up: ${seconds(median(help))} (median of ${help.length})`);

  const checks = [];
  const all = [...results.bare, ...results.csv, ...results.sav];
  if (wantCsv) {
    const ratio = med('csv', (r) => r.ms) / med('bare', (r) => r.ms);
    checks.push([`CSV run / CSV bare read = ${ratio.toFixed(2)}× (target ≤ 1.8×)`, ratio <= 1.8]);
  }
  if (wantCsv && wantSav) {
    const ratio = med('sav', (r) => r.ms) / med('csv', (r) => r.ms);
    checks.push([`.sav run / CSV run = ${ratio.toFixed(2)}× (target ≤ 1.5×)`, ratio <= 1.5]);
    // The checker's note (README.txt, LEESMIJ.txt, the summary sheet of tables.xlsx) names the input files, whose
    // names and SHA-256 prefixes differ between the formats (docs/decisions.md); everything else must be the same bytes.
    const a = await comparableExport(join(o.out, 'csv'));
    const b = await comparableExport(join(o.out, 'sav'));
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
    const noteOnly = differing.length === 0;
    checks.push([
      `export/ and internal/tables.json byte-identical between CSV and .sav, the checker's note (README.txt, LEESMIJ.txt, tables.xlsx) with the input file names masked (differing: ${differing.join(', ') || 'none'})`,
      noteOnly,
    ]);
  }
  if (wantSav)
    checks.push([
      `.sav run peak RSS ${gb(med('sav', (r) => r.peak))} (target ≤ 2 GB)`,
      med('sav', (r) => r.peak) <= 2 * 2 ** 30,
    ]);
  const maxPeak = Math.max(...all.map((r) => r.peak));
  checks.push([`largest peak RSS of any run ${gb(maxPeak)} (target ≤ 4 GB)`, maxPeak <= 4 * 2 ** 30]);
  console.log('');
  for (const [text, ok] of checks) console.log(`${ok ? 'OK  ' : 'MISS'} ${text}`);
}

await main();
