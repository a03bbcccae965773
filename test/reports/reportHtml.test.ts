import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../reports/reportHtml.js';
import { FIGURE_IDS, PUBLISHED_ORDER } from '../../reports/tableOrder.js';
import { writeExport } from '../support/writeExport.js';
import { sampleExport } from '../support/sampleExport.js';

const CHROMIUM = '/usr/bin/chromium';
// In CI a missing browser must fail the run (launch throws); only a developer machine without it skips.
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe('reportHtml (string)', () => {
  it('is one self-contained page: no scripts, no external references', () => {
    const html = reportHtml(sampleExport(), { 'F3.4': '<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><rect fill="url(#a)"/></g></svg>' }, { lang: 'nl' });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|https?:\/\/(?!www\.w3\.org)/i);
    expect(html).toContain('id="t-F3-4-a"'); // ids inside inline SVGs are scoped per figure
    expect(html).toContain('url(#t-F3-4-a)');
    expect(html).toContain('Figuur niet beschikbaar.'); // a figure whose chart is missing says so
  });
});

describe.skipIf(skip)('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every table and figure, without console errors or network requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-report-'));
    const s = sampleExport();
    await writeExport(dir, s, { lang: 'nl', checkerNote: 'x\n' });
    const url = pathToFileURL(join(dir, 'report.html')).href;

    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.title()).toBe('Multigebruik van voorzieningen: tabellen en figuren');
    const sections = await page.locator('section[data-table-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-table-id')));
    expect(sections).toEqual(PUBLISHED_ORDER);

    for (const id of PUBLISHED_ORDER) {
      const t = s.tables[id]!;
      const section = page.locator(`section[data-table-id="${id}"]`);
      await expect(section.locator('h2').innerText()).resolves.toContain(t.title);
      const rowCount = await section.locator('table.data tbody tr:not(.section)').count();
      expect(rowCount, id).toBe(t.rows.length * (t.percentages ? 2 : 1));
      const header = await section.locator('table.data thead th').allInnerTexts();
      expect(header.slice(1), id).toEqual(t.columns.map((c) => c.label));
    }
    // a few cells as published (Dutch thousands separator, ** for suppressed, empty for no cell)
    const cells31 = await page.locator('section[data-table-id="3.1"] tbody tr').first().locator('td').allInnerTexts();
    expect(cells31).toEqual(['72.512', '', '781', '18.897']);
    const cells36 = await page.locator('section[data-table-id="3.6"] tbody tr').nth(2).locator('td').allInnerTexts();
    expect(cells36).toEqual(['26.306', '14.669', '12.082', '219', '**', '3.443', '**', '**', '**']);

    for (const id of FIGURE_IDS) {
      const svg = page.locator(`figure[data-figure-id="${id}"] svg`);
      await expect(svg.count()).resolves.toBe(1);
      const box = await svg.boundingBox();
      expect(box!.width, id).toBeGreaterThan(300);
      expect(box!.height, id).toBeGreaterThan(150);
      const texts = await svg.locator('text').allTextContents();
      expect(texts.some((x) => x.includes(s.tables[id]!.rows[0]!.label)), id).toBe(true);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
