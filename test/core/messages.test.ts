import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Messages, messages, messagesFor } from '../../core/messages.js';

/**
 * Sample arguments per message, with distinctive values so that the test can see each one in the text.
 * A message added to the catalogue without an entry here is called with distinctive strings, one per parameter.
 */
const SAMPLES: Partial<Record<keyof Messages, unknown[]>> = {
  missingSources: ['/data/inDir'],
  missingSource: ['srgSrc', 'PREFIXQ'],
  missingColumn: ['fileQ.csv', 'COLQ', 'fieldQ', ['AVAIL1', 'AVAIL2']],
  noYear: ['HOOGSTEOPLQ.csv'],
  badInput: [37, 4321],
  problem: [
    { file: 'fileQ.csv', column: 'COLQ', problem: 'unparseable date', value: 'VALQ', rows: [12, 13], count: 77 },
  ],
  problemKind: ['key_too_long', 37],
  outputExists: ['/out/dirQ'],
  configRead: ['cfgQ.json', 'WHYQ'],
  configField: ['cfgQ.json', 'fieldQ', 'WHYQ'],
  inputDirMissing: ['/in/dirQ'],
  quarantineNote: ['4321'],
  fewerThan: [37],
  badOption: ['--scale', 'VALQ', 'EXPECTQ'],
  scaleRange: [37],
  auditFailed: ['/out/dirQ'],
  unreadable: ['fileQ.csv', 'WHYQ'],
  internal: ['WHATQ'],
  summaryAudit: [true, 'internalQ/audit.html', 'exportQ/'],
  summaryStep: ['export/README.txt', 'exportQ/'],
  summaryQuarantine: [4321, 'internalQ/quarantine.csv'],
  summaryUserTables: [['U1Q', 'U2Q'], [{ table: '3.1Q', hidden: 4321, shown: 37 }], 4358],
  compareProtected: [true],
  outputLocked: ['/out/dirQ', 4321, '/out/.dirQ.lockQ'],
  tableUnknownKey: ['KEYQ', ['VALID1', 'VALID2']],
  tableUnknownList: ['LISTQ', ['VALID1', 'VALID2']],
  tableUnknownSet: ['SETQ', ['VALID1', 'VALID2']],
  tableUnknownValue: ['DIMQ', 'VALQ', ['VALID1', 'VALID2']],
  tableIdUnknown: ['PATQ', ['VALID1', 'VALID2']],
  wmoYearsMissing: [[2031, 2032], '2017-01-01', '2022-12-31'],
  csvMixedLineEnds: [4321, true],
  csvLongRow: [4321, 2_097_152],
  tableTitleMissing: ['en'],
  validateTables: [29, ['FX1Q'], ['3.1Q']],
  validateFiles: ['srcQ', ['FILE1Q.csv', 'FILE2Q.sav']],
  validateIgnored: [['NOTES1Q.txt', 'OLD2Q.csv']],
  validateDuplicates: ['srcQ', 4321],
  generateWrote: [37, '4,321', '/out/dirQ'],
  auditNotRun: ['/out/dirQ', '/out/dirQ/output'],
  auditParameters: [37, true, 7],
  auditClaimDiffers: ['whereQ', 'fileQ.json', [37, 4321], [38, 4322]],
  auditJointNarrows: ['whereQ', [37, 4321], { lo: 12, hi: 99 }],
  auditJointEarlierPrimary: ['labelQ', [37, 4321], { lo: 12, hi: 99 }],
  auditPreviousMissing: ['/old/dirQ', '/new/dirQ'],
};

/**
 * Messages whose parameter chooses the sentence instead of appearing in it (test/reports/runSummary.test.ts renders both of summaryAudit's;
 * test/model/problemKinds.test.ts every problemKind).
 */
const CHOOSERS = new Set<string>(['summaryStep', 'summaryAudit', 'tableTitleMissing', 'problemKind', 'auditVerdict']);

function argsFor(key: string, fn: (...a: never[]) => string): unknown[] {
  return SAMPLES[key as keyof Messages] ?? Array.from({ length: fn.length }, (_, i) => `ARG${i}Q`);
}

/** Every scalar inside the arguments, as it would be printed. */
function printed(args: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    else if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
  };
  args.forEach(walk);
  return out;
}

const en = messagesFor('en');

/** The program's code outside the catalogue and the tests: what may use a message. */
const ROOT = join(import.meta.dirname, '..', '..');
const CODE_DIRS = [
  'bin',
  'core',
  'model',
  'sav',
  'schemas',
  'sources',
  'synthetic',
  'reports',
  'disclosure',
  'audit',
  'pipeline',
  'bench',
  'bundle',
];
function codeFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
    });
  return CODE_DIRS.map((d) => join(ROOT, d))
    .filter((d) => existsSync(d))
    .flatMap(walk)
    .filter((f) => relative(ROOT, f) !== join('core', 'messages.ts'));
}

