import { describe, expect, it } from 'vitest';
import { LOCK, PINS, PKG } from './bundleTools.js';

/**
 * `npm ci` installs only what package-lock.json lists, and the offline bundle is installed from the lock file for
 * another platform than the build machine's: every native binding a bundle needs must be in the lock, at the version
 * the program requires.
 */
describe('package-lock.json lists every binding the bundles need', () => {
  const lockPkg = (name: string) => LOCK.packages[`node_modules/${name}`];

  it('pins @duckdb/node-bindings exactly, and the lock agrees', () => {
    const required = PKG.dependencies['@duckdb/node-bindings'];
    expect(required).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(lockPkg('@duckdb/node-bindings')?.version).toBe(required);
    expect(lockPkg('@duckdb/node-api')?.dependencies?.['@duckdb/node-bindings']).toBe(required);
  });

  for (const [platform, pins] of Object.entries(PINS.platforms)) {
    for (const [library, binding] of Object.entries(pins.bindings)) {
      it(`${platform}: ${binding} at the version ${library} needs`, () => {
        const version =
          library === '@duckdb/node-bindings' ? PKG.dependencies['@duckdb/node-bindings'] : lockPkg(library)?.version;
        expect(version, `${library} in package-lock.json`).toBeDefined();
        expect(lockPkg(library)?.optionalDependencies?.[binding]).toBe(version);
        const entry = lockPkg(binding);
        expect(
          entry,
          `node_modules/${binding} missing from package-lock.json: regenerate the lock with every platform`,
        ).toBeDefined();
        expect(entry!.version).toBe(version);
        expect(entry!.integrity).toMatch(/^sha512-/);
        expect(entry!.dev ?? false).toBe(false);
        expect(entry!.os).toContain(pins.os);
        expect(entry!.cpu).toContain(pins.cpu);
      });
    }
  }

  it('every platform pins one Node.js runtime of the same version', () => {
    expect(PINS.node).toMatch(/^22\.\d+\.\d+$/);
    for (const pins of Object.values(PINS.platforms))
      expect(pins.runtime.integrity).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
  });
});
