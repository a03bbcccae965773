import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const snapshot = (out: string) =>
  Object.fromEntries(
    ['export', 'internal'].flatMap((d) =>
      filesUnder(join(out, d)).map((f) => [relative(out, f), readFileSync(f).toString('base64')]),
    ),
  );

/** Reverse the data rows of every CSV (header kept): the order of input rows must not matter. */
function shuffled(files: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const [header, ...rows] = text.trimEnd().split('\n');
      return [name, `${[header, ...rows.reverse()].join('\n')}\n`];
    }),
  );
}

describe('deterministic, private output', () => {
  it('two runs and a run on shuffled rows give byte-identical export/ and internal/', () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-det-'));
    const outs = [join(base, 'a'), join(base, 'b'), join(base, 'c')];
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', outs[0]!]).code).toBe(0);
    expect(cli(['run', '--input', writeFolder(GOLDEN_FILES), '--out', outs[1]!]).code).toBe(0);
    expect(cli(['run', '--input', writeFolder(shuffled(GOLDEN_FILES)), '--out', outs[2]!]).code).toBe(0);
    const a = snapshot(outs[0]!);
    expect(Object.keys(a).length).toBeGreaterThan(2);
    expect(snapshot(outs[1]!)).toEqual(a);
    // The shuffled input is other bytes: the checker's note (README, LEESMIJ, the xlsx summary sheet) names the
    // inputs by SHA-256, so those differ in the hash prefixes only; everything else is the same bytes.
    // SHA256SUMS and audit.html state the notes' SHA-256, so they differ in those lines only.
    const noted = [
      'export/README.txt',
      'export/LEESMIJ.txt',
      'export/tables.xlsx',
      'export/SHA256SUMS',
      'internal/audit.html',
    ].map((f) => f.split('/').join(sep));
    const c = snapshot(outs[2]!);
    const without = (x: Record<string, string>) =>
      Object.fromEntries(Object.entries(x).filter(([k]) => !noted.includes(k)));
    expect(without(c)).toEqual(without(a));
    const masked = (out: string, f: string) => readFileSync(join(out, f), 'utf8').replace(/\b[0-9a-f]{12}\b/g, 'HASH');
    for (const f of ['README.txt', 'LEESMIJ.txt'])
      expect(masked(outs[2]!, join('export', f))).toBe(masked(outs[0]!, join('export', f)));
    const notesMasked = (out: string, f: string) =>
      readFileSync(join(out, f), 'utf8').replace(
        /\b[0-9a-f]{64}(  (README\.txt|LEESMIJ\.txt|tables\.xlsx|SHA256SUMS))/g,
        'HASH$1',
      );
    for (const f of [join('export', 'SHA256SUMS'), join('internal', 'audit.html')])
      expect(notesMasked(outs[2]!, f)).toBe(notesMasked(outs[0]!, f));
    expect(readFileSync(join(outs[2]!, 'export', 'README.txt'), 'utf8')).not.toBe(
      readFileSync(join(outs[0]!, 'export', 'README.txt'), 'utf8'),
    );
    // no RINPERSOON anywhere in the output (the fixture's keys are 9-digit strings)
    for (const f of filesUnder(outs[0]!)) {
      const text = readFileSync(f).toString('latin1');
      expect([f, /\b0000000\d\d\b/.test(text)]).toEqual([f, false]);
    }
    const manifest = JSON.parse(readFileSync(join(outs[0]!, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { file: string }) => i.file)).toContain('PWETSRGVOORZIENINGTAB.csv');
    expect(manifest.inputs.find((i: { file: string }) => i.file === 'PWETSRGVOORZIENINGTAB.csv').rows).toBe(7);
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.stageMs)).toEqual(
      expect.arrayContaining(['validate', 'link', 'tabulate', 'protect', 'render']),
    );
  });
});
