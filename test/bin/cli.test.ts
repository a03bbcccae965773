import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { ConfigSchema } from '../../schemas/config.js';
import { DEFAULT_SCALE } from '../../synthetic/generateSynthetic.js';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';

const outDir = () => join(mkdtempSync(join(tmpdir(), 'mg-cli-')), 'out');

describe('run summary', () => {
  it('prints period, tables, cells, audit, quarantine and where to look, and records the same in manifest.json', () => {
    const out = outDir();
    const r = cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const s = manifest.summary;
    expect(s.period).toEqual({ start: '2017-01-01', end: '2022-12-31' });
    expect(s.tables).toBe(28);
    expect(s.cells.total).toBe(422);
    expect(s.cells.published + s.cells.primary + s.cells.secondary).toBe(422);
    expect(s.cells.primary).toBeGreaterThan(0);
    expect(s.audit).toBe('passed');
    expect(s.quarantinedRows).toBe(0);
    expect(s.timing.totalMs).toBeGreaterThan(0);
    expect(Object.keys(s.timing.stageMs)).toEqual(
      expect.arrayContaining(['validate', 'link', 'tabulate', 'protect', 'render']),
    );
    expect(s.nextSteps).toEqual([
      'export/report.html',
      'export/README.txt',
      'export/LEESMIJ.txt',
      'internal/audit.html',
    ]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(export/, internal/, manifest\\.json\\) in \\d+\\.\\d s\\.$`,
      ),
    );
    expect(lines.slice(1, 6)).toEqual([
      '  Period:      2017-01-01 to 2022-12-31 (6.0 years)',
      `  Tables:      28 tables and figures, 422 cells: ${s.cells.published} shown; suppressed (**): ${s.cells.primary} below the threshold (primary), ${s.cells.secondary} protecting another cell (secondary)`,
      '  Audit:       PASSED: every suppressed cell is protected (proof per cell in internal/audit.html)',
      '  Quarantine:  none (no input rows set aside)',
      'Look first at:',
    ]);
    expect(lines[6]).toMatch(/export\/report\.html\s+all tables and figures, in a browser$/);
    expect(lines[7]).toMatch(/export\/README\.txt\s+the note for the CBS output checker/);
    // the checker's note: period, sources with rows and hash prefixes, per-table counts, verdict
    const readme = readFileSync(join(out, 'export', 'README.txt'), 'utf8');
    const leesmij = readFileSync(join(out, 'export', 'LEESMIJ.txt'), 'utf8');
    expect(readme).toContain('Period: 2017-01-01 to 2022-12-31');
    for (const i of manifest.inputs as { file: string; sha256: string }[]) {
      expect(readme).toContain(i.file);
      expect(readme).toContain(i.sha256.slice(0, 12));
      expect(leesmij).toContain(i.sha256.slice(0, 12));
    }
    expect(readme).toMatch(
      new RegExp(`All tables\\s+${s.cells.published} /\\s+${s.cells.primary} /\\s+${s.cells.secondary}\\n`),
    );
    expect(leesmij).toMatch(
      new RegExp(`Alle tabellen\\s+${s.cells.published} /\\s+${s.cells.primary} /\\s+${s.cells.secondary}\\n`),
    );
    expect(readme).toContain('Audit: PASSED');
    expect(leesmij).toContain('Audit: GESLAAGD');
    // audit.html: an interval for every suppressed cell of the audit file
    const audit = JSON.parse(readFileSync(join(out, 'internal', 'suppression-audit.json'), 'utf8')) as {
      cells: { interval: [number, number | null] }[];
    };
    const html = readFileSync(join(out, 'internal', 'audit.html'), 'utf8');
    const listed = [...html.matchAll(/<li><b>\[[PS]\]<\/b> [^<]*bewezen interval \[(\d+), (\d+|∞)\]/g)];
    expect(listed).toHaveLength(audit.cells.length);
    expect(listed.map((m) => `${m[1]},${m[2]}`)).toEqual(
      expect.arrayContaining(audit.cells.map((c) => `${c.interval[0]},${c.interval[1] ?? '∞'}`)),
    );
  });
});

describe('demo', () => {
  it('in a pipe, prints a plain line per stage, then the run summary', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mg-demo-')), 'demo');
    const r = cli(['demo', '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`generate: synthetic input in ${join(out, 'input')}`);
    for (const stage of ['read…', 'link…', 'tabulate…', 'protect…', 'render…']) expect(lines, stage).toContain(stage);
    expect(lines.indexOf('render…')).toBeLessThan(lines.findIndex((l) => l.startsWith('Wrote ')));
    expect(r.stdout).toContain('  Audit:       PASSED');
    expect(r.stdout).not.toContain('\r');
    // "Look first at" once; the steps inside a stage indented under it, so the lines read in order
    expect(lines.filter((l) => l.startsWith('Look first at'))).toHaveLength(1);
    expect(lines.filter((l) => /^\s*read \S/.test(l)).every((l) => l.startsWith('  read '))).toBe(true);
    expect(lines.findIndex((l) => l.startsWith('  read '))).toBeGreaterThan(lines.indexOf('validate…'));
    expect(r.stdout).toMatch(/Check the protection again with: (npx )?multigebruik audit /);
    // every path the demo prints with the platform's separator (test/reports/runSummary.test.ts: win32 and posix)
    expect(lines).toContain(`Demo written to ${out}${sep}:`);
    expect(lines.some((l) => l.startsWith(`  ${join('output', 'export')}${sep}  `))).toBe(true);
    expect(r.stdout).toContain(`why each ** is there: ${join(out, 'output', 'internal', 'audit.html')}\n`);
  });
});

describe('command-line messages', () => {
  it('names a misspelled option with the one meant', () => {
    const r = cli(['run', '--imput', 'x', '--out', 'y']);
    expect([r.code, r.stderr]).toEqual([1, 'multigebruik: unknown option --imput; did you mean --input?\n']);
    const v = cli(['validate', '--inptu', 'x']);
    expect(v.stderr).toContain('did you mean --input?');
  });

  it('says which part of --period is wrong and how to write it', () => {
    const msg = (p: string) => cli(['run', '--input', 'x', '--out', 'y', '--period', p]);
    const swapped = msg('2021-31-12..2022-01-01');
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toContain(
      'the start date 2021-31-12 has month 31 (months are 01 to 12; is it written YYYY-DD-MM?)',
    );
    expect(msg('01-01-2017..31-12-2021').stderr).toContain(
      '01-01-2017 is day-month-year; write dates as YYYY-MM-DD (year first): 2017-01-01..2021-12-31',
    );
    expect(msg('2022-01-01..2017-12-31').stderr).toContain('the start 2022-01-01 is after the end 2017-12-31');
    expect(msg('2017-01-01..2021-02-30').stderr).toContain(
      'the end date 2021-02-30 has day 30, which month 02 does not have',
    );
    expect(msg('2017-01-01').stderr).toContain('write it as START..END with dates as YYYY-MM-DD');
    expect(msg('2017-1-1..2021-12-31').stderr).toContain('the start date 2017-1-1 is not written as YYYY-MM-DD');
  });

  it('compare needs --out', () => {
    const r = cli(['compare', 'a', 'b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "multigebruik: required option '--out <dir>' not specified. See multigebruik compare --help for what to give.\n",
    );
  });

  it('speaks for commander too: one voice, what to do next; a short option the command lacks names the long one', () => {
    expect(cli(['run', '-i', 'x', '-o', 'y'])).toMatchObject({
      code: 1,
      stderr: 'multigebruik: unknown option -i; did you mean --input?\n',
    });
    expect(cli(['run', '-x', 'a']).stderr).toBe(
      'multigebruik: unknown option -x; run knows --input, --out, --config, --period, --quarantine, --force, --allow-empty, --previous, --certificate (see multigebruik run --help)\n',
    );
    expect(cli(['frob'])).toMatchObject({
      code: 1,
      stderr: "multigebruik: unknown command 'frob'. See multigebruik --help for what to give.\n",
    });
    expect(cli(['run', '--input']).stderr).toBe(
      "multigebruik: option '--input <dir>' argument missing. See multigebruik run --help for what to give.\n",
    );
  });

  it('help marks required options, states the defaults from their one definition, and says what audit checks', () => {
    const run = cli(['run', '--help']).stdout.replace(/\s+/g, ' ');
    expect(run).toContain('--input <dir> (required) folder with the input files');
    expect(run).toContain('--out <dir> (required) output folder');
    const { start, end } = ConfigSchema.shape.period.parse(undefined);
    expect(run).toContain(`else ${start}..${end})`);
    expect(cli(['generate', '--help']).stdout.replace(/\s+/g, ' ')).toContain(
      `population scale (default ${DEFAULT_SCALE},`,
    );
    const audit = cli(['audit', '--help']).stdout.replace(/\s+/g, ' ');
    expect(audit).toContain('render every export file (CSV, XLSX, HTML, charts) again and compare it byte for byte');
    expect(audit).toContain('--previous-at <old=new>');
  });

  it('validate --config names the period and the tables the config declares', () => {
    const config = join(import.meta.dirname, '..', '..', 'examples', 'pwet-wmo-by-gender.json');
    const r = cli([
      'validate',
      '--input',
      writeFolder(GOLDEN_FILES),
      '--config',
      config,
      '--period',
      '2018-01-01..2021-12-31',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/: all sources valid\.$/);
    expect(lines.slice(1, 3)).toEqual([
      '  period: 2018-01-01 to 2021-12-31',
      '  tables: 29, of which from the config: FX1',
    ]);
  });

  it('audit of a folder that holds a run (demo-out) names the run inside it; --previous with a missing folder says it does not exist', () => {
    const demo = mkdtempSync(join(tmpdir(), 'mg-demo-out-'));
    mkdirSync(join(demo, 'output', 'export'), { recursive: true });
    writeFileSync(join(demo, 'output', 'manifest.json'), '{}');
    expect(cli(['audit', demo])).toMatchObject({
      code: 1,
      stderr: `multigebruik: ${demo} is not the output folder of a run (it has no manifest.json); did you mean ${join(demo, 'output')}?\n`,
    });
    const missing = join(demo, 'uitvoer-2021');
    const r = cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', outDir(), '--previous', missing]);
    expect(r).toMatchObject({
      code: 1,
      stderr: `multigebruik: Earlier export ${missing} (--previous) does not exist; give the output folder of the earlier run (the folder its run --out wrote).\n`,
    });
  });
});
