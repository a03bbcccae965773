#!/usr/bin/env node
// Protection benchmark (issue 22): how the cost of the protect stage (secondary suppression + final audit) grows
// with the published cells. Cases: the shipped tables plus 0, 10, 40 and 140 generated user tables
// (bench/userTables.mjs) on the demo input and on national synthetic data (`generate --scale 1`), and a national
// release protected with two earlier exports (periods 2017–2020, 2017–2021, 2017–2022, each `--previous` on all
// earlier ones).
//
// Per (data, user tables) case: one `multigebruik run` (its output gives internal/tables.json and atoms.json), then
// --repeat times, each in its own process, protectTables on those (as the run does) — published cells, primaries,
// secondaries, protect seconds (search), audit seconds, peak RSS; medians. The chain: three `run`s, the protect
// stage of each from its manifest. Ends with the targets of issue 22 (the only place its timing thresholds live).
//
//   node bench/protect.mjs [--only demo,national,chain] [--cases 0,10,40,140] [--repeat 3]
//                          [--demo /tmp/mg-bench-protect-data/demo] [--national /tmp/mg-bench-protect-data/scale1]
//                          [--out /tmp/mg-bench-protect] [--cli bin/multigebruik.js]
//
// The data folders are made once (`demo`, `generate --scale 1 --seed 1`) and reused when they exist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { userTablesConfig } from './userTables.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

