import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture rule: every source file has a mirrored test (`X/foo.ts` → `test/X/foo.test.ts`), or is listed
 * in test/untested.json with the reason it has none (naming the test that covers it, if any).
 */
const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = [
  'bin',
  'core',
  'model',
  'sources',
  'pipeline',
  'schemas',
  'disclosure',
  'audit',
  'reports',
  'sav',
  'synthetic',
];

/** Tracked and untracked (not ignored) .ts files of the source folders; a directory walk when git is not there. */
function sourceFiles(dirs: readonly string[] = SOURCE_DIRS): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...dirs], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && existsSync(join(ROOT, f)))
      .sort();
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory()
          ? walk(p)
          : p.endsWith('.ts') && !p.endsWith('.d.ts')
            ? [relative(ROOT, p)]
            : [];
      });
    return dirs
      .filter((d) => existsSync(join(ROOT, d)))
      .flatMap((d) => walk(join(ROOT, d)))
      .sort();
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
    const noReason = Object.entries(untested)
      .filter(([, why]) => typeof why !== 'string' || why.trim().length < 10)
      .map(([f]) => f);
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

/**
 * The layer order of docs/architecture.md ("Layers"): a file may import files of its own layer or of a layer above it
 * in this list, never of a later one; and the files import each other without a cycle (type imports included).
 */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['model', 'sav', 'schemas'],
  ['sources', 'synthetic', 'reports'],
  ['disclosure'],
  ['audit'],
  ['pipeline'],
  ['bin'],
];

/**
 * Imports against the order that are known and being moved elsewhere, each with the issue that moves it. Empty now;
 * an entry is `'from.ts -> to.ts'`.
 */
const KNOWN_EXCEPTIONS: ReadonlySet<string> = new Set<string>([]);

const layerOf = (file: string): number => LAYERS.findIndex((folders) => folders.includes(file.split('/')[0]!));

/** The relative imports of a source text (static, re-exports, side-effect and dynamic `import()`), as repo paths. */
function importsOf(file: string, text: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\sfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  ];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]!);
  return [...new Set(specs.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts')))].sort();
}

/** Every cycle of the graph as its strongly connected component (Tarjan), files sorted; self-imports included. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

describe('layout: the import graph keeps the layer order and has no cycle', () => {
  const files = sourceFiles(LAYERS.flat());
  const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(join(ROOT, f), 'utf8'))] as const));

  it('every source folder has a layer', () => {
    expect(SOURCE_DIRS.filter((d) => !LAYERS.flat().includes(d))).toEqual([]);
  });

  it('finds the imports (a known edge of each kind)', () => {
    expect(graph.get('pipeline/runPipeline.ts')).toContain('model/tabulate.ts');
    expect(
      importsOf('a/b.ts', "import type { X } from '../c/d.js';\nexport { y } from './e.js';\nawait import('../f.js');"),
    ).toEqual(['a/e.ts', 'c/d.ts', 'f.ts']);
  });

  it('no file imports from a later layer', () => {
    const against = [...graph].flatMap(([from, tos]) =>
      tos
        .filter((to) => layerOf(to) > layerOf(from) && !KNOWN_EXCEPTIONS.has(`${from} -> ${to}`))
        .map((to) => `${from} -> ${to}`),
    );
    expect(against, 'imports against the layer order of docs/architecture.md').toEqual([]);
  });

  it('the known exceptions are still needed (remove an entry once its import is gone)', () => {
    const edges = new Set([...graph].flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`)));
    expect([...KNOWN_EXCEPTIONS].filter((e) => !edges.has(e))).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(cyclesOf(graph), 'files that import each other (directly or round about)').toEqual([]);
  });

  it('the checks fail on a violation: an upward import and a cycle are found', () => {
    expect(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
    expect(layerOf('schemas/config.ts')).toBeLessThan(layerOf('disclosure/protectionRule.ts'));
    expect(layerOf('model/tabulate.ts')).toBeLessThan(layerOf('pipeline/runPipeline.ts'));
  });
});

/**
 * References the repository cannot keep, allowed with the reason: a text inside an output file (changing it changes
 * the output's bytes), and a test asserting a name does NOT appear.
 */
const REFERENCE_EXCEPTIONS: ReadonlySet<string> = new Set([
  'disclosure/attackerModel.ts -> disclosure.md', // in the text of internal/attacker-model.json (golden hashes)
  'test/reports/checkerNote.test.ts -> tables.md', // asserts the checker's note does not name it
]);

describe('layout: the repository stands alone', () => {
  /** Tracked and untracked (not ignored) text files, this test aside (it names the exceptions). */
  function trackedTextFiles(): string[] {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return out
      .split('\n')
      .filter(
        (f) =>
          f !== '' &&
          existsSync(join(ROOT, f)) &&
          /\.(ts|mjs|js|sql|md|txt|json|cmd|sh)$/.test(f) &&
          !f.endsWith('package-lock.json'),
      )
      .filter(
        (f) => f !== 'test/layout.test.ts' && !f.startsWith('fixtures/') && statSync(join(ROOT, f)).size < 2_000_000,
      );
  }
  const files = trackedTextFiles();

  it('finds the documents and sources', () => {
    expect(files).toContain('docs/spec/tables.md');
    expect(files).toContain('core/errors.ts');
  });

  it('every document a file names (*.md) is in the repository, relative to the file or to the root', () => {
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?<![\w/.:-])((?:\.{1,2}\/)?[\w./-]*\w\.md)\b/g)) {
        const ref = m[1]!;
        if (text.slice(Math.max(0, m.index - 60), m.index).includes('://')) continue; // a web address
        const found = [join(ROOT, dirname(f), ref), join(ROOT, ref)].some((p) => existsSync(p));
        if (!found && !REFERENCE_EXCEPTIONS.has(`${f} -> ${ref}`)) missing.push(`${f} -> ${ref}`);
      }
    }
    expect(missing, 'references to documents that are not in the repository').toEqual([]);
  });

  it('no absolute path of a developer machine in any file', () => {
    const found = files.filter((f) => /(?<![\w.])\/(work|Users)\//.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('every test file that test/untested.json names exists', () => {
    const named = Object.values(untested).flatMap((why) =>
      [...why.matchAll(/\btest\/[\w/]+\.test\.ts\b/g)].map((m) => m[0]),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((t) => !existsSync(join(ROOT, t)))).toEqual([]);
  });
});
