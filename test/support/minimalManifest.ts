/**
 * The smallest manifest.json that schemas/manifest.ts reads as a run's (software, period, config, earlier exports),
 * with `over` on top: for tests that need a folder to be recognised as a run's output or a manifest to be read.
 */
export function minimalManifest(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    software: { name: 'multigebruik', version: '0.0.0', commit: 'test', node: 'v20.19.0' },
    period: { start: '2017-01-01', end: '2022-12-31' },
    backgroundPeriod: null,
    config: { sha256: '0'.repeat(64), value: {} },
    previous: [],
    ...over,
  });
}
