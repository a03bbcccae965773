import { describe, expect, it } from 'vitest';
import { allFootnotes, footnotes, labelMarker } from '../../reports/footnotes.js';
import type { ExportTable } from '../../schemas/tablesJson.js';

const table = (over: Partial<ExportTable> = {}): ExportTable => ({
  title: 't',
  rows: [{ key: 'a', label: 'Vervoer' }],
  columns: [{ key: 'x', label: 'Totaal' }],
  cells: [[12]],
  ...over,
});

describe('reports/footnotes', () => {
  it('labelMarker: a trailing * or ~ (spaces allowed), not ** and not a marker inside the label', () => {
    expect(labelMarker('Ondersteuning op de werkplek *')).toBe('*');
    expect(labelMarker('Begeleiding op werkkring/jobcoach~')).toBe('~');
    expect(labelMarker('Overig ~  ')).toBe('~');
    expect(labelMarker('Vervoer')).toBeNull();
    expect(labelMarker('a * b')).toBeNull();
    expect(labelMarker('Te weinig **')).toBeNull();
    expect(labelMarker('')).toBeNull();
  });

  it('no markers, no suppression: no footnotes', () => {
    expect(footnotes(table(), 'nl', 10)).toEqual([]);
  });

  it('a marked row or column label brings its note; ** in cells or percentages brings the suppression note; order *, ~, **', () => {
    const t = table({
      rows: [
        { key: 'a', label: 'Jobcoach ~' },
        { key: 'b', label: 'Vervoer' },
      ],
      columns: [{ key: 'x', label: 'Werkplek *' }],
      cells: [[12], ['**']],
    });
    expect(footnotes(t, 'nl', 10).map((f) => f.marker)).toEqual(['*', '~', '**']);
    expect(footnotes(table({ percentages: [['**']] }), 'en', 10).map((f) => f.marker)).toEqual(['**']);
    expect(footnotes(table({ columns: [{ key: 'x', label: 'Werkplek *' }] }), 'en', 10).map((f) => f.marker)).toEqual([
      '*',
    ]);
  });

  it('a null cell is not a suppression', () => {
    expect(footnotes(table({ cells: [[null]] }), 'nl', 10)).toEqual([]);
  });

  it('texts follow the language and match allFootnotes', () => {
    const t = table({ rows: [{ key: 'a', label: 'X *' }], cells: [['**']] });
    const nl = footnotes(t, 'nl', 10);
    const en = footnotes(t, 'en', 10);
    expect(nl.map((f) => f.text)).not.toEqual(en.map((f) => f.text));
    expect(nl[0]!.text).toMatch(/^Vanaf 2019/);
    expect(en[0]!.text).toMatch(/^This category/);
    for (const lang of ['nl', 'en'] as const) {
      const all = allFootnotes(lang, 10);
      expect(all.map((f) => f.marker)).toEqual(['*', '~', '**']);
      for (const f of footnotes(t, lang, 10)) expect(all).toContainEqual(f);
      for (const f of all) expect(f.text.length).toBeGreaterThan(0);
    }
  });
  it("the ** explanation states the run's threshold, not a fixed number", () => {
    const t = table({ cells: [['**']] });
    expect(footnotes(t, 'nl', 15).at(-1)!.text).toContain('minder dan 15 personen');
    expect(footnotes(t, 'en', 15).at(-1)!.text).toContain('fewer than 15 persons');
    expect(allFootnotes('nl', 25).at(-1)!.text).toContain('minder dan 25');
    expect(footnotes(t, 'nl', 15).at(-1)!.text).not.toContain('10');
  });
});
