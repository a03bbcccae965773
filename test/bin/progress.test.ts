import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endProgress, makeProgress } from '../../bin/progress.js';

describe('bin/progress', () => {
  let written: string[];
  const wasTTY = process.stderr.isTTY;
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.stderr.isTTY = wasTTY;
  });

  it('enabled: one overwriting status line per stage with the elapsed seconds, cleared at the end', () => {
    const progress = makeProgress(true);
    progress('validate');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r\x1b\[K\[\d+\.\ds\] validate…$/);
    endProgress(true);
    expect(written[1]).toBe('\r\x1b[K');
  });

  it('disabled: silent', () => {
    makeProgress(false)('validate');
    endProgress(false);
    expect(written).toEqual([]);
  });

  it('default: quiet when stderr is not a terminal', () => {
    process.stderr.isTTY = false;
    vi.stubEnv('CI', '');
    makeProgress()('read');
    endProgress();
    expect(written).toEqual([]);
  });

  it('default: quiet under CI even on a terminal', () => {
    process.stderr.isTTY = true;
    vi.stubEnv('CI', 'true');
    makeProgress()('read');
    endProgress();
    expect(written).toEqual([]);
  });

  it('default: shown on a terminal outside CI', () => {
    process.stderr.isTTY = true;
    vi.stubEnv('CI', '');
    makeProgress()('read');
    endProgress();
    expect(written).toHaveLength(2);
    expect(written[0]).toContain('read…');
  });
});
