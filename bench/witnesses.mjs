// The certificate's witness search (disclosure/certificate.ts, docs/certificate.md) on a finished single-release run,
// side by side, without running the protection again: per side whether a whole-number witness was found and how
// (known moves, or a search), and the time; then a summary. Reads OUT/internal/atoms.json and suppression-audit.json;
// HiGHS single-threaded.
//
//   npm run build && node bench/witnesses.mjs OUT [--sides N] [--skip K]
//
// `run --certificate` does the same search (plus a further suppression where it proves a side has none); this bench
// lets the search be measured on any run, e.g. one made without --certificate.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (rel) => import(pathToFileURL(join(root, 'build', rel)).href);

function parseArgs(argv) {
  const o = { out: null, sides: Infinity, skip: 0 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sides' || k === '--skip') o[k.slice(2)] = Number(argv[++i]);
    else if (!k.startsWith('--') && o.out === null) o.out = k;
    else throw new Error(`unknown argument ${k}`);
  }
  if (o.out === null) throw new Error('usage: node bench/witnesses.mjs OUT [--sides N] [--skip K]');
  return o;
}

const o = parseArgs(process.argv.slice(2));
const { ruleParameters } = await load('audit/parameters.js');
const { attackerAtoms } = await load('disclosure/personPairing.js');
const { buildAttackerModel } = await load('disclosure/attackerModel.js');
const { loadSolver } = await load('disclosure/loadSolver.js');
const { protectionLevel } = await load('disclosure/protectionRule.js');
const { findWitness } = await load('disclosure/witnesses.js');
const { fromKnownMoves } = await load('disclosure/certificate.js');

const readJson = (rel) => JSON.parse(readFileSync(join(o.out, rel), 'utf8'));
const { params, declarations } = ruleParameters(o.out);
const atoms = readJson('internal/atoms.json').atoms;
const model = buildAttackerModel(attackerAtoms(atoms, declarations, params.zeroUnsafe, []), declarations);
const audit = readJson('internal/suppression-audit.json');
const keyOf = (c) => `${c.table}\t${c.row}\t${c.column}`;
const index = new Map(model.cells.map((c, k) => [keyOf(c), k]));
const suppressed = model.canonical.map(() => false);
const sides = [];
const seen = new Set();
for (const c of audit.cells) {
  const row = model.cellCanonical[index.get(keyOf(c))];
  suppressed[row] = true;
  if (c.kind !== 'primary' || seen.has(row)) continue;
  seen.add(row);
  const v = model.canonical[row].value;
  const p = protectionLevel(v, params);
  const [lo, hi] = c.needs ?? [Math.max(0, v - p), v + p];
  sides.push({ row, sense: 'lo', bound: lo }, { row, sense: 'hi', bound: hi });
}

const highs = await loadSolver();
const problem = {
  truth: model.variables.map((v) => v.n),
  rows: model.canonical.map((c) => ({ vars: c.vars, value: c.value })),
  published: suppressed.map((s) => !s),
};
const pool = [];
let found = 0;
let known = 0;
const list = sides.slice(o.skip, o.skip + o.sides);
const t0 = performance.now();
for (const side of list) {
  const t = performance.now();
  let w = fromKnownMoves(problem, side, pool);
  const how = w ? 'known moves' : 'search';
  if (w) known++;
  else {
    w = findWitness(highs, problem, side);
    if (w) pool.push(w);
  }
  if (w) found++;
  const v = model.canonical[side.row].value;
  console.log(
    `${side.sense} v=${v} bound=${side.bound}: ${w ? `witness changing ${w.size} variable(s) (${how})` : 'no witness'} ${Math.round(performance.now() - t)} ms`,
  );
}
const s = (performance.now() - t0) / 1000;
console.log(
  `${list.length} of ${sides.length} sides, ${problem.truth.length} variables: ${found} witnessed (${known} from known moves), ${list.length - found} without; ${s.toFixed(1)} s, ${((1000 * s) / list.length).toFixed(0)} ms per side`,
);
