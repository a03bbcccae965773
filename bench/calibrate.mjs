#!/usr/bin/env node
// Calibration check of the synthetic generator: generate synthetic input at a scale, run the pipeline on it and
// compare internal/tables.json with the published tables of the 2023 report (scaled).
//
//   node bench/calibrate.mjs [--scale 1] [--seed 1] [--data DIR] [--out DIR] [--min 100] [--tolerance 0.1]
//                            [--tables FILE] [--cli bin/multigebruik.js] [--published FILE.json|.js] [--worst 20]
//
// --data: input folder (generated there unless it already holds files); default /tmp/mg-calibrate-<scale>-<seed>.
// --tables: skip generate and run, only compare this tables.json.
// A published cell counts when published × scale >= --min; it is "close" when the pipeline's count is within
// --tolerance (relative) of published × scale. Prints the share of close cells, the worst cells, and the F3.2/F3.3
// shares (among known values) next to the published ones. Exit code 0 always (it is a report, not a test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { scale: 1, seed: 1, min: 100, tolerance: 0.1, worst: 20, cli: join(root, 'bin/multigebruik.js') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--scale':
        o.scale = Number(v);
        i++;
        break;
      case '--seed':
        o.seed = Number(v);
        i++;
        break;
      case '--data':
        o.data = resolve(v);
        i++;
        break;
      case '--out':
        o.out = resolve(v);
        i++;
        break;
      case '--min':
        o.min = Number(v);
        i++;
        break;
      case '--tolerance':
        o.tolerance = Number(v);
        i++;
        break;
      case '--tables':
        o.tables = resolve(v);
        i++;
        break;
      case '--cli':
        o.cli = resolve(v);
        i++;
        break;
      case '--published':
        o.published = resolve(v);
        i++;
        break;
      case '--worst':
        o.worst = Number(v);
        i++;
        break;
      default:
        console.error(`unknown argument ${k}`);
        process.exit(1);
    }
  }
  return o;
}

async function loadPublished(path) {
  if (path && path.endsWith('.json')) return JSON.parse(readFileSync(path, 'utf8'));
  const url = path ? pathToFileURL(path).href : new URL('../build/synthetic/publishedTables.js', import.meta.url).href;
  return (await import(url)).PUBLISHED_TABLES;
}

function sh(cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`failed (${r.status}): ${cmd} ${args.join(' ')}`);
    process.exit(2);
  }
  return (Date.now() - t0) / 1000;
}

const o = parseArgs(process.argv.slice(2));
const published = await loadPublished(o.published);

let tablesFile = o.tables;
if (!tablesFile) {
  const data = o.data ?? `/tmp/mg-calibrate-${o.scale}-${o.seed}`;
  const out = o.out ?? `${data}-out`;
  if (!existsSync(data) || readdirSync(data).length === 0) {
    mkdirSync(dirname(data), { recursive: true });
    const t = sh(process.execPath, [
      o.cli,
      'generate',
      '--out',
      data,
      '--scale',
      String(o.scale),
      '--seed',
      String(o.seed),
    ]);
    console.log(`generated ${data} in ${t.toFixed(1)} s`);
  } else console.log(`reusing ${data}`);
  rmSync(out, { recursive: true, force: true });
  const t = sh(process.execPath, [o.cli, 'run', '--input', data, '--out', out]);
  console.log(`run in ${t.toFixed(1)} s`);
  tablesFile = join(out, 'internal', 'tables.json');
}

const ours = JSON.parse(readFileSync(tablesFile, 'utf8')).tables;
const cellOf = (t, r, c) => {
  const i = t.rows.findIndex((x) => x.key === r);
  const j = t.columns.findIndex((x) => x.key === c);
  if (i < 0 || j < 0) return undefined;
  return t.cells[i][j];
};

const compared = [];
for (const [id, rows] of Object.entries(published.tables)) {
  const t = ours[id];
  for (const [r, cols] of Object.entries(rows)) {
    for (const [c, value] of Object.entries(cols)) {
      const expected = value * o.scale;
      if (expected < o.min) continue;
      const got = t ? cellOf(t, r, c) : undefined;
      const rel = typeof got === 'number' ? (got - expected) / expected : Number.POSITIVE_INFINITY;
      compared.push({
        cell: `${id}[${r},${c}]`,
        published: value,
        expected: Math.round(expected),
        got: got ?? 'missing',
        rel,
      });
    }
  }
}
const close = compared.filter((x) => Math.abs(x.rel) <= o.tolerance).length;
console.log(
  `\ncells with published × ${o.scale} >= ${o.min}: ${compared.length}; within ${o.tolerance * 100} %: ${close} ` +
    `(${((100 * close) / Math.max(1, compared.length)).toFixed(1)} %)`,
);
const worst = [...compared].sort((a, b) => Math.abs(b.rel) - Math.abs(a.rel)).slice(0, o.worst);
console.log(`\nworst ${worst.length}:`);
for (const w of worst) {
  const pct = Number.isFinite(w.rel) ? `${(100 * w.rel).toFixed(1)} %` : 'missing';
  console.log(
    `  ${w.cell.padEnd(48)} expected ${String(w.expected).padStart(7)}  got ${String(w.got).padStart(7)}  ${pct}`,
  );
}

for (const [id, groups] of Object.entries(published.shares ?? {})) {
  const t = ours[id];
  if (!t) continue;
  console.log(`\n${id} shares among known values (published → ours):`);
  for (const [g, shares] of Object.entries(groups)) {
    const keys = Object.keys(shares);
    const counts = keys.map((k) => cellOf(t, g, k) ?? 0);
    const known = counts.reduce((a, b) => a + b, 0);
    const parts = keys.map(
      (k, i) => `${k} ${(100 * shares[k]).toFixed(0)}→${known ? ((100 * counts[i]) / known).toFixed(0) : '-'}`,
    );
    console.log(`  ${g.padEnd(14)} ${parts.join('  ')}  (n=${known})`);
  }
}
