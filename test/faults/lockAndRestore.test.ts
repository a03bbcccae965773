import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockContent, reserveOutput } from '../../bin/outputFolder.js';
import { GOLDEN_FILES } from '../support/goldenFiles.js';
import { writeFolder } from '../support/runOnFolder.js';
import { cli } from '../support/cli.js';
import { folderHashes } from '../support/faults.js';
import { minimalManifest } from '../support/minimalManifest.js';

/** Issue 21 points 11 and 12: the stale-output restore runs before the check; a lock proves it belongs to a multigebruik run. */

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const EARLIER = `${minimalManifest({ earlier: true })}\n`;

describe('an output moved aside by a killed --force run (point 11)', () => {
  it('is put back before OUT is checked: a run without --force is refused and the earlier output kept; with --force it is replaced', () => {
    const input = writeFolder(GOLDEN_FILES);
    const before = folderHashes(input);
    const parent = mkdtempSync(join(tmpdir(), 'mg-restore-'));
    const out = join(parent, 'out');
    // what a --force run SIGKILLed between its two renames leaves: OUT renamed aside under its (dead) PID, no OUT
    const dead = deadPid();
    mkdirSync(join(parent, `.out.old-${dead}`));
    writeFileSync(join(parent, `.out.old-${dead}`, 'manifest.json'), EARLIER);
    const r = cli(['run', '--input', input, '--out', out]);
    expect([r.code, r.stderr]).toEqual([
      1,
      expect.stringMatching(
        /^multigebruik: Output folder .*out exists and is not empty; use --force to replace it\.\n$/,
      ),
    ]);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(EARLIER);
    const forced = cli(['run', '--input', input, '--out', out, '--force']);
    expect([forced.code, forced.stderr]).toEqual([0, '']);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toBe(EARLIER);
    expect(folderHashes(input)).toEqual(before);
  });
});

describe('a lock proves it belongs to a live multigebruik run (point 12)', () => {
  it('a lock naming a live program that is not multigebruik (or a reused PID) is taken over: the run succeeds and removes it', () => {
    const input = writeFolder(GOLDEN_FILES);
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const parent = mkdtempSync(join(tmpdir(), 'mg-foreignlock-'));
      const out = join(parent, 'out');
      // an old-style lock holding only the PID, and one whose start time is not that process's
      for (const content of [`${other.pid}\n`, `multigebruik ${other.pid} 1\n`]) {
        writeFileSync(join(parent, '.out.lock'), content);
        const r = cli(['run', '--input', input, '--out', out, '--force']);
        expect([r.code, r.stderr]).toEqual([0, '']);
        expect(readdirSync(parent)).toEqual(['out']);
      }
      expect(other.exitCode).toBe(null); // the other program was left alone
    } finally {
      other.kill();
    }
  });

  it('a lock of a live multigebruik run refuses, naming the lock file and what to do when no run is going on', () => {
    const parent = mkdtempSync(join(tmpdir(), 'mg-livelock-'));
    const lock = join(parent, '.out.lock');
    // the vitest process stands in for a live run: its PID and its start time
    writeFileSync(lock, lockContent(process.ppid));
    expect(() => reserveOutput(join(parent, 'out'), false)).toThrow(
      expect.objectContaining({
        exitCode: 1,
        message: expect.stringContaining(
          `(lock file ${lock}); wait for it to finish or choose another output folder. If no multigebruik run is going on, delete ${lock}.`,
        ),
      }),
    );
    expect(readFileSync(lock, 'utf8')).toBe(lockContent(process.ppid));
    expect(existsSync(join(parent, 'out'))).toBe(false);
  });

  it('the lock records the program, the PID and (on Linux) the start time of this process', () => {
    const parent = mkdtempSync(join(tmpdir(), 'mg-locktoken-'));
    const slot = reserveOutput(join(parent, 'out'), false);
    try {
      const text = readFileSync(join(parent, '.out.lock'), 'utf8');
      expect(text).toMatch(
        new RegExp(`^multigebruik ${process.pid} ${process.platform === 'linux' ? '\\d+' : '(\\d+|-)'}\\n$`),
      );
    } finally {
      slot.release();
    }
    expect(readdirSync(parent)).toEqual([]);
  });
});