function parseArgs(argv) {
  const o = {
    only: ['demo', 'national', 'chain'],
    cases: [0, 10, 40, 140],
    repeat: 3,
    demo: '/tmp/mg-bench-protect-data/demo',
    national: '/tmp/mg-bench-protect-data/scale1',
    out: '/tmp/mg-bench-protect',
    cli: join(root, 'bin/multigebruik.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    switch (k) {
      case '--only':
        o.only = v.split(',');
        i++;
        break;
      case '--cases':
        o.cases = v.split(',').map(Number);
        i++;
        break;
      case '--repeat':
        o.repeat = Number(v);
        i++;
        break;
      case '--demo':
        o.demo = resolve(v);
        i++;
        break;
      case '--national':
        o.national = resolve(v);
        i++;
        break;
      case '--out':
        o.out = resolve(v);
        i++;
        break;
      case '--cli':
        o.cli = resolve(v);
        i++;
        break;
      case '--child':
        o.child = [resolve(v), resolve(argv[i + 2])];
        i += 2;
        break; // internal: one protection
      default:
        console.error(`unknown argument ${k}`);
        process.exit(1);
    }
  }
  return o;
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The child: protect the tables of a finished run's output again, as the run's protect stage does. */
async function child(outDir, configFile) {
  const load = (rel) => import(pathToFileURL(join(root, 'build', rel)).href);
  const { parseConfig } = await load('schemas/loadConfig.js');
  const { declarationsFor } = await load('model/tableDeclarations.js');
  const { protectTables } = await load('disclosure/protectTables.js');
  const config = parseConfig(readFileSync(configFile, 'utf8'), configFile);
  const internal = JSON.parse(readFileSync(join(outDir, 'internal', 'tables.json'), 'utf8'));
  const { atoms } = JSON.parse(readFileSync(join(outDir, 'internal', 'atoms.json'), 'utf8'));
  const r = await protectTables({ internal, atoms, declarations: declarationsFor(config), params: config.disclosure });
  const t = r.audit.totals;
  process.stdout.write(
    `${JSON.stringify({
      cells: t.cells,
      published: t.published,
      primary: t.primary,
      secondary: t.secondary,
      variables: t.attackerVariables,
      searchMs: r.timing.searchMs,
      auditMs: r.timing.auditMs,
      lpSolves: r.timing.lpSolves,
      peak: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
}

function cli(o, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [o.cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, CI: '1' },
  });
  if (r.status !== 0) {
    console.error(`multigebruik ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return performance.now() - t0;
}

const hasFiles = (dir) => existsSync(dir) && readdirSync(dir).length > 0;

function prepareData(o, which) {
  if (which === 'demo') {
    const input = join(o.demo, 'input');
    if (!hasFiles(input)) cli(o, ['demo', '--out', o.demo, '--force']);
    return input;
  }
  if (!hasFiles(o.national)) cli(o, ['generate', '--out', o.national, '--scale', '1', '--seed', '1']);
  return o.national;
}

/** Config of a case: the shipped tables + n user tables; DuckDB as in the national bench. */
function configFile(o, n, extra = {}) {
  const file = join(o.out, `config-${n}${extra.period ? `-${extra.period.end}` : ''}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ ...userTablesConfig(n), duckdb: { memoryLimit: '1500MB', threads: 2 }, ...extra }, null, 2)}\n`,
  );
  return file;
}

function protectOnce(out, config) {
  const r = spawnSync(process.execPath, [self, '--child', out, config], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.error(`protect child failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

function caseRow(o, which, input, n) {
  const out = join(o.out, `${which}-${n}`);
  const config = configFile(o, n);
  const runMs = cli(o, ['run', '--input', input, '--out', out, '--config', config, '--force']);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const rounds = Array.from({ length: o.repeat }, () => protectOnce(out, config));
  const first = rounds[0];
  const row = {
    data: which,
    userTables: n,
    cells: first.cells,
    published: first.published,
    primary: first.primary,
    secondary: first.secondary,
    variables: first.variables,
    lpSolves: first.lpSolves,
    searchMs: median(rounds.map((r) => r.searchMs)),
    auditMs: median(rounds.map((r) => r.auditMs)),
    peak: median(rounds.map((r) => r.peak)),
    runMs,
    runProtectMs: manifest.stageMs?.protect,
    rounds: rounds.map((r) => `${sec(r.searchMs)}+${sec(r.auditMs)}`).join(' / '),
  };
  console.log(
    `| ${which} | ${n} | ${row.cells.toLocaleString('en')} | ${row.primary} | ${row.secondary} | ${row.lpSolves} | ${sec(row.searchMs)} | ${sec(row.auditMs)} | ` +
      `${sec(row.searchMs + row.auditMs)} | ${mb(row.peak)} | ${sec(row.runMs)} | ${row.rounds} |`,
  );
  return row;
}

function chain(o, input) {
  const ends = ['2020-12-31', '2021-12-31', '2022-12-31'];
  const outs = [];
  const rows = [];
  for (const end of ends) {
    const out = join(o.out, `chain-${end.slice(0, 4)}`);
    const config = configFile(o, 0, { period: { start: '2017-01-01', end } });
    const runMs = cli(o, [
      'run',
      '--input',
      input,
      '--out',
      out,
      '--config',
      config,
      '--force',
      ...outs.flatMap((p) => ['--previous', p]),
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const audit = JSON.parse(readFileSync(join(out, 'internal', 'suppression-audit.json'), 'utf8'));
    const row = {
      end,
      previous: outs.length,
      protectMs: manifest.stageMs.protect,
      runMs,
      primary: audit.totals.primary,
      secondary: audit.totals.secondary,
      cells: audit.totals.cells,
    };
    console.log(
      `| 2017–${end.slice(0, 4)} | ${row.previous} | ${row.cells} | ${row.primary} | ${row.secondary} | ${sec(row.protectMs)} | ${sec(row.runMs)} |`,
    );
    rows.push(row);
    outs.push(out);
  }
  return rows;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return child(...o.child);
  mkdirSync(o.out, { recursive: true });
  const results = [];
  const data = o.only.filter((w) => w === 'demo' || w === 'national');
  if (data.length > 0) {
    console.log(
      `protect: medians of ${o.repeat} (each in its own process); search = secondary suppression, audit = final audit`,
    );
    console.log(
      '| data | user tables | published cells | primary | secondary | LPs (search) | search | audit | protect + audit | peak RSS | whole run (1×) | rounds (search+audit) |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  }
  for (const which of data) {
    const input = prepareData(o, which);
    for (const n of o.cases) results.push(caseRow(o, which, input, n));
  }
  let chainRows = [];
  if (o.only.includes('chain')) {
    console.log('\nnational chain (protect stage from the manifest, one run each)');
    console.log('| period | --previous | cells | primary | secondary | protect stage | whole run |');
    console.log('|---|---|---|---|---|---|---|');
    chainRows = chain(o, prepareData(o, 'national'));
  }

  console.log('\ntargets of issue 22:');
  const find = (w, n) => results.find((r) => r.data === w && r.userTables === n);
  const verdict = (ok) => (ok ? 'met' : '**not met**');
  const total = (r) => r.searchMs + r.auditMs;
  for (const [n, limit] of [
    [140, 60e3],
    [40, 15e3],
  ]) {
    const r = find('national', n);
    if (r)
      console.log(
        `- national + ${n} user tables (${r.cells} cells): protect + audit ${sec(total(r))} (≤ ${sec(limit)}: ${verdict(total(r) <= limit)})`,
      );
  }
  for (const w of ['demo', 'national']) {
    const a = find(w, 0);
    const b = find(w, Math.max(...o.cases));
    if (a && b && b !== a) {
      const g = b.searchMs / a.searchMs;
      console.log(
        `- ${w}: ${a.cells} → ${b.cells} cells (${(b.cells / a.cells).toFixed(1)}×): search ${g.toFixed(1)}× (≤ 12×: ${verdict(g <= 12)}), protect + audit ${(total(b) / total(a)).toFixed(1)}×`,
      );
    }
  }
  for (const [w, p, s] of [
    ['demo', 87, 8],
    ['national', 55, 8],
  ]) {
    const r = find(w, 0);
    if (r)
      console.log(
        `- ${w} shipped tables: ${r.primary} primary + ${r.secondary} secondary (≤ ${p} + ${s}: ${verdict(r.primary <= p && r.secondary <= s)})`,
      );
  }
  if (chainRows.length === 3) {
    // the single release: 2017–2022 without --previous (the national shipped-tables case) when it ran, else the chain's first
    const single = find('national', 0)?.runProtectMs ?? chainRows[0].protectMs;
    const g = chainRows[2].protectMs / single;
    console.log(
      `- three-release chain: protect stage of the third release ${sec(chainRows[2].protectMs)} = ${g.toFixed(2)}× a single release (${sec(single)}; ≤ 2×: ${verdict(g <= 2)})`,
    );
  }
}

await main();
