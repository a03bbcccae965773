import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';

/**
 * Atomic output: everything is written into a hidden sibling folder, which replaces OUT only when the run
 * succeeded. A failed run leaves no partial output; an existing non-empty OUT is replaced only with --force.
 */
export function checkOutputFolder(out: string, force: boolean): void {
  const dir = resolve(out);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0) && !force) throw new InputError(messages.outputExists(out));
}

export async function withOutputFolder<T>(out: string, force: boolean, write: (staging: string) => Promise<T>): Promise<T> {
  checkOutputFolder(out, force);
  const dir = resolve(out);
  mkdirSync(dirname(dir), { recursive: true });
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = await write(staging);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return result;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** The single writer: every file of a run (relative path → content) into OUT, atomically (see withOutputFolder). */
export async function writeOutput(out: string, force: boolean, files: Record<string, string | Uint8Array>): Promise<void> {
  await withOutputFolder(out, force, async (dir) => writeFiles(dir, files));
}

/** Write relative path → content under `dir` (folders made as needed). */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, ...rel.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}
