import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError } from '../core/errors.js';
import { render, type Render } from '../pipeline/render.js';
import type { FileMap } from '../reports/renderExport.js';

type Answer = { files: FileMap } | { error: { name: string; message: string; stack?: string } };

/**
 * The render stage on a worker thread, started while protection still runs: loading Vega, ExcelJS and resvg (about a
 * second here, more on Windows) then happens on the second core instead of after protection. The files are the same
 * bytes as `render` in this thread gives (test/bin/renderThread.test.ts). Without the compiled worker (running from
 * the TypeScript sources) it renders in this thread.
 */
export function startRenderWorker(): { render: Render; stop(): void } {
  const url = new URL('./renderWorker.js', import.meta.url);
  const worker = existsSync(fileURLToPath(url)) ? new Worker(url) : null;
  // an error before the job is sent (the worker could not start) is reported when the job is sent
  let failed: unknown;
  worker?.on('error', (e) => (failed ??= e));
  return {
    async render(config, input) {
      if (!worker) return render(config, input);
      if (failed) throw new InternalError(`render thread failed: ${String(failed)}`, { cause: failed });
      const answer = new Promise<Answer>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new InternalError(`render thread stopped (code ${code})`)));
      });
      worker.postMessage({ config, input });
      try {
        const a = await answer;
        if ('files' in a) return a.files;
        throw a.error.name === 'InputError' ? new InputError(a.error.message) : new InternalError(`render: ${a.error.message}\n${a.error.stack ?? ''}`);
      } finally {
        void worker.terminate();
      }
    },
    stop() {
      void worker?.terminate();
    },
  };
}
