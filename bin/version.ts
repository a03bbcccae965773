import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/packageRoot.js';

/**
 * Which software made an output: program version, git commit and Node version. Shown by `--version` and written to
 * manifest.json. Kept free of heavy imports (no DuckDB) so `--version` answers at once.
 */
export interface SoftwareInfo {
  name: 'multigebruik';
  version: string;
  /** The git commit the program was built from; `-dirty` when the checkout had uncommitted changes; "unknown" when neither source says. */
  commit: string;
  node: string;
}

/** Written next to package.json by bundle/build.mjs: the commit a bundle was built from (a bundle has no .git). */
const BUILD_INFO_FILE = 'build-info.json';

/** The commit of a git checkout at `root` (only when `root` itself is one, never a repository around it), or undefined. */
function gitCommit(root: string): string | undefined {
  if (!existsSync(join(root, '.git'))) return undefined;
  const git = (args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  try {
    const head = git(['rev-parse', 'HEAD']);
    if (!/^[0-9a-f]{40}$/.test(head)) return undefined;
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

function buildInfoCommit(root: string): string | undefined {
  const file = join(root, BUILD_INFO_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const commit = (JSON.parse(readFileSync(file, 'utf8')) as { commit?: unknown }).commit;
    return typeof commit === 'string' && commit !== '' ? commit : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Set, it is the commit recorded (as given) instead of asking the bundle or git: for outputs that must be
 * byte-identical whatever the checkout's state (the golden-hash tests; the commit is stated in every note).
 */
const COMMIT_VARIABLE = 'MULTIGEBRUIK_COMMIT';

let cached: SoftwareInfo | undefined;

export function softwareInfo(): SoftwareInfo {
  if (cached) return cached;
  const root = packageRoot();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const commit = process.env[COMMIT_VARIABLE] || (buildInfoCommit(root) ?? gitCommit(root) ?? 'unknown');
  cached = { name: 'multigebruik', version, commit, node: process.version };
  return cached;
}

/** The `--version` text. */
export function versionText(info: SoftwareInfo = softwareInfo()): string {
  return [`multigebruik ${info.version}`, `commit ${info.commit}`, `Node.js ${info.node}`].join('\n');
}
