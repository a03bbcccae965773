import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRun } from '../../audit/auditRun.js';
import { loadSolver } from '../../disclosure/loadSolver.js';
import type { Atom } from '../../model/atom.js';
import { BASE_SETS } from '../../model/personSets.js';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import type { ExportTables } from '../../schemas/tablesJson.js';
import { cli } from '../support/cli.js';
import { chainUnprotectedPrimaries, smallDifferences, unprotectedPrimaries } from '../support/jointAttacker.js';

/**
 * `run --previous` through the CLI on generated data (about 3,000 persons): 2017-2021, then 2017-2022 with and
 * without the earlier export; a corrected snapshot of 2017-2022 with a few persons removed.
 */

let root: string;
let input: string;
const P21 = '2017-01-01..2021-12-31';

/**
 * What the rolling-window run hides for the earlier export (3k, seed 11): cells of sets whose records over
 * 2017–2021 all last into 2018–2022 (the categories from 2019; visueel in these data), nothing else.
 */
const ROLLING_FOR_PREVIOUS = ['3.3 ondersteuning_werkplek/overig_faciliterend', '4.1 visueel/total'];

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const release = (out: string) => ({
  atoms: readJson<{ atoms: Atom[] }>(join(out, 'internal', 'atoms.json')).atoms,
  exported: readJson<ExportTables>(join(out, 'export', 'tables.json')),
});
const suppressed = (e: ExportTables) =>
  Object.values(e.tables).reduce((s, t) => s + t.cells.flat().filter((c) => c === '**').length, 0);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-previous-'));
  input = join(root, 'input');
  expect(cli(['generate', '--out', input, '--scale', '0.02', '--seed', '11']).code).toBe(0);
  for (const [out, extra] of [
    ['old', ['--period', P21]],
    ['new', ['--previous', join(root, 'old')]],
    ['alone', []],
  ] as const) {
    const r = cli(['run', '--input', input, '--out', join(root, out), ...extra]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** CSV rows (no quoting in generated files). */
const rowsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split(','));

/**
 * A corrected copy of the input without `n` persons who use only Pwet provisions of the tables' categories
 * (no LKS, no UWV, no Wmo) during 2017-2022: only |work| and |pwet| among the grand totals change, by n.
 */
function correctedInput(n: number): string {
  const dir = join(root, `input-minus-${n}`);
  mkdirSync(dir);
  const files = readdirSync(input);
  const srg = files.find((f) => f.startsWith('PWETSRG'))!;
  const others = new Set<string>();
  for (const f of files.filter((x) => x.startsWith('UWV') || x.startsWith('WMO')))
    for (const r of rowsOf(join(input, f)).slice(1)) others.add(r[1]!);
  const srgRows = rowsOf(join(input, srg));
  const plain = new Set(['30', '31', '59', '57', '69', '12', '13', '14', '19']);
  const byPerson = new Map<string, string[][]>();
  for (const r of srgRows.slice(1)) byPerson.set(r[1]!, [...(byPerson.get(r[1]!) ?? []), r]);
  const chosen: string[] = [];
  for (const [p, rs] of byPerson) {
    if (chosen.length === n) break;
    if (others.has(p) || !rs.every((r) => plain.has(r[2]!))) continue;
    if (rs.some((r) => r[3]! <= '20221231' && (r[4] === '' || r[4]! >= '20170101'))) chosen.push(p);
  }
  expect(chosen).toHaveLength(n);
  const gone = new Set(chosen);
  for (const f of files) {
    if (f === srg)
      writeFileSync(
        join(dir, f),
        `${srgRows
          .filter((r, k) => k === 0 || !gone.has(r[1]!))
          .map((r) => r.join(','))
          .join('\n')}\n`,
      );
    else cpSync(join(input, f), join(dir, f));
  }
  return dir;
}

describe('run --previous (CLI, about 3,000 persons)', () => {
  it('2017-2021 then 2017-2022: with --previous (a) and (b) hold; without, the pair fails', async () => {
    const old = release(join(root, 'old'));
    const now = release(join(root, 'new'));
    const alone = release(join(root, 'alone'));
    const persons = now.atoms.reduce((s, a) => s + a.n, 0);
    expect(persons).toBeGreaterThan(2500);
    expect(persons).toBeLessThan(4000);
    expect(smallDifferences(old.exported, now.exported)).toEqual([]);
    const highs = await loadSolver();
    expect(unprotectedPrimaries(highs, TABLE_DECLARATIONS, old, now, { kind: 'nested' })).toEqual([]);
    const a = smallDifferences(old.exported, alone.exported);
    const b = a.length > 0 ? [] : unprotectedPrimaries(highs, TABLE_DECLARATIONS, old, alone, { kind: 'nested' });
    expect(a.length + b.length).toBeGreaterThan(0);
    console.log(
      `3k (seed 11): ${a.length} cells differ by 1..9 without --previous; suppressed ${suppressed(alone.exported)} alone, ${suppressed(now.exported)} with --previous (+${suppressed(now.exported) - suppressed(alone.exported)})`,
    );
  });

  it('records the earlier export in manifest.json and suppression-audit.json, and says so', () => {
    const manifest = readJson<{ previous: unknown[] }>(join(root, 'new', 'manifest.json'));
    expect(manifest.previous).toEqual([
      {
        dir: join(root, 'old'),
        period: { start: '2017-01-01', end: '2021-12-31' },
        tablesSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(readJson<{ previous: unknown[] }>(join(root, 'alone', 'manifest.json')).previous).toEqual([]);
    const audit = readJson<{ previous: unknown[]; cells: { reason?: string }[] }>(
      join(root, 'new', 'internal', 'suppression-audit.json'),
    );
    expect(audit.previous).toEqual(manifest.previous);
    expect(audit.cells.filter((c) => c.reason === `differencing with ${join(root, 'old')}`).length).toBeGreaterThan(0);
  });

  it("audit.html gives the audit's verdict, names the earlier export and judges each differencing cell by its own need", async () => {
    const out = join(root, 'new');
    const page = readFileSync(join(out, 'internal', 'audit.html'), 'utf8');
    const verdict = (await auditRun(out)).ok;
    expect(verdict).toBe(true);
    expect(page).toContain('Oordeel over de hele run: alle ');
    expect(page).not.toMatch(/VOLDOE[NT]? NIET/);
    expect(page).toContain(`${join(root, 'old')}: periode 2017-01-01 t/m 2021-12-31, tables.json SHA-256 `);
    const audit = readJson<{ cells: { why?: string; value: number; needs?: [number, number]; kind: string }[] }>(
      join(out, 'internal', 'suppression-audit.json'),
    );
    const diff = audit.cells.filter((c) => c.why === 'differencing' && c.kind === 'primary');
    expect(diff.length).toBeGreaterThan(0);
    for (const c of diff) {
      expect(c.needs).toBeDefined();
      expect(page).toContain(`vereist [${c.needs![0]}, ${c.needs![1]}]`);
    }
    expect(page).toContain(`verschilt `);
  });

  it('audit passes, and fails once the earlier export named in the manifest is altered', async () => {
    const ok = await auditRun(join(root, 'new'));
    expect(ok.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(ok.ok).toBe(true);
    expect(
      ok.lines.some((l) =>
        /^joint attacker: \d+ suppressed cell\(s\) of this export and [1-9]\d* primary cell\(s\) of 1 earlier/.test(l),
      ),
    ).toBe(true);
    // the earlier atoms the run recomputed must give what the earlier export shows
    const atomsPath = join(root, 'new', 'internal', 'earlier-atoms-1.json');
    const atomsText = readFileSync(atomsPath, 'utf8');
    const atoms = JSON.parse(atomsText) as { atoms: { n: number }[] };
    atoms.atoms[atoms.atoms.length - 1]!.n += 1;
    writeFileSync(atomsPath, JSON.stringify(atoms));
    const r0 = await auditRun(join(root, 'new'));
    expect(r0.ok).toBe(false);
    expect(r0.lines.some((l) => l.startsWith('FAIL earlier exports:') && l.includes('does not reproduce'))).toBe(true);
    rmSync(atomsPath);
    const r1 = await auditRun(join(root, 'new'));
    expect(r1.ok).toBe(false);
    expect(
      r1.lines.some(
        (l) => l.startsWith('FAIL') && l.includes('earlier-atoms-1.json (its atoms, recomputed by the run) is missing'),
      ),
    ).toBe(true);
    writeFileSync(atomsPath, atomsText);
    const copy = join(root, 'old-copy');
    cpSync(join(root, 'old'), copy, { recursive: true });
    const path = join(root, 'old', 'export', 'tables.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"**"', '"**" '));
    const r = await auditRun(join(root, 'new'));
    expect(r.ok).toBe(false);
    expect(
      r.lines.some(
        (l) => l.startsWith('FAIL') && l.includes('export/tables.json is not the one this run was protected with'),
      ),
    ).toBe(true);
    rmSync(join(root, 'old'), { recursive: true });
    // moved: the audit says how to point at it, and --previous-at does, still checking the SHA-256 (the copy is intact)
    const moved = await auditRun(join(root, 'new'));
    expect(moved.ok).toBe(false);
    expect(moved.lines).toContain(
      `FAIL earlier export ${join(root, 'old')}: cannot read its export/tables.json and manifest.json; if it has moved, say where with --previous-at "${join(root, 'old')}=NEW_FOLDER" (it is still checked by its SHA-256)`,
    );
    const there = await auditRun(join(root, 'new'), { previousAt: new Map([[join(root, 'old'), copy]]) });
    expect(there.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(
      there.lines.some(
        (l) => l.startsWith(`earlier export ${join(root, 'old')} (now at ${copy}):`) && l.endsWith('SHA-256 checked'),
      ),
    ).toBe(true);
    cpSync(copy, join(root, 'old'), { recursive: true });
  });

  it('a corrected snapshot with 3 persons removed and --previous stops with exit 1 and says why', () => {
    const out = join(root, 'corrected-3');
    const r = cli(['run', '--input', correctedInput(3), '--out', out, '--previous', join(root, 'alone')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(root, 'alone'));
    expect(r.stderr).toMatch(/only 3 person\(s\)/);
    expect(r.stderr).toContain('withdraw or replace');
    expect(readdirSync(root)).not.toContain('corrected-3');
  });

  it('a corrected snapshot with 12 persons removed and --previous runs, and (a) and (b) hold against a 12-person attacker', async () => {
    const out = join(root, 'corrected-12');
    const r = cli(['run', '--input', correctedInput(12), '--out', out, '--previous', join(root, 'alone')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const before = release(join(root, 'alone'));
    const after = release(out);
    expect(before.atoms.reduce((s, a) => s + a.n, 0) - after.atoms.reduce((s, a) => s + a.n, 0)).toBe(12);
    expect(smallDifferences(before.exported, after.exported)).toEqual([]);
    expect(
      unprotectedPrimaries(await loadSolver(), TABLE_DECLARATIONS, before, after, { kind: 'changed', k: 12 }),
    ).toEqual([]);
  });

  it('chain of three 2017-2020 -> 2017-2021 -> 2017-2022 (each with --previous of all before): 0 under-protected, background cells linked', async () => {
    const p20 = join(root, 'chain-2020');
    const p21 = join(root, 'chain-2021');
    const p22 = join(root, 'chain-2022');
    for (const [out, extra] of [
      [p20, ['--period', '2017-01-01..2020-12-31']],
      [p21, ['--period', P21, '--previous', p20]],
      [p22, ['--previous', p20, '--previous', p21]],
    ] as const) {
      const r = cli(['run', '--input', input, '--out', out, ...extra]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const highs = await loadSolver();
    const chain = [release(p20), release(p21), release(p22)];
    const pairs = [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const;
    for (const [a, b] of pairs) expect(smallDifferences(chain[a]!.exported, chain[b]!.exported)).toEqual([]);
    // ONE attacker holding all three exports, every pair linked (not each pair apart)
    const links = pairs.map(([earlier, later]) => ({
      earlier,
      later,
      link: { kind: 'nested', classes: true } as const,
    }));
    const found = chainUnprotectedPrimaries(highs, TABLE_DECLARATIONS, chain, links);
    console.log(
      `CLI chain of three (3k, seed 11): ${found.length} primary count(s) under-protected against the attacker holding all three; suppressed ${chain.map((r) => suppressed(r.exported)).join(', ')}`,
    );
    expect(found).toEqual([]);
    const r = await auditRun(p22);
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
  });

  it('rolling windows 2017-2021 then 2018-2022: the differencing rule only for cells that category breaks nest, at most 10 % more hidden than alone, audit passes', async () => {
    const P = '2018-01-01..2022-12-31';
    for (const [out, extra] of [
      ['rolling-alone', []],
      ['rolling', ['--previous', join(root, 'old')]],
    ] as const) {
      const r = cli(['run', '--input', input, '--out', join(root, out), '--period', P, ...extra]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const alone = release(join(root, 'rolling-alone'));
    const joint = release(join(root, 'rolling'));
    console.log(
      `3k (seed 11) rolling windows: suppressed ${suppressed(alone.exported)} alone, ${suppressed(joint.exported)} with --previous`,
    );
    expect(suppressed(joint.exported)).toBeLessThanOrEqual(Math.floor(suppressed(alone.exported) * 1.1));
    const audit = readJson<{
      cells: { table: string; row: string; column: string; forPrevious?: boolean; earlier?: { kind: string }[] }[];
    }>(join(root, 'rolling', 'internal', 'suppression-audit.json'));
    // hidden for the earlier export only where a category break nests the cell across the windows
    const forPrevious = audit.cells.filter((c) => c.forPrevious).map((c) => `${c.table} ${c.row}/${c.column}`);
    console.log(`rolling windows: hidden for the earlier export: ${forPrevious.join('; ')}`);
    expect(forPrevious).toEqual(ROLLING_FOR_PREVIOUS);
    // shown in both and differing by 1..9: allowed where the difference counts no group (docs/disclosure.md)
    expect(smallDifferences(release(join(root, 'old')).exported, joint.exported).length).toBeGreaterThan(0);
    // the category breaks the run found in the input (a category that ends in 2018, categories from 2019)
    const { nesting } = readJson<{ nesting: { period: { newInside: number; earlierInside: number } } }>(
      join(root, 'rolling', 'internal', 'earlier-atoms-1.json'),
    );
    const sets = (mask: number) => BASE_SETS.filter((_, b) => (mask & (1 << b)) !== 0);
    expect(sets(nesting.period.newInside)).toContain('pwet.begeleiding_jobcoach');
    expect(sets(nesting.period.newInside)).not.toContain('pwet.vervoer');
    expect(sets(nesting.period.earlierInside)).toContain('pwet.ondersteuning_werkplek');
    const link = {
      kind: 'windows',
      laterInside: sets(nesting.period.newInside),
      earlierInside: sets(nesting.period.earlierInside),
    } as const;
    expect(
      unprotectedPrimaries(await loadSolver(), TABLE_DECLARATIONS, release(join(root, 'old')), joint, link),
    ).toEqual([]);
    const r = await auditRun(join(root, 'rolling'));
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reads the config list `previous` too: a folder that is not an earlier export is bad input (exit 1), named', () => {
    const config = join(root, 'previous-config.json');
    writeFileSync(config, JSON.stringify({ previous: [join(root, 'no-such-export')] }));
    const r = cli(['run', '--input', input, '--out', join(root, 'from-config'), '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(root, 'no-such-export'));
    expect(r.stderr).toContain('(--previous) does not exist');
    // a folder that exists but is not an export is named with the file it lacks
    mkdirSync(join(root, 'not-an-export'), { recursive: true });
    writeFileSync(config, JSON.stringify({ previous: [join(root, 'not-an-export')] }));
    const r2 = cli(['run', '--input', input, '--out', join(root, 'from-config'), '--config', config]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('export/tables.json');
  });
});
