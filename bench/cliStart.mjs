#!/usr/bin/env node
// Start-up and rendering, side by side in one invocation:
//
//   npm run bench:start [-- --zips DIR] [--rounds 3] [--no-bundles] [--no-wine]
//
// 1. The checkout: `--help`, `--version` and `run --help` (median of 10 each; heavy modules must load lazily).
// 2. With the bundles (built from this checkout into a temporary folder with bundle/build.mjs, or the zips in --zips
//    DIR): `--help` and `--version` (median of 5) through the launcher of the Linux bundle and, under Wine, of the
//    win32 bundle; then, per round, a run at scale 0.02 (one generated input) from the checkout, the Linux bundle and
//    the win32 bundle under Wine, one after the other: wall time, and the render stage from manifest.json. Medians over
//    the rounds, and the render stage under Wine against the Linux checkout's.
// Wine: `wine` on PATH, WINEPREFIX set to a prefix that reports Windows 10 (`wine winecfg /v win10`); WINEDEBUG=-all.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const bin = join(ROOT, 'bin', 'multigebruik.js');
const { values: opts } = parseArgs({
  options: {
    zips: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'no-bundles': { type: 'boolean', default: false },
    'no-wine': { type: 'boolean', default: false },
  },
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function timed(cmd, args, options = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
  return ms;
}

// 1. the checkout
for (const args of [['--help'], ['--version'], ['run', '--help']]) {
  const ms = [];
  for (let i = 0; i < 10; i++) ms.push(timed(process.execPath, [bin, ...args]));
  ms.sort((a, b) => a - b);
  console.log(
    `checkout multigebruik ${args.join(' ')}: median ${Math.round(median(ms))} ms (min ${Math.round(ms[0])}, max ${Math.round(ms[9])})`,
  );
}
if (opts['no-bundles']) process.exit(0);

// 2. the bundles
const work = mkdtempSync(join(tmpdir(), 'mg-bench-start-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const wineEnv = { ...process.env, WINEDEBUG: '-all', LANG: 'C.UTF-8' };
const haveWine = !opts['no-wine'] && spawnSync('wine', ['--version'], { env: wineEnv }).status === 0;
if (!opts['no-wine'] && !haveWine) console.log('(no wine on PATH: the win32 bundle is left out)');

function bundleFolder(platform) {
  const name = `multigebruik-${version}-${platform}`;
  let zip = opts.zips ? join(opts.zips, `${name}.zip`) : undefined;
  if (!zip) {
    const out = join(work, 'dist');
    timed(process.execPath, [join(ROOT, 'bundle', 'build.mjs'), '--platform', platform, '--out', out, '--no-compile'], {
      stdio: 'ignore',
    });
    zip = join(out, `${name}.zip`);
  }
  if (!existsSync(zip)) throw new Error(`${zip} does not exist`);
  const dest = join(work, `unpacked ${platform}`);
  timed('unzip', ['-q', zip, '-d', dest]);
  const folder = join(dest, readdirSync(dest)[0]);
  const count = (d) =>
    readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(d, e.name)) : 1), 0);
  console.log(
    `${platform} bundle: ${zip.startsWith(work) ? 'built from this checkout' : zip}, ${count(folder)} files unpacked`,
  );
  return folder;
}

const linux = bundleFolder('linux-x64');
const win = haveWine ? bundleFolder('win32-x64') : undefined;

/** One command through a launcher; under Wine stdout/stderr go to a file (Node under Wine cannot write to a pipe). */
const runners = {
  checkout: (args) => timed(process.execPath, [bin, ...args], { env: { ...process.env, CI: 'true' } }),
  'linux bundle': (args) => timed(join(linux, 'multigebruik'), args, { env: { ...process.env, CI: 'true' } }),
  ...(win && {
    'win32 bundle (Wine)': (args) => {
      const fd = openSync(join(work, 'wine-output.txt'), 'w');
      try {
        return timed('wine', ['cmd', '/c', 'multigebruik.cmd', ...args], {
          cwd: win,
          env: { ...wineEnv, CI: 'true' },
          stdio: ['ignore', fd, fd],
        });
      } finally {
        closeSync(fd);
      }
    },
  }),
};
/** SHA-256 of every file of export/ and internal/, by relative path. */
function hashes(out) {
  const h = {};
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)))
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else
        h[`${rel}${e.name}`] = createHash('sha256')
          .update(readFileSync(join(d, e.name)))
          .digest('hex');
  };
  for (const dir of ['export', 'internal']) walk(join(out, dir), `${dir}/`);
  return h;
}
const winePath = (p) => `Z:${p.replaceAll('/', '\\')}`;
const pathFor = (who, p) => (who.includes('Wine') ? winePath(p) : p);

if (win) runners['win32 bundle (Wine)'](['--version']); // start wineserver: not counted
for (const [who, run] of Object.entries(runners)) {
  if (who === 'checkout') continue;
  for (const args of [['--help'], ['--version']]) {
    const ms = [];
    for (let i = 0; i < 5; i++) ms.push(run(args));
    console.log(
      `${who} ${args.join(' ')}: median ${fmt(median(ms))} (min ${fmt(Math.min(...ms))}, max ${fmt(Math.max(...ms))})`,
    );
  }
}

const input = join(work, 'input');
runners.checkout(['generate', '--scale', '0.02', '--out', input]);
const rounds = Number(opts.rounds);
const results = Object.fromEntries(Object.keys(runners).map((w) => [w, { wall: [], render: [] }]));
for (let round = 0; round < rounds; round++)
  for (const [who, run] of Object.entries(runners)) {
    const out = join(work, `out-${round}-${who.replace(/\W+/g, '-')}`);
    results[who].wall.push(run(['run', '--input', pathFor(who, input), '--out', pathFor(who, out)]));
    results[who].render.push(
      JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).summary.timing.stageMs.render,
    );
    if (round === 0) results[who].hashes = hashes(out);
    rmSync(out, { recursive: true, force: true });
  }
console.log(`run at scale 0.02, median of ${rounds} round(s), one after the other per round:`);
for (const [who, r] of Object.entries(results))
  console.log(
    `  ${who.padEnd(20)} run ${fmt(median(r.wall)).padStart(7)}   render stage ${fmt(median(r.render)).padStart(7)}   (render per round: ${r.render.map(fmt).join(', ')})`,
  );
const [first, ...others] = Object.entries(results);
for (const [who, r] of others) {
  const same = JSON.stringify(r.hashes) === JSON.stringify(first[1].hashes);
  console.log(
    `export/ and internal/ of the ${who} run ${same ? 'identical to' : 'DIFFER from'} the ${first[0]}'s (${Object.keys(r.hashes).length} files)`,
  );
}
if (win) {
  const ratio = median(results['win32 bundle (Wine)'].render) / median(results.checkout.render);
  console.log(`render stage, win32 bundle under Wine / Linux checkout: ${ratio.toFixed(2)}x`);
}
