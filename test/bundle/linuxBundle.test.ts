import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { PINS, buildBundle, bundleName, checkoutCommit, fileHashes, mb, parseSums } from './bundleTools.js';

/**
 * The linux-x64 bundle as a researcher gets it: unpacked into an empty folder, run with no network (`unshare -n`)
 * and no Node.js on PATH, and giving the same export/ as a run from the checkout. Needs root (unshare), unshare and
 * unzip: without them the test is skipped with the reason printed, except under CI=true, where it fails instead.
 */

const PLATFORM = 'linux-x64';
const NAME = bundleName(PLATFORM);

function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, tool);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function missing(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'needs a linux-x64 machine';
  if (process.getuid?.() !== 0) return 'needs root (unshare -n)';
  for (const tool of ['unshare', 'unzip', 'env', 'sh']) if (!which(tool)) return `needs ${tool} on PATH`;
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status !== 0) return `unshare -n does not work here (${String(probe.stderr).trim()})`;
  return undefined;
}

const reason = missing();
const inCi = process.env.CI === 'true';
if (reason && !inCi) process.stdout.write(`test/bundle/linuxBundle.test.ts skipped: ${reason}\n`);

describe.skipIf(reason !== undefined && !inCi)(
  'the linux-x64 bundle, unpacked and run offline without Node.js on PATH',
  () => {
    const base = mkdtempSync(join(tmpdir(), 'mg-bundle-linux-'));
    afterAll(() => rmSync(base, { recursive: true, force: true }));

    it('builds, unpacks, runs generate → run → audit offline, and exports what the checkout exports', () => {
      if (reason) throw new Error(`CI=true, but this test cannot run: ${reason}`);

      const built = buildBundle(PLATFORM, join(base, 'dist'));
      const zip = readFileSync(built.zip);
      process.stdout.write(`linux-x64 bundle: ${mb(zip.length)} zip, built in ${(built.ms / 1000).toFixed(1)} s\n`);

      // unpack with unzip (as a user would) into an empty folder whose name needs quoting
      const home = join(base, "Mijn bundel [1] O'Brien & é");
      mkdirSync(home);
      const unzip = spawnSync('unzip', ['-q', built.zip, '-d', home], { encoding: 'utf8' });
      expect(unzip.status, unzip.stderr).toBe(0);
      const root = join(home, NAME);
      const launcher = join(root, 'multigebruik');
      expect(statSync(launcher).mode & 0o111).not.toBe(0);
      expect(statSync(join(root, 'node', 'node')).mode & 0o111).not.toBe(0);
      const sums = parseSums(readFileSync(join(root, 'SHA256SUMS'), 'utf8'));
      const unpacked = fileHashes(root);
      delete unpacked.SHA256SUMS;
      expect(Object.fromEntries(sums)).toEqual(unpacked);

      // PATH with only the shell the launcher needs (on Debian /bin is /usr/bin, which holds node: not on this PATH)
      const pathDir = join(base, 'path');
      mkdirSync(pathDir);
      symlinkSync(realpathSync(which('sh')!), join(pathDir, 'sh'));
      const work = join(base, 'work');
      mkdirSync(work);
      const offline = (args: string[]) => {
        const r = spawnSync(
          'unshare',
          ['-n', 'env', '-i', `PATH=${pathDir}`, `HOME=${work}`, 'LANG=C.UTF-8', 'CI=true', launcher, ...args],
          {
            cwd: work,
            encoding: 'utf8',
          },
        );
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      const noNode = spawnSync(
        'unshare',
        ['-n', 'env', '-i', `PATH=${pathDir}`, 'sh', '-c', 'command -v node || exit 7'],
        { encoding: 'utf8' },
      );
      expect(noNode.status).toBe(7);
      const noNet = spawnSync('unshare', ['-n', 'sh', '-c', 'cat /proc/net/route'], { encoding: 'utf8' });
      expect(noNet.stdout.trim().split('\n').length).toBe(1); // header only: no route anywhere

      const version = offline(['--version']);
      expect(version.code, version.stderr).toBe(0);
      expect(version.stdout).toBe(
        `multigebruik ${JSON.parse(readFileSync(join(root, 'app', 'package.json'), 'utf8')).version}\ncommit ${checkoutCommit()}\nNode.js v${PINS.node}\n`,
      );

      const input = join(work, 'invoer');
      const gen = offline(['generate', '--scale', '0.02', '--out', input]);
      expect(gen.code, gen.stderr).toBe(0);
      const out = join(work, 'uitvoer');
      const run = offline(['run', '--input', input, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const audit = offline(['audit', out]);
      expect(audit.code, audit.stderr).toBe(0);
      expect(audit.stdout).toContain('audit PASSED');
      const bad = offline(['run', '--input', join(work, 'no such folder'), '--out', join(work, 'x')]);
      expect(bad.code).toBe(1);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.software).toEqual({
        name: 'multigebruik',
        version: manifest.software.version,
        commit: checkoutCommit(),
        node: `v${PINS.node}`,
      });

      // the same input through the checkout (this machine's Node.js): identical export/ and internal/
      const fromCheckout = join(base, 'checkout-out');
      // (recording the commit the bundle records: the notes state it)
      const r = cli(['run', '--input', input, '--out', fromCheckout], checkoutCommit());
      expect(r.code, r.stderr).toBe(0);
      for (const dir of ['export', 'internal']) {
        const a = fileHashes(join(out, dir));
        expect(Object.keys(a).length).toBeGreaterThan(3);
        expect(fileHashes(join(fromCheckout, dir))).toEqual(a);
      }
      // and the generator writes the same files from the checkout
      const checkoutInput = join(base, 'checkout-in');
      expect(cli(['generate', '--scale', '0.02', '--out', checkoutInput]).code).toBe(0);
      expect(fileHashes(checkoutInput)).toEqual(fileHashes(input));

      // .sav input: decoded on the bundle's own worker file (app/savWorker.js); the same export/ as the checkout's
      const savInput = join(work, 'invoer-sav');
      expect(offline(['generate', '--scale', '0.02', '--format', 'sav', '--out', savInput]).code).toBe(0);
      const savOut = join(work, 'uitvoer-sav');
      const savRun = offline(['run', '--input', savInput, '--out', savOut]);
      expect(savRun.code, savRun.stderr).toBe(0);
      const savCheckout = join(base, 'checkout-out-sav');
      expect(cli(['run', '--input', savInput, '--out', savCheckout], checkoutCommit()).code).toBe(0);
      for (const dir of ['export', 'internal'])
        expect(fileHashes(join(savOut, dir))).toEqual(fileHashes(join(savCheckout, dir)));

      // each worker thread runs the bundle's own file beside app/multigebruik.js: a broken one leaves its mark and
      // fails the run — except the input hashing, which falls back to the main thread when its worker cannot run
      for (const worker of ['savWorker', 'fileFactsWorker', 'cellIntervalsWorker', 'protectTablesWorker']) {
        const file = join(root, 'app', `${worker}.js`);
        const mark = join(work, `ran-${worker}`);
        const good = readFileSync(file);
        writeFileSync(
          file,
          `process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(mark)}, 'ran');\nthrow new Error('the bundled ${worker} ran');\n`,
        );
        try {
          const broken = offline(['run', '--input', savInput, '--out', join(work, `broken-${worker}`)]);
          expect([worker, existsSync(mark)]).toEqual([worker, true]);
          if (worker === 'fileFactsWorker') expect(broken.code, broken.stderr).toBe(0);
          else
            expect([worker, broken.code === 0, broken.stderr.includes(`the bundled ${worker} ran`)]).toEqual([
              worker,
              false,
              true,
            ]);
        } finally {
          writeFileSync(file, good);
        }
      }
    }, 900_000);
  },
);
