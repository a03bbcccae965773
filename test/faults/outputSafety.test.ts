import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { checkOutputFolder, lockContent, reserveOutput } from '../../bin/outputFolder.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';
import { folderHashes } from '../support/faults.js';
import { minimalManifest } from '../support/minimalManifest.js';
import { userTablesConfig } from '../../bench/userTables.mjs';

/** Output safety: no input or unrelated file is ever deleted, whatever the flags; a concurrent run fails at once. */

const refused = (fn: () => unknown, pattern: RegExp) => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as Error).message).toMatch(pattern);
};

/** A PID that belongs to no running process (a child that has exited). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('--out is checked before any work, even with --force', () => {
  it('the input folder itself, its parent, or a folder inside it', () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-safe-'));
    const input = join(root, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'x.csv'), 'a\n');
    for (const out of [input, `${input}/`, root, join(input, 'out'), join(input, '.', 'sub', 'out')])
      refused(() => checkOutputFolder(out, true, [input]), /is, contains or lies inside the input folder/);
    expect(readdirSync(input)).toEqual(['x.csv']);
  });
  it('a symbolic link to the input folder', async () => {
    const { symlinkSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'mg-safe-'));
    mkdirSync(join(root, 'in'));
    symlinkSync(join(root, 'in'), join(root, 'link'));
    refused(() => checkOutputFolder(join(root, 'link'), true, [join(root, 'in')]), /inside the input folder/);
  });
  it('a regular file', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'mg-safe-')), 'notes.txt');
    writeFileSync(f, 'keep me');
    refused(() => checkOutputFolder(f, true), /is a file, not a folder/);
    expect(readFileSync(f, 'utf8')).toBe('keep me');
  });
  it('an unusable path (below a file, a device) is bad input, not an internal error', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'mg-safe-')), 'plain.txt');
    writeFileSync(f, 'x');
    refused(() => reserveOutput(join(f, 'out'), true), /cannot be made: .*plain\.txt is a file, not a folder/);
    refused(() => checkOutputFolder('/dev/null', true), /is a file, not a folder/);
  });
  it('a non-empty folder not made by multigebruik', () => {
    const dir = writeFolder({ 'thesis.docx': 'x' });
    refused(() => checkOutputFolder(dir, true), /not made by multigebruik/);
    writeFileSync(join(dir, 'manifest.json'), '{"software": {"name": "something else"}}');
    refused(() => checkOutputFolder(dir, true), /not made by multigebruik/);
  });
  it('an earlier output is replaced only with --force', () => {
    const dir = writeFolder({ 'manifest.json': minimalManifest() });
    refused(() => checkOutputFolder(dir, false), /use --force/);
    expect(() => checkOutputFolder(dir, true)).not.toThrow();
  });
  it('a held lock of a live run refuses; a lock of a dead run is taken over and stale temp folders removed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'mg-lock-'));
    const out = join(parent, 'out');
    writeFileSync(join(parent, '.out.lock'), lockContent(process.ppid));
    refused(() => reserveOutput(out, false), /Another multigebruik run \(process \d+\) is writing to/);
    const dead = deadPid();
    writeFileSync(join(parent, '.out.lock'), `${dead}\n`);
    mkdirSync(join(parent, `.out.partial-${dead}`, 'internal'), { recursive: true });
    writeFileSync(join(parent, `.out.partial-${dead}`, 'internal', 'tables.json'), '{}');
    mkdirSync(join(parent, `.out.spill-${dead}`));
    writeFileSync(join(parent, `.out.locktmp-${dead}`), `${dead}\n`); // killed before its lock was linked
    mkdirSync(join(parent, `.other.partial-${dead}`));
    const slot = reserveOutput(out, false);
    try {
      expect(readdirSync(parent).sort()).toEqual(['.other.partial-' + dead, '.out.lock']);
      expect(readFileSync(join(parent, '.out.lock'), 'utf8')).toBe(lockContent());
    } finally {
      slot.release();
    }
    expect(readdirSync(parent)).toEqual([`.other.partial-${dead}`]);
  });
  it('the lock holds its PID from the moment it exists (a hard link to a written PID file, which is then removed)', () => {
    // (the race this closes: a lock created empty and written afterwards was read, empty, by a second run, which took
    // it for a dead run's and took over: seen in "a second run on the same --out fails at once" below)
    const parent = mkdtempSync(join(tmpdir(), 'mg-lockpid-'));
    const slot = reserveOutput(join(parent, 'out'), false);
    try {
      expect(readFileSync(join(parent, '.out.lock'), 'utf8')).toBe(lockContent());
      expect(readdirSync(parent)).toEqual(['.out.lock']);
    } finally {
      slot.release();
    }
    expect(readdirSync(parent)).toEqual([]);
  });
  it('an old output moved aside by a run killed between its two renames is put back', () => {
    const parent = mkdtempSync(join(tmpdir(), 'mg-old-'));
    const dead = deadPid();
    mkdirSync(join(parent, `.out.old-${dead}`));
    writeFileSync(join(parent, `.out.old-${dead}`, 'manifest.json'), minimalManifest());
    reserveOutput(join(parent, 'out'), true).release();
    expect(readdirSync(parent)).toEqual(['out']);
  });
});

describe('the CLI, as a careless user runs it', () => {
  it('run --input X --out X --force and --out . --force delete nothing', () => {
    const input = writeFolder(GOLDEN_FILES);
    const before = folderHashes(input);
    const r = cli(['run', '--input', input, '--out', input, '--force']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/inside the input folder/)]);
    const cwd = writeFolder({ 'unrelated.txt': 'mine' });
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');
    const dot = spawnSync(process.execPath, [bin, 'run', '--input', input, '--out', '.', '--force'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect([dot.status, dot.stderr]).toEqual([1, expect.stringMatching(/not made by multigebruik/)]);
    expect(readdirSync(cwd)).toEqual(['unrelated.txt']);
    expect(folderHashes(input)).toEqual(before);
  });
});

/** Start a run as a child process; resolves with its exit code and stderr. */
function startRun(args: string[]) {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'multigebruik.js');
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stderr })),
  );
  return { child, done };
}

