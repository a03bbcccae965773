import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRenderWorker } from '../../bin/renderThread.js';
import { readFirstLine } from '../../bin/readFirstLine.js';
import { packageRoot } from '../../core/packageRoot.js';
import { openDatabase } from '../../core/openDatabase.js';
import { render, type RenderInput } from '../../pipeline/render.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import type { Config } from '../../schemas/config.js';
import type { FileMap } from '../../reports/renderExport.js';
import { cli } from '../support/cli.js';
import { defaultConfig } from '../support/runOnFolder.js';

type Start = typeof startRenderWorker;

/** The render stage's input of a real run (small generated data, real protection), taken where the runner hands it over. */
let job: { config: Config; input: RenderInput };

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'mg-renderthread-')), 'in');
  expect(cli(['generate', '--out', dir, '--scale', '0.005', '--seed', '4']).code).toBe(0);
  const db = await openDatabase({ memoryLimit: '1GB', threads: 2, preserveInsertionOrder: false });
  try {
    const entries = readdirSync(dir).map((name) => ({ name, path: join(dir, name), size: statSync(join(dir, name)).size }));
    await runPipeline(defaultConfig(), {
      conn: db.connection,
      entries,
      inputDir: dir,
      readFirstLine,
      now: () => 0,
      render: async (config, input) => {
        job = { config, input };
        return {};
      },
    });
  } finally {
    db.close();
  }
}, 120_000);

const bytes = (files: FileMap) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(typeof v === 'string' ? Buffer.from(v, 'utf8') : v).toString('base64')]));

describe('bin/renderThread', () => {
  it('from build/ (the compiled worker exists): the same files, byte for byte, as render in this thread', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'renderThread.js'))) as { startRenderWorker: Start };
    const thread = compiled.startRenderWorker();
    const theirs = await thread.render(job.config, job.input);
    const ours = await render(job.config, job.input);
    expect(Object.keys(theirs).sort()).toEqual(Object.keys(ours).sort());
    expect(Object.keys(ours).some((k) => k.endsWith('.png'))).toBe(true);
    expect(bytes(theirs)).toEqual(bytes(ours));
  }, 60_000);

  it('from the sources (no compiled worker next to it): renders in this thread, the same files', async () => {
    const files = await startRenderWorker().render(job.config, job.input);
    expect(bytes(files)).toEqual(bytes(await render(job.config, job.input)));
  }, 60_000);

  it('a fault while rendering on the worker reaches the caller as an internal error (exit 2), not a hang', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'renderThread.js'))) as { startRenderWorker: Start };
    // a table id that cannot be a file name is a bug of the caller: renderExport refuses it
    const exported = job.input.protection.exported;
    const [first] = Object.keys(exported.tables);
    const tables = { ...exported.tables, '../x': exported.tables[first!]! };
    const broken: RenderInput = { ...job.input, protection: { ...job.input.protection, exported: { ...exported, tables } } };
    const err = await compiled.startRenderWorker().render(job.config, broken).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('InternalError');
    expect((err as { exitCode?: number }).exitCode).toBe(2);
    expect((err as Error).message).toContain('cannot be a file name');
  }, 60_000);

  it('stop() ends a worker that was never given a job', async () => {
    const compiled = (await import(join(packageRoot(), 'build', 'bin', 'renderThread.js'))) as { startRenderWorker: Start };
    const thread = compiled.startRenderWorker();
    thread.stop();
    expect(await thread.render(job.config, job.input).then(() => 'rendered', () => 'refused')).toBe('refused');
  }, 60_000);
});
