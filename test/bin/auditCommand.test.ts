import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousAtMap } from '../../bin/auditCommand.js';
import { InputError } from '../../core/errors.js';

describe('previousAtMap (audit --previous-at OLD=NEW)', () => {
  const out = mkdtempSync(join(tmpdir(), 'mg-audit-'));
  writeFileSync(
    join(out, 'manifest.json'),
    JSON.stringify({ previous: [{ dir: 'uitvoer-2021' }, { dir: '/data/uitvoer 2020' }] }),
  );

  it('maps each earlier export as the manifest names it to where it lies now (the first "=" splits, so NEW may hold "=")', () => {
    expect([...previousAtMap(out, ['uitvoer-2021=/archief/2021', '/data/uitvoer 2020=/archief/a=b'])]).toEqual([
      ['uitvoer-2021', '/archief/2021'],
      ['/data/uitvoer 2020', '/archief/a=b'],
    ]);
    expect(previousAtMap(out, []).size).toBe(0);
  });

  it('refuses a value without OLD=NEW, and an OLD the manifest does not name (listing the ones it does)', () => {
    expect(() => previousAtMap(out, ['/archief/2021'])).toThrow(InputError);
    expect(() => previousAtMap(out, ['=x'])).toThrow('write it as OLD=NEW');
    expect(() => previousAtMap(out, ['uitvoer-2022=/x'])).toThrow(
      '--previous-at: uitvoer-2022 is not an earlier export of this run; the manifest names uitvoer-2021, /data/uitvoer 2020',
    );
  });
});
