import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ManifestInput,
  buildManifest,
  manifestInputs,
  manifestThreshold,
  readManifest,
} from '../../schemas/manifest.js';
import { defaultConfig } from '../support/runOnFolder.js';

const used = () => [
  { source: 'wmo', name: 'WMO2021.csv', bytes: 30, facts: { sha256: 'c'.repeat(64), lines: 11 }, rows: undefined },
  { source: 'srg', name: 'SRG.parquet', bytes: 10, facts: { sha256: 'a'.repeat(64), lines: 3 }, rows: 500 },
  { source: 'gba', name: 'GBA.csv', bytes: 20, facts: { sha256: 'b'.repeat(64), lines: 0 }, rows: undefined },
];

const input = (over: Partial<ManifestInput> = {}): ManifestInput => ({
  config: defaultConfig(),
  software: { name: 'multigebruik', version: '9.9.9', commit: 'abc', node: 'v22.0.0' },
  period: { start: '2017-01-01', end: '2022-12-31' },
  backgroundPeriod: { start: '2022-01-01', end: '2022-12-31' },
  inputs: manifestInputs(used()),
  ignoredFiles: ['notes.txt'],
  rowsKept: { srg: 500 },
  duplicateRecords: { srg: 2 },
  quarantinedRows: 0,
  previous: [],
  anyPersons: true,
  stageMs: { read: 1, validate: 2 },
  totalMs: 3,
  summary: { audit: 'passed' },
  ...over,
});

describe('schemas/manifest', () => {
  it('inputs sorted by file name, with source, bytes and SHA-256', () => {
    const m = buildManifest(input());
    expect(m.inputs.map((f) => f.file)).toEqual(['GBA.csv', 'SRG.parquet', 'WMO2021.csv']);
    expect(m.inputs[1]).toEqual({ source: 'srg', file: 'SRG.parquet', bytes: 10, rows: 500, sha256: 'a'.repeat(64) });
  });

  it('rows: as given (DuckDB counted), else lines − 1 for the header, never negative', () => {
    const rows = Object.fromEntries(buildManifest(input()).inputs.map((f) => [f.file, f.rows]));
    expect(rows).toEqual({ 'SRG.parquet': 500, 'WMO2021.csv': 10, 'GBA.csv': 0 });
  });

  it("does not reorder the caller's list", () => {
    const u = used();
    const names = u.map((x) => x.name);
    manifestInputs(u);
    expect(u.map((x) => x.name)).toEqual(names);
  });

  it('config: the value and the SHA-256 of its JSON text', () => {
    const i = input();
    const m = buildManifest(i);
    expect(m.config.value).toEqual(i.config);
    expect(m.config.sha256).toBe(createHash('sha256').update(JSON.stringify(i.config)).digest('hex'));
    const other = buildManifest(input({ config: defaultConfig({ language: 'en' }) }));
    expect(other.config.sha256).not.toBe(m.config.sha256);
  });

  it('never a person count: "none" or a pointer to internal/tables.json', () => {
    expect(buildManifest(input()).persons).toBe('see internal/tables.json');
    expect(buildManifest(input({ anyPersons: false })).persons).toBe('none');
  });

  it('software, periods and bookkeeping are passed through; same input, same JSON', () => {
    const m = buildManifest(input());
    expect(m.software).toEqual({ name: 'multigebruik', version: '9.9.9', commit: 'abc', node: 'v22.0.0' });
    expect(m.period).toEqual({ start: '2017-01-01', end: '2022-12-31' });
    expect(m.backgroundPeriod).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(m.ignoredFiles).toEqual(['notes.txt']);
    expect(m.duplicateRecords).toEqual({ srg: 2 });
    expect(m.stageMs).toEqual({ read: 1, validate: 2 });
    expect(m.summary).toEqual({ audit: 'passed' });
    expect(JSON.stringify(buildManifest(input()))).toBe(JSON.stringify(m));
  });

  describe('readManifest: the one reader', () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-manifest-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    let k = 0;
    const folder = (text?: string) => {
      const dir = mkdtempSync(join(root, `m${k++}-`));
      if (text !== undefined) writeFileSync(join(dir, 'manifest.json'), text);
      return dir;
    };
    const previous = [
      {
        dir: 'out-2021',
        period: { start: '2017-01-01', end: '2021-12-31' },
        tablesSha256: 'a'.repeat(64),
        manifestSha256: 'b'.repeat(64),
      },
    ];

    it('reads back what buildManifest writes, with its exact text', () => {
      const text = `${JSON.stringify(buildManifest(input({ previous })), null, 2)}\n`;
      const r = readManifest(folder(text));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.text).toBe(text);
      expect(r.manifest.software.version).toBe('9.9.9');
      expect(r.manifest.period).toEqual({ start: '2017-01-01', end: '2022-12-31' });
      expect(r.manifest.previous).toEqual(previous);
      expect(manifestThreshold(r.manifest)).toBe(10);
    });

    it('says why it cannot: no file, not JSON, another shape (naming the field)', () => {
      const missing = readManifest(folder());
      expect(missing).toMatchObject({ ok: false, problem: 'unreadable', detail: 'ENOENT' });
      expect(readManifest(folder('{"software": '))).toMatchObject({ ok: false, problem: 'notJson' });
      const foreign = readManifest(
        folder(JSON.stringify({ ...buildManifest(input()), software: { name: 'other', version: '1' } })),
      );
      expect(foreign).toMatchObject({ ok: false, problem: 'shape' });
      if (!foreign.ok) expect(foreign.detail).toMatch(/^software\.name: /);
      const badEarlier = buildManifest(input({ previous: [{ ...previous[0]!, tablesSha256: 'not a hash' }] }));
      expect(readManifest(folder(JSON.stringify(badEarlier)))).toMatchObject({ ok: false, problem: 'shape' });
    });

    it('manifestThreshold: only a whole number from the config', () => {
      const m = (value: unknown) => ({ ...buildManifest(input()), config: { sha256: '', value } });
      expect(manifestThreshold(m({ disclosure: { threshold: 5 } }))).toBe(5);
      expect(manifestThreshold(m({ disclosure: { threshold: '5' } }))).toBeUndefined();
      expect(manifestThreshold(m(null))).toBeUndefined();
    });
  });
});
