import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
export const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    {
      version?: string;
      integrity?: string;
      dev?: boolean;
      os?: string[];
      cpu?: string[];
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    }
  >;
};

export interface PlatformPins {
  os: string;
  cpu: string;
  libc?: string;
  runtime: { package: string; integrity: string; file: string };
  /** library → the platform's native binding package */
  bindings: Record<string, string>;
}
export const PINS = JSON.parse(readFileSync(join(ROOT, 'bundle', 'platforms.json'), 'utf8')) as {
  node: string;
  platforms: Record<string, PlatformPins>;
};

export const bundleName = (platform: string) => `multigebruik-${PKG.version}-${platform}`;

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * `npm run bundle` as a user runs it, into `outDir`. --no-compile: build/ is fresh (test/globalSetup.ts compiles
 * before every test run). Downloads are cached in .bundle-cache/, so only the first build in a clone fetches.
 */
export function buildBundle(platform: string, outDir: string): { zip: string; output: string; ms: number } {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bundle', 'build.mjs'), '--platform', platform, '--out', outDir, '--no-compile'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`bundle build for ${platform} failed (exit ${r.status}):\n${output}`);
  const ms = performance.now() - started;
  process.stdout.write(`${output.trimEnd()}\n`);
  return { zip: join(outDir, `${bundleName(platform)}.zip`), output, ms };
}

/** The commit the program reports for this checkout (what version.ts computes), "unknown" outside git. */
export function checkoutCommit(): string {
  if (!existsSync(join(ROOT, '.git'))) return 'unknown';
  const git = (args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
  const head = git(['rev-parse', 'HEAD']);
  return git(['status', '--porcelain', '--untracked-files=no']) === '' ? head : `${head}-dirty`;
}

/** SHA-256 of every file under `dir`, by relative POSIX path. */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = sha256(readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Parse a SHA256SUMS text (sha256sum format) into path → hash. */
export function parseSums(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) throw new Error(`SHA256SUMS: bad line ${JSON.stringify(line)}`);
    if (m.has(match[2]!)) throw new Error(`SHA256SUMS: ${match[2]} listed twice`);
    m.set(match[2]!, match[1]!);
  }
  return m;
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
