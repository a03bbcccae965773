import { describe, expect, it } from 'vitest';
import { type TableView, tableHtml } from '../../reports/tableHtml.js';

const view = (over: Partial<TableView> = {}): TableView => ({
  caption: 'Tabel 3.3 "Pwet" & meer',
  rows: [
    { key: 'a', label: 'Rij <a>' },
    { key: 'b', label: 'Rij b' },
  ],
  columns: [
    { key: 'x', label: 'Kolom x' },
    { key: 'y', label: 'Kolom "y"' },
  ],
  sections: [
    {
      cells: [
        [{ text: '1.234' }, { text: '**', kind: 'primary', note: 'kleiner dan 10 & zo' }],
        [{ text: '5', kind: 'suppressed' }],
      ],
    },
  ],
  footnotes: [{ marker: '**', text: 'Te weinig <waarnemingen>' }],
  ...over,
});

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('reports/tableHtml', () => {
  it('one header cell per column plus the corner, one row per table row with the label as row header', () => {
    const html = tableHtml(view());
    expect(count(html, /<th scope="col">/g)).toBe(3);
    expect(count(html, /<th scope="row">/g)).toBe(2);
    expect(count(html, /<td/g)).toBe(4);
    expect(html).toContain('<th scope="row">Rij &lt;a&gt;</th>');
  });

  it('escapes caption, labels, cell text, notes and footnotes', () => {
    const html = tableHtml(view());
    expect(html).toContain('aria-label="Tabel 3.3 &quot;Pwet&quot; &amp; meer"');
    expect(html).toContain('<th scope="col">Kolom &quot;y&quot;</th>');
    expect(html).toContain('<td class="primary" title="kleiner dan 10 &amp; zo">**</td>');
    expect(html).toContain('<li><b>**</b> Te weinig &lt;waarnemingen&gt;</li>');
    expect(html).not.toContain('<a>');
    const cell = tableHtml(view({ sections: [{ cells: [[{ text: '<b>1 & 2</b>' }]] }] }));
    expect(cell).toContain('<td>&lt;b&gt;1 &amp; 2&lt;/b&gt;</td>');
  });

  it('cell kinds become classes; a missing cell is an empty cell without class', () => {
    const html = tableHtml(view());
    expect(html).toContain('<td class="suppressed">5</td>');
    expect(html).toContain('<td>1.234</td>');
    // row b has only one cell given: the second is empty
    expect(html).toMatch(/<td class="suppressed">5<\/td>\n<td><\/td>\n<\/tr>/);
    expect(tableHtml(view({ sections: [{ cells: [[{ text: '', kind: 'empty' }]] }] }))).not.toContain('class="empty"');
  });

  it('an extra section gets a heading row repeating the column labels', () => {
    const html = tableHtml(
      view({ sections: [{ cells: [] }, { heading: 'Percentage <van> totaal', cells: [[{ text: '38,2%' }]] }] }),
    );
    expect(html).toContain('<tr class="section"><th scope="rowgroup">Percentage &lt;van&gt; totaal</th>');
    expect(count(html, /<th scope="col">/g)).toBe(3 + 2);
    expect(count(html, /<th scope="row">/g)).toBe(4);
    expect(html).toContain('<td>38,2%</td>');
  });

  it('no footnotes: no notes list', () => {
    expect(tableHtml(view({ footnotes: [] }))).not.toContain('<ul');
  });
});
