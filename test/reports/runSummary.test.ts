import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, messagesFor } from '../../core/messages.js';
import { type RunSummary, demoLines, runSummary, runSummaryLines } from '../../reports/runSummary.js';

/** A summary with every optional line: earlier exports, quarantined rows (so every path-bearing sentence is printed). */
function summary(passed: boolean): RunSummary {
  return runSummary({
    period: { start: '2017-01-01', end: '2022-12-31' },
    tables: 28,
    cells: { published: 300, primary: 40, secondary: 30, differencing: 3, earlierCell: 2, forPrevious: 7 },
    quarantinedRows: 5,
    passed,
    totalMs: 7_300,
    stageMs: { validate: 100 },
  });
}

const summaryText = (lang: 'en' | 'nl') => {
  const m = messagesFor(lang);
  return {
    wrote: m.summaryWrote,
    period: m.summaryPeriod,
    tables: m.summaryTables,
    earlier: m.summaryEarlier,
    userTables: m.summaryUserTables,
    audit: m.summaryAudit,
    quarantine: m.summaryQuarantine,
    next: m.summaryNext,
    step: m.summaryStep,
  };
};

const demoText = (lang: 'en' | 'nl') => {
  const m = messagesFor(lang);
  return {
    written: m.demoWritten,
    inputFolder: m.demoInputFolder,
    exportFolder: m.demoExportFolder,
    internalFolder: m.demoInternalFolder,
    auditHint: m.demoAuditHint,
    lookFirst: m.demoLookFirst,
  };
};

// the figure and table captions of the demo have "/" of their own (a ratio, "werkkring/jobcoach"): no paths, so
// left out of the separator check by giving captions without one
const demo = {
  dir: 'demo-out',
  command: 'multigebruik',
  figure: 'Figure 1.1 Persons',
  busiest: 'Table 2.3 Provisions',
  suppressed: 17,
};

/** The lines with the one "/" that is no path taken out: Dutch "t/m" (up to and including) between the dates. */
const pathText = (lines: string[]) => lines.join('\n').replaceAll(' t/m ', ' ');

describe("reports/runSummary: paths on the terminal, the platform's way", () => {
  for (const lang of ['en', 'nl'] as const) {
    for (const passed of [true, false]) {
      it(`run summary (${lang}, audit ${passed ? 'passed' : 'failed'}): only "\\" with path.win32, only "/" with path.posix`, () => {
        const win = runSummaryLines(summary(passed), 'H:/Mijn project/uit', summaryText(lang), win32);
        const nix = runSummaryLines(summary(passed), '/home/r/uit', summaryText(lang), posix);
        expect(pathText(win)).not.toContain('/');
        expect(pathText(nix)).not.toContain('\\');
        // the folder as typed, with the platform's separator; each path the summary names, under it or in the output
        expect(win[0]).toMatch(/H:\\Mijn project\\uit .*\(export\\, internal\\, manifest\.json\)/);
        expect(nix[0]).toMatch(/\/home\/r\/uit .*\(export\/, internal\/, manifest\.json\)/);
        expect(win.join('\n')).toContain('internal\\quarantine.csv');
        expect(win.join('\n')).toContain(passed ? 'internal\\audit.html' : 'export\\');
        expect(nix.join('\n')).toContain(passed ? 'internal/audit.html' : 'export/');
        const steps = win.slice(win.indexOf(messagesFor(lang).summaryNext()) + 1);
        expect(steps.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual([
          'H:\\Mijn project\\uit\\export\\report.html',
          'H:\\Mijn project\\uit\\export\\README.txt',
          'H:\\Mijn project\\uit\\export\\LEESMIJ.txt',
          'H:\\Mijn project\\uit\\internal\\audit.html',
          'H:\\Mijn project\\uit\\internal\\quarantine.csv',
        ]);
        // the step's sentence is chosen by the "/" path still: every step has one
        for (const l of steps) expect(l.trim().split(/\s{2,}/)[1]?.length ?? 0, l).toBeGreaterThan(0);
      });
    }

    it(`demo lines (${lang}): only "\\" with path.win32, only "/" with path.posix, the folders aligned`, () => {
      const win = demoLines(demo, demoText(lang), win32);
      const nix = demoLines(demo, demoText(lang), posix);
      expect(pathText(win)).not.toContain('/');
      expect(pathText(nix)).not.toContain('\\');
      expect(win[0]).toContain('demo-out\\:');
      expect(nix[0]).toContain('demo-out/:');
      expect(win.slice(1, 4).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual([
        'input\\',
        'output\\export\\',
        'output\\internal\\',
      ]);
      expect(nix.slice(1, 4).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual([
        'input/',
        'output/export/',
        'output/internal/',
      ]);
      const say = demoText(lang);
      const columns = [
        say.inputFolder(),
        say.exportFolder(win32.join('tables', '*.csv'), `charts${win32.sep}`),
        say.internalFolder(),
      ].map((t, i) => win[i + 1]!.indexOf(t));
      expect(columns[0]).toBeGreaterThan('  output\\internal\\'.length - 1);
      expect(new Set(columns).size).toBe(1);
      expect(win.join('\n')).toContain('tables\\*.csv');
      expect(win.join('\n')).toContain('charts\\)');
      expect(win.join('\n')).toContain('audit demo-out\\output');
      expect(win.join('\n')).toContain('demo-out\\output\\internal\\audit.html');
      expect(nix.join('\n')).toContain('demo-out/output/internal/audit.html');
    });
  }

  it('a demo folder typed with "/" on Windows, or ending in a separator, is written once with "\\"', () => {
    expect(demoLines({ ...demo, dir: 'C:/tmp/demo/' }, demoText('en'), win32)[0]).toBe(
      messages.demoWritten('C:\\tmp\\demo\\'),
    );
    expect(demoLines({ ...demo, dir: 'demo-out/' }, demoText('en'), posix)[0]).toBe(messages.demoWritten('demo-out/'));
  });

  it("compare names its files the platform's way, the catalogue adding no separator of its own", () => {
    for (const lang of ['en', 'nl'] as const) {
      expect(messagesFor(lang).compareWrote(win32.join('H:/cmp', 'comparison.csv'), 'comparison.html')).not.toContain(
        '/',
      );
      expect(messagesFor(lang).compareWrote(posix.join('/cmp', 'comparison.csv'), 'comparison.html')).toContain(
        '/cmp/comparison.csv',
      );
    }
  });
});
