import { parentPort } from 'node:worker_threads';
import type { Config } from '../schemas/config.js';
import { preloadRender, render, type RenderInput } from '../pipeline/render.js';

/**
 * Worker of `startRenderWorker` (bin/renderThread.ts): loads the renderers as soon as it starts (while the main
 * thread still protects), then renders the one job it is sent and posts the files back, or the error.
 */
const ready = preloadRender();
parentPort!.once('message', async (job: { config: Config; input: RenderInput }) => {
  try {
    await ready;
    parentPort!.postMessage({ files: await render(job.config, job.input) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ error: { name: err.name, message: err.message, stack: err.stack } });
  }
});
