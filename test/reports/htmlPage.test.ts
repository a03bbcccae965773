import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage } from '../../reports/htmlPage.js';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('reports/htmlPage', () => {
  it('escapeHtml: the five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;'); // not double-decoded: escaped once more
    expect(escapeHtml('Vervoer *')).toBe('Vervoer *');
  });

  it('escapeHtml: the output has no raw < > " \' and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescape(e)).toBe(s);
      }),
    );
  });

  it('htmlPage: a complete document in the given language, title escaped, body as given', () => {
    const page = htmlPage('en', 'Tables <2017–2022> & "more"', '<p>body</p>');
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<title>Tables &lt;2017–2022&gt; &amp; &quot;more&quot;</title>');
    expect(page).toContain('<main>\n<p>body</p>\n</main>');
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(htmlPage('nl', 't', '')).toContain('<html lang="nl">');
  });

  it('htmlPage: self-contained: no scripts, no external resources, a CSP that forbids loading', () => {
    const page = htmlPage('nl', 't', '');
    expect(page).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(page).toContain(`default-src 'none'`);
    expect(page).toContain('<meta charset="utf-8">');
  });
});
