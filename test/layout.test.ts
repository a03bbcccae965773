import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture rule: every source file has a mirrored test (`X/foo.ts` → `test/X/foo.test.ts`), or is listed
 * in test/untested.json with the reason it has none (naming the test that covers it, if any).
 */
const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['bin', 'core', 'model', 'sources', 'pipeline', 'schemas', 'disclosure', 'reports', 'sav', 'synthetic'];

/** Tracked and untracked (not ignored) .ts files of the source folders; a directory walk when git is not there. */
function sourceFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...SOURCE_DIRS], { cwd: ROOT, encoding: 'utf8' });
    return out.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && existsSync(join(ROOT, f))).sort();
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [relative(ROOT, p)] : [];
      });
    return SOURCE_DIRS.filter((d) => existsSync(join(ROOT, d))).flatMap((d) => walk(join(ROOT, d))).sort();
  }
}

const testOf = (source: string) => join('test', source.replace(/\.ts$/, '.test.ts'));
const untested = JSON.parse(readFileSync(join(ROOT, 'test', 'untested.json'), 'utf8')) as Record<string, string>;

describe('layout: tests mirror the source tree', () => {
  const sources = sourceFiles();

  it('finds the source files', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources).toContain('core/errors.ts');
  });

  it('every source file has test/<path>.test.ts or an entry in test/untested.json', () => {
    const missing = sources.filter((f) => !existsSync(join(ROOT, testOf(f))) && !(f in untested));
    expect(missing, `add a test, or a reason in test/untested.json, for: ${missing.join(', ')}`).toEqual([]);
  });

  it('test/untested.json names only existing source files that have no test, each with a reason', () => {
    const set = new Set(sources);
    const stale = Object.keys(untested).filter((f) => !set.has(f));
    expect(stale, 'listed but no such source file').toEqual([]);
    const tested = Object.keys(untested).filter((f) => existsSync(join(ROOT, testOf(f))));
    expect(tested, 'listed but now has a test: remove from test/untested.json').toEqual([]);
    const noReason = Object.entries(untested).filter(([, why]) => typeof why !== 'string' || why.trim().length < 10).map(([f]) => f);
    expect(noReason, 'entries need a reason').toEqual([]);
  });

  it('every test file under test/<source folder>/ mirrors a source file (no orphaned tests)', () => {
    const set = new Set(sources);
    const orphans = SOURCE_DIRS.flatMap((d) => {
      const dir = join(ROOT, 'test', d);
      if (!existsSync(dir)) return [];
      const walk = (p: string): string[] =>
        readdirSync(p).flatMap((name) => {
          const q = join(p, name);
          return statSync(q).isDirectory() ? walk(q) : q.endsWith('.test.ts') ? [relative(join(ROOT, 'test'), q)] : [];
        });
      return walk(dir);
    }).filter((t) => !set.has(t.replace(/\.test\.ts$/, '.ts')));
    expect(orphans, 'test files whose source file is gone or renamed').toEqual([]);
  });
});
