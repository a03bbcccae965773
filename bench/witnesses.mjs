// Witness search for a protection certificate (issue 26; docs/disclosure.md "Not yet: a certificate"): for each side
// of each primary of a finished single-release run, look for a whole-number population that reproduces every shown
// number and puts the cell at its bound. Measures, does not build a certificate.
//
//   npm run build && node bench/witnesses.mjs OUT [--sides 30] [--limit 2] [--full 0]
//
// Per side: (1) the LP of the smallest fractional move (min Σ(d⁺ + d⁻)) gives a support S; (2) a MIP over S only (the
// other variables at their true counts, --limit seconds, first solution); (3) when none, S grows by every variable
// that shares a suppressed cell with S, up to four rounds; (4) with --full N, a side still without a witness goes to
// the MIP over all variables (N seconds). Prints one line per side and a summary. Reads OUT/internal/atoms.json and
// suppression-audit.json; HiGHS single-threaded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (rel) => import(pathToFileURL(join(root, 'build', rel)).href);

function parseArgs(argv) {
  const o = { out: null, sides: 30, limit: 2, full: 0 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sides' || k === '--limit' || k === '--full') o[k.slice(2)] = Number(argv[++i]);
    else if (!k.startsWith('--') && o.out === null) o.out = k;
    else throw new Error(`unknown argument ${k}`);
  }
  if (o.out === null) throw new Error('usage: node bench/witnesses.mjs OUT [--sides N] [--limit S] [--full S]');
  return o;
}

const o = parseArgs(process.argv.slice(2));
const { ruleParameters } = await load('audit/parameters.js');
const { attackerAtoms } = await load('disclosure/personPairing.js');
const { buildAttackerModel } = await load('disclosure/attackerModel.js');
const { loadSolver } = await load('disclosure/loadSolver.js');
const { protectionLevel } = await load('disclosure/protectionRule.js');

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
  const can = model.cellCanonical[index.get(keyOf(c))];
  suppressed[can] = true;
  if (c.kind !== 'primary' || seen.has(can)) continue;
  seen.add(can);
  const v = model.canonical[can].value;
  const p = protectionLevel(v, params);
  const [lo, hi] = c.needs ?? [Math.max(0, v - p), v + p];
  sides.push({ can, sense: 'lo', bound: lo, v }, { can, sense: 'hi', bound: hi, v });
}

const highs = await loadSolver();
const inf = highs.infinity;
const n = model.variables.length;
const truth = model.variables.map((x) => x.n);
const shown = model.canonical.filter((c) => !suppressed[c.id]);
const hidden = model.canonical.filter((c) => suppressed[c.id]);
const hiddenOf = Array.from({ length: n }, () => []);
hidden.forEach((r, k) => r.vars.forEach((v) => hiddenOf[v].push(k)));

/** min Σ(d⁺ + d⁻) over the variables `free` (others fixed at their true counts); integer or LP. */
function smallestMove(side, free, integer, seconds) {
  const vars = [...free];
  const col = new Map(vars.map((v, k) => [v, k]));
  const m = vars.length;
  const starts = [0];
  const indices = [];
  const values = [];
  const lower = [];
  const upper = [];
  const target = model.canonical[side.can];
  for (const r of [...shown, target]) {
    for (const v of r.vars) {
      const k = col.get(v);
      if (k === undefined) continue;
      indices.push(k, m + k);
      values.push(1, -1);
    }
    starts.push(indices.length);
    const move = side.bound - side.v;
    lower.push(r !== target ? 0 : side.sense === 'lo' ? -inf : move);
    upper.push(r !== target ? 0 : side.sense === 'lo' ? move : inf);
  }
  const lp = highs.createModel({
    numCols: 2 * m,
    numRows: lower.length,
    colCost: new Float64Array(2 * m).fill(1),
    colLower: new Float64Array(2 * m),
    colUpper: Float64Array.from([...vars.map(() => inf), ...vars.map((v) => truth[v])]),
    rowLower: lower,
    rowUpper: upper,
    matrix: {
      format: 'csr',
      numRows: lower.length,
      numCols: 2 * m,
      starts: new Int32Array(starts),
      indices: new Int32Array(indices),
      values: new Float64Array(values),
    },
    ...(integer ? { integrality: new Int32Array(2 * m).fill(1) } : {}),
  });
  lp.options.set({ output_flag: false, time_limit: seconds, ...(integer ? { mip_max_improving_sols: 1 } : {}) });
  lp.run();
  let move = null;
  try {
    const x = lp.getSolution().colValue;
    move = new Map(vars.map((v, k) => [v, x[k] - x[m + k]]));
  } catch {
    // no solution within the limit
  }
  lp.dispose();
  return move;
}

/** Is truth + move (rounded) a witness: whole numbers ≥ 0, every shown number kept, the cell at its bound? */
function isWitness(side, move) {
  if (!move) return false;
  const w = truth.slice();
  for (const [v, d] of move) w[v] += Math.round(d);
  if (w.some((x) => x < 0)) return false;
  const sum = (r) => r.vars.reduce((a, v) => a + w[v], 0);
  if (!shown.every((r) => sum(r) === r.value)) return false;
  const c = sum(model.canonical[side.can]);
  return side.sense === 'lo' ? c <= side.bound : c >= side.bound;
}

const all = new Set(truth.map((_, v) => v));
let found = 0;
let foundFull = 0;
let totalMs = 0;
const list = sides.slice(0, o.sides);
for (const side of list) {
  const t0 = performance.now();
  const lp = smallestMove(side, all, false, 10);
  let free = new Set([...(lp ?? new Map()).entries()].filter(([, d]) => Math.abs(d) > 1e-9).map(([v]) => v));
  const sizes = [];
  let moved = -1;
  for (let round = 0; round < 4 && moved < 0; round++) {
    sizes.push(free.size);
    const move = smallestMove(side, free, true, o.limit);
    if (isWitness(side, move)) {
      moved = [...move.values()].filter((d) => Math.round(d) !== 0).length;
      break;
    }
    const next = new Set(free);
    for (const v of free) for (const k of hiddenOf[v]) for (const u of hidden[k].vars) next.add(u);
    if (next.size === free.size) break;
    free = next;
  }
  let how = moved >= 0 ? `neighbourhood ${sizes.join('>')}` : `none in ${sizes.join('>')}`;
  if (moved >= 0) found++;
  else if (o.full > 0) {
    const move = smallestMove(side, all, true, o.full);
    if (isWitness(side, move)) {
      foundFull++;
      moved = [...move.values()].filter((d) => Math.round(d) !== 0).length;
      how += ', full MIP';
    } else how += ', none by the full MIP';
  }
  const ms = performance.now() - t0;
  totalMs += ms;
  console.log(
    `${side.sense} v=${side.v} bound=${side.bound}: ${moved >= 0 ? `witness moving ${moved}` : 'no witness'} (${how}) ${Math.round(ms)} ms`,
  );
}
console.log(
  `${list.length} of ${sides.length} sides, ${n} variables, ${shown.length} shown cells: ${found} by the neighbourhood, ${foundFull} by the full MIP, ${list.length - found - foundFull} without; ${Math.round(totalMs / list.length)} ms per side`,
);
