#!/usr/bin/env node
// National benchmark: synthetic national-size input (scale 1, ≈ 100 million rows of CSV), then
//   (a) the bare read: DuckDB reading every column of every input file once (count(*) and count(column) for each
//       column, all columns as text — the least any pipeline must do), and
//   (b) the full `multigebruik run` on the same folder, with its peak memory (resident set size of the process,
//       DuckDB's native memory included).
//
//   node bench/national.mjs [--data /tmp/mg-national] [--out /tmp/mg-national-out] [--scale 1] [--seed 1]
//                           [--threads 2] [--memory 4GB] [--cli bin/multigebruik.js] [--skip-run]
//
// The data folder is generated once (with `multigebruik generate`) and reused when it already holds files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { data: '/tmp/mg-national', scale: 1, seed: 1, threads: 2, memory: '4GB', cli: join(root, 'bin/multigebruik.js'), skipRun: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--data': o.data = resolve(v); i++; break;
      case '--out': o.out = resolve(v); i++; break;
      case '--scale': o.scale = Number(v); i++; break;
      case '--seed': o.seed = Number(v); i++; break;
      case '--threads': o.threads = Number(v); i++; break;
      case '--memory': o.memory = v; i++; break;
      case '--cli': o.cli = resolve(v); i++; break;
      case '--skip-run': o.skipRun = true; break;
      default:
        console.error(`unknown argument ${k}`);
        process.exit(1);
    }
  }
  o.out ??= `${o.data}-out`;
  return o;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Run the CLI in a child process and measure its wall time and peak resident memory. */
function runMeasured(cli, args) {
  const t0 = Date.now();
  const gnuTime = existsSync('/usr/bin/time');
  if (gnuTime) {
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = Date.now() - t0;
    process.stdout.write(r.stdout);
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const stderr = r.stderr.split('\n').filter((l) => !l.startsWith('\t')).join('\n').trim();
    if (stderr) process.stderr.write(`${stderr}\n`);
    return { status: r.status, ms, peakBytes: m ? Number(m[1]) * 1024 : undefined };
  }
  // No GNU time: load the CLI in a child that reports its own peak RSS on exit.
  const code = `process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
    process.argv.splice(1, 0, ${JSON.stringify(cli)}); await import(${JSON.stringify(pathToFileURL(cli).href)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Date.now() - t0;
  process.stdout.write(r.stdout);
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr);
  const stderr = r.stderr.replace(/\nMAXRSS_KB \d+\n/, '').trim();
  if (stderr) process.stderr.write(`${stderr}\n`);
  return { status: r.status, ms, peakBytes: m ? Number(m[1]) * 1024 : undefined };
}

function inputFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /\.(csv|parquet)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

async function bareRead(files, threads, memory) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: memory });
  const conn = await instance.connect();
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  const ident = (s) => `"${s.replaceAll('"', '""')}"`;
  let rows = 0;
  const t0 = Date.now();
  for (const f of files) {
    const src = f.endsWith('.parquet') ? `read_parquet(${quote(f)})` : `read_csv(${quote(f)}, all_varchar = true, header = true)`;
    const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRows().map((r) => String(r[0]));
    const r = await conn.runAndReadAll(`SELECT count(*), ${cols.map((c) => `count(${ident(c)})`).join(', ')} FROM ${src}`);
    rows += Number(r.getRows()[0][0]);
  }
  const ms = Date.now() - t0;
  conn.closeSync();
  instance.closeSync();
  return { ms, rows };
}

const o = parseArgs(process.argv.slice(2));
let generateMs;
if (!existsSync(o.data) || inputFiles(o.data).length === 0) {
  mkdirSync(o.data, { recursive: true });
  console.log(`generating scale ${o.scale} into ${o.data} …`);
  const t0 = Date.now();
  const child = spawn(process.execPath, [o.cli, 'generate', '--out', o.data, '--scale', String(o.scale), '--seed', String(o.seed)], {
    stdio: 'inherit',
  });
  const status = await new Promise((res) => child.on('exit', res));
  if (status !== 0) {
    console.error(`generate failed (exit ${status})`);
    process.exit(2);
  }
  generateMs = Date.now() - t0;
} else console.log(`reusing ${o.data}`);

const files = inputFiles(o.data);
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
console.log(`${files.length} input files, ${mb(bytes)}`);

const read = await bareRead(files, o.threads, o.memory);
console.log(`bare read: ${seconds(read.ms)} for ${read.rows.toLocaleString('en')} rows (threads ${o.threads}, memory ${o.memory})`);

let run;
if (!o.skipRun) {
  rmSync(o.out, { recursive: true, force: true });
  console.log('running multigebruik run …');
  run = runMeasured(o.cli, ['run', '--input', o.data, '--out', o.out]);
  if (run.status !== 0) {
    console.error(`run failed (exit ${run.status})`);
    process.exit(2);
  }
}

console.log('\n== national benchmark ==');
console.log(`rows          ${read.rows.toLocaleString('en')} in ${files.length} files (${mb(bytes)})`);
console.log(`generate      ${generateMs === undefined ? '(reused)' : seconds(generateMs)}`);
console.log(`bare read     ${seconds(read.ms)}`);
if (run) {
  console.log(`run           ${seconds(run.ms)}`);
  console.log(`ratio         ${(run.ms / read.ms).toFixed(2)} × bare read`);
  console.log(`peak memory   ${run.peakBytes === undefined ? 'unknown' : mb(run.peakBytes)}`);
}