/** Wait (polling the file system) until `path` exists or the child has ended; true when it appeared. */
async function appears(path: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (;;) {
    if (existsSync(path)) return true;
    if (child.exitCode !== null || child.signalCode !== null) return existsSync(path);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('signals and concurrent runs (real child processes)', () => {
  it('a second run on the same --out fails at once while the first holds the lock; the first still succeeds', async () => {
    const input = writeFolder(GOLDEN_FILES);
    const out = join(mkdtempSync(join(tmpdir(), 'mg-conc-')), 'out');
    const first = startRun(['run', '--input', input, '--out', out]);
    expect(await appears(join(dirname(out), '.out.lock'), first.child)).toBe(true);
    first.child.kill('SIGSTOP');
    try {
      const second = cli(['run', '--input', input, '--out', out, '--force']);
      expect([second.code, second.stderr]).toEqual([
        1,
        expect.stringMatching(/Another multigebruik run \(process \d+\) is writing to/),
      ]);
    } finally {
      first.child.kill('SIGCONT');
    }
    const r = await first.done;
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(readdirSync(dirname(out))).toEqual(['out']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).software.name).toBe('multigebruik');
  });

  const moments: [string, string][] = [
    ['while reading (lock taken)', '.out.lock'],
    ['while writing (staging folder there)', `.out.partial-`],
  ];
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    for (const [moment, marker] of moments)
      it(`${signal} ${moment}: temp folders and lock removed, the earlier output kept`, async () => {
        const input = writeFolder(GOLDEN_FILES);
        const before = folderHashes(input);
        const parent = mkdtempSync(join(tmpdir(), 'mg-sig-'));
        const out = join(parent, 'out');
        const old = { 'manifest.json': `${minimalManifest({ earlier: true })}\n` };
        mkdirSync(out);
        writeFileSync(join(out, 'manifest.json'), old['manifest.json']);
        const run = startRun(['run', '--input', input, '--out', out, '--force']);
        const path = marker.endsWith('-') ? join(parent, `${marker}${run.child.pid}`) : join(parent, marker);
        // the lock lives through the whole run and the staging folder through the whole write stage (seconds)
        expect(await appears(path, run.child)).toBe(true);
        run.child.kill(signal);
        const r = await run.done;
        expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(old['manifest.json']);
        expect(readdirSync(parent)).toEqual(['out']);
        expect(folderHashes(input)).toEqual(before);
      });

  it('SIGINT during a long protection (an earlier export and ten user tables): the run stops at once, temp folders and lock removed', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mg-sigprot-'));
    expect(cli(['demo', '--out', join(parent, 'demo')]).code).toBe(0);
    const input = join(parent, 'demo', 'input');
    const config = (end: string) => {
      const f = join(parent, `config-${end}.json`);
      writeFileSync(f, JSON.stringify({ ...userTablesConfig(10), period: { start: '2017-01-01', end } }));
      return f;
    };
    const r21 = join(parent, 'r21');
    expect(cli(['run', '--input', input, '--out', r21, '--config', config('2021-12-31')]).code).toBe(0);
    const before = folderHashes(r21);
    const out = join(parent, 'out');
    const run = startRun(['run', '--input', input, '--out', out, '--config', config('2022-12-31'), '--previous', r21]);
    expect(await appears(join(parent, '.out.lock'), run.child)).toBe(true);
    // reading, validating and linking (twice: the earlier period too) take a few seconds; the joint protection with
    // the earlier export and ten user tables takes about a minute (README, "Performance")
    await new Promise((r) => setTimeout(r, 15_000));
    expect(run.child.exitCode).toBeNull();
    const sent = performance.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    const took = performance.now() - sent;
    expect(r.code).toBe(130);
    expect(readdirSync(parent).sort()).toEqual(['config-2021-12-31.json', 'config-2022-12-31.json', 'demo', 'r21']);
    expect(folderHashes(r21)).toEqual(before);
    // the protect stage runs on a thread of its own (disclosure/protectOnThread.ts): the handler runs at once instead
    // of after the protection (before: the rest of that minute)
    expect(took).toBeLessThan(10_000);
  });

  it('SIGKILL while writing leaves a staging folder that the next run removes', async () => {
    const input = writeFolder(GOLDEN_FILES);
    const parent = mkdtempSync(join(tmpdir(), 'mg-kill-'));
    const out = join(parent, 'out');
    const run = startRun(['run', '--input', input, '--out', out]);
    const staging = join(parent, `.out.partial-${run.child.pid}`);
    expect(await appears(staging, run.child)).toBe(true);
    run.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const next = cli(['run', '--input', input, '--out', out]);
    expect([next.code, next.stderr]).toEqual([0, '']);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
