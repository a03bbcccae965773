import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';
import { folderHashes } from '../support/faults.js';

/** Issue 21, messages: `--allow-empty` leaving out every file of a required source says so at run level, once. */

describe('--allow-empty and a required source without data', () => {
  it('run and validate name the source and what it means, besides the per-file warning; inputs untouched', () => {
    const input = writeFolder({
      ...GOLDEN_FILES,
      'UWVVOORZIENING.csv':
        'RINPERSOONS,RINPERSOON,UWVSOORTVOORZIENING,UWVWETTELIJKEACHTERGROND,UWVPRODUCT,UWVDATUMAANVANG,UWVDATUMEINDE\r\n',
    });
    const before = folderHashes(input);
    const parent = mkdtempSync(join(tmpdir(), 'mg-allowempty-'));
    const r = cli(['run', '--input', input, '--out', join(parent, 'out'), '--allow-empty']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: UWVVOORZIENING\.csv has no data rows/);
    expect(r.stderr).toMatch(
      /warning: every file of the required source UWV extract \(UWVVOORZIENING\) has no data rows and was left out \(--allow-empty\): the tables count no one from UWV extract \(UWVVOORZIENING\)\. Do not publish them as complete\./,
    );
    expect(readdirSync(parent)).toEqual(['out']);
    const v = cli(['validate', '--input', input, '--allow-empty']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/required source UWV extract \(UWVVOORZIENING\) has no data rows and was left out/);
    // without --allow-empty: refused
    expect(cli(['validate', '--input', input]).code).toBe(1);
    expect(folderHashes(input)).toEqual(before);
  });
});