/** Keys no text refers to as a property (`messages.key`, `m.key`, `text.key`): dead entries of the catalogue. */
function unusedKeys(keys: readonly string[], texts: readonly string[]): string[] {
  return keys.filter((k) => !texts.some((t) => new RegExp(`\\.${k}\\b`).test(t)));
}
const nl = messagesFor('nl');
const call = (m: Messages, key: string, args: unknown[]) =>
  (m[key as keyof Messages] as (...a: unknown[]) => string)(...args);

describe('core/messages', () => {
  it('terminal messages are the English catalogue', () => {
    expect(messages).toBe(en);
  });

  it('the Dutch catalogue has exactly the keys of the English one, all functions', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [k, f] of Object.entries(nl)) expect(typeof f, k).toBe('function');
  });

  for (const key of Object.keys(en)) {
    it(`${key}: a non-empty sentence in both languages with every parameter filled in`, () => {
      const args = argsFor(key, en[key as keyof Messages] as never);
      const texts = { en: call(en, key, args), nl: call(nl, key, args) };
      for (const [lang, text] of Object.entries(texts)) {
        expect(typeof text, lang).toBe('string');
        expect(text.trim().length, lang).toBeGreaterThan(0);
        expect(text, lang).not.toMatch(/undefined|\[object Object\]|NaN/);
        if (!CHOOSERS.has(key))
          for (const value of printed(args)) expect(text, `${lang} ${key} shows ${value}`).toContain(value);
      }
    });
  }

  it('every message is used by the program (a test alone does not keep a message)', () => {
    const files = codeFiles();
    expect(files.map((f) => relative(ROOT, f))).toContain(join('bin', 'runCommand.ts'));
    expect(
      unusedKeys(
        Object.keys(en),
        files.map((f) => readFileSync(f, 'utf8')),
      ),
    ).toEqual([]);
  });

  it('the unused-message check finds a key only its definition or a look-alike names', () => {
    const texts = ['messages.validateOk(input);', 'const validateFilesQ = 1; m.validateIgnoredQ();'];
    expect(unusedKeys(['validateOk', 'validateFiles', 'validateIgnored'], texts)).toEqual([
      'validateFiles',
      'validateIgnored',
    ]);
  });

  it('validateFiles: a source without a file says so', () => {
    expect(en.validateFiles('gba', [])).toBe('gba: (none)');
    expect(nl.validateFiles('gba', [])).toBe('gba: (geen)');
    expect(en.validateFiles('gba', ['A.csv', 'B.csv'])).toBe('gba: A.csv, B.csv');
  });

  it('Dutch and English differ for sentences (not just a copy of the English catalogue)', () => {
    const same = Object.keys(en).filter((k) => {
      const args = argsFor(k, en[k as keyof Messages] as never);
      return call(en, k, args) === call(nl, k, args);
    });
    // a message made only of its parameters is identical: demoStage (the stage name and an ellipsis) and validateFiles
    // (a source and its files; "(none)"/"(geen)" when it has none, tested above)
    expect(same).toEqual(['demoStage', 'validateFiles']);
  });

  it('no literal disclosure threshold in the prose: "fewer than" follows its parameter', () => {
    expect(en.fewerThan(10)).toBe('fewer than 10');
    expect(en.fewerThan(25)).toBe('fewer than 25');
    expect(nl.fewerThan(25)).toBe('minder dan 25');
    for (const k of Object.keys(en)) {
      const args = argsFor(k, en[k as keyof Messages] as never);
      for (const m of [en, nl]) {
        let text = call(m, k, args);
        for (const v of printed(args)) text = text.replaceAll(v, '');
        expect(text, k).not.toMatch(/(?<![\d])(9|10)(?![\d])/);
      }
    }
  });

  it('problem: singular and plural counts, and an ellipsis when not every row is listed', () => {
    const base = { file: 'f.csv', column: 'C', problem: 'bad', value: null, rows: [3], count: 1 };
    expect(en.problem(base)).toBe('f.csv, column C: bad at row 3 (1 row with this problem)');
    expect(nl.problem(base)).toBe('f.csv, kolom C: bad in rij 3 (1 rij met dit probleem)');
    expect(en.problem({ ...base, rows: [3, 4], count: 9 })).toContain('at row 3, 4, … (9 rows');
    expect(nl.problem({ ...base, rows: [3, 4], count: 9 })).toContain('in rij 3, 4, … (9 rijen');
    expect(en.problem({ ...base, rows: [], count: 2 })).toBe('f.csv, column C: bad (2 rows with this problem)');
    expect(en.problem({ ...base, value: 'x' })).toContain('bad value "x" at row 3');
  });
});
