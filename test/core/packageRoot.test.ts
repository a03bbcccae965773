import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../core/packageRoot.js';

describe('core/packageRoot', () => {
  it('finds the repository root from the sources: package.json of multigebruik next to queries/', () => {
    const root = packageRoot();
    expect(root).toBe(resolve(import.meta.dirname, '..', '..'));
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('multigebruik');
    expect(existsSync(join(root, 'queries', 'atoms.sql'))).toBe(true);
  });

  it('finds the same root from the compiled copy in build/ (build has no queries/ of its own)', async () => {
    const compiled = join(packageRoot(), 'build', 'core', 'packageRoot.js');
    expect(existsSync(compiled)).toBe(true); // built by test/globalSetup.ts
    const mod = (await import(compiled)) as { packageRoot: () => string };
    expect(mod.packageRoot()).toBe(packageRoot());
  });
});
