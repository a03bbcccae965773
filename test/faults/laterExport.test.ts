import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFolder, laterExports } from '../../bin/outputFolder.js';
import { InputError } from '../../core/errors.js';
import { messages } from '../../core/messages.js';
import { cli } from '../support/cli.js';
import { minimalManifest } from '../support/minimalManifest.js';

const record = (dir: string) => ({
  dir,
  period: { start: '2017-01-01', end: '2021-12-31' },
  tablesSha256: 'a'.repeat(64),
  manifestSha256: 'b'.repeat(64),
});

/** A parent folder with run folders: name → the earlier exports its manifest names (null: a folder without a manifest). */
function runs(folders: Record<string, string[] | null>): string {
  const parent = mkdtempSync(join(tmpdir(), 'mg-later-'));
  for (const [name, previous] of Object.entries(folders)) {
    mkdirSync(join(parent, name));
    if (previous === null) writeFileSync(join(parent, name, 'notes.txt'), 'x');
    else writeFileSync(join(parent, name, 'manifest.json'), minimalManifest({ previous: previous.map(record) }));
  }
  return parent;
}

function refusal(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('re-running onto an export that a later export names as earlier', () => {
  it('finds the later run folders beside OUT whose manifest names OUT (relative to their parent, or absolute), sorted', () => {
    const parent = runs({ a: [], b: ['a'], c: [], d: [] });
    // d names a by its absolute path; c names another folder; a folder without a manifest is passed over
    writeFileSync(join(parent, 'd', 'manifest.json'), minimalManifest({ previous: [record(join(parent, 'a'))] }));
    writeFileSync(join(parent, 'c', 'manifest.json'), minimalManifest({ previous: [record('x')] }));
    mkdirSync(join(parent, 'e'));
    expect(laterExports(join(parent, 'a'))).toEqual([join(parent, 'b'), join(parent, 'd')]);
    expect(laterExports(join(parent, 'b'))).toEqual([]);
    // not a run's output: nothing to break
    expect(laterExports(join(parent, 'e'))).toEqual([]);
  });

  it('without --force the refusal names the later export; an earlier output no one names keeps the plain message', () => {
    const parent = runs({ a: [], b: ['a'], c: [] });
    const a = join(parent, 'a');
    expect(refusal(() => checkOutputFolder(a, false))).toBe(messages.outputIsEarlierExport(a, join(parent, 'b')));
    expect(messages.outputIsEarlierExport(a, join(parent, 'b'))).toBe(
      `Output folder ${a} is the earlier export of ${join(parent, 'b')}; replacing it breaks the audit of ${join(parent, 'b')}. Write the new run to another folder (nothing was changed), or use --force to replace it anyway.`,
    );
    expect(refusal(() => checkOutputFolder(join(parent, 'c'), false))).toBe(messages.outputExists(join(parent, 'c')));
    // with --force the folder check passes (the run warns instead)
    expect(() => checkOutputFolder(a, true)).not.toThrow();
  });

  it('a run --force onto the earlier export of a real --previous pair proceeds and warns on stderr; without --force exit 1 naming it', () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-later-run-'));
    const input = join(base, 'in');
    const a = join(base, 'a');
    const b = join(base, 'b');
    expect(cli(['generate', '--out', input, '--scale', '0.005', '--seed', '1']).code).toBe(0);
    expect(cli(['run', '--input', input, '--out', a, '--period', '2017-01-01..2021-12-31']).code).toBe(0);
    expect(cli(['run', '--input', input, '--out', b, '--previous', a]).code).toBe(0);
    const before = readFileSync(join(a, 'manifest.json'), 'utf8');

    const refused = cli(['run', '--input', input, '--out', a, '--period', '2017-01-01..2021-12-31']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`multigebruik: ${messages.outputIsEarlierExport(a, b)}\n`);
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).toBe(before);

    const forced = cli(['run', '--input', input, '--out', a, '--period', '2017-01-01..2021-12-31', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe(`multigebruik: ${messages.outputEarlierExportWarning(a, b)}\n`);
    expect(messages.outputEarlierExportWarning(a, b)).toBe(
      `warning: ${a} is the earlier export of ${b}; replacing it breaks the audit of ${b} (its manifest records the SHA-256 of the export replaced now).`,
    );
    // the run replaced it
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).not.toBe(before);
  });
});
