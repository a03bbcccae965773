import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DECLARATIONS } from '../../model/tableDeclarations.js';
import { reportHtml } from '../../reports/reportHtml.js';
import { FIGURE_IDS, PUBLISHED_ORDER } from '../../reports/tableOrder.js';
import { writeExport } from '../support/writeExport.js';
import { sampleExport } from '../support/sampleExport.js';

const CHROMIUM = '/usr/bin/chromium';
// In CI a missing browser must fail the run (launch throws); only a developer machine without it skips.
const skip = !existsSync(CHROMIUM) && !process.env.CI;

describe('reportHtml (string)', () => {
  it('is one self-contained page: no scripts, no external references', () => {
    const html = reportHtml(
      sampleExport(),
      { 'F3.4': '<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><rect fill="url(#a)"/></g></svg>' },
      { lang: 'nl', threshold: 10, declarations: TABLE_DECLARATIONS },
    );
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
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every table and figure, without console errors or network requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-report-'));
    const s = sampleExport();
    await writeExport(dir, s, {
      lang: 'nl',
      threshold: 10,
      declarations: TABLE_DECLARATIONS,
      notes: () => ({ readme: 'x\n' }),
    });
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
    const sections = await page
      .locator('section[data-table-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-table-id')));
    expect(sections).toEqual(PUBLISHED_ORDER);

    for (const id of PUBLISHED_ORDER) {
      const t = s.tables[id]!;
      const section = page.locator(`section[data-table-id="${id}"]`);
      await expect(section.locator('h2').innerText()).resolves.toContain(t.title);
      const rowCount = await section.locator('table.data tbody tr:not(.section)').count();
      expect(rowCount, id).toBe(t.rows.length * (t.percentages ? 2 : 1));
      const header = (await section.locator('table.data thead th').allInnerTexts()).map((x) =>
        x.replace(/\u00a0/g, ' '),
      );
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
      // a long category label is drawn on several lines (one <text>, a <tspan> per line)
      expect(
        texts.some((x) => x.replace(/\s/g, '').includes(s.tables[id]!.rows[0]!.label.replace(/\s/g, ''))),
        id,
      ).toBe(true);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  for (const width of [800, 1280, 1400, 1920]) {
    it(`at ${width} px: no horizontal overflow, headers wrap only between words, chart text at least 11 px, an all-** figure says so`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mg-report-'));
      const s = sampleExport();
      // F4.3 with only ** and 0: the chart must say so instead of drawing an empty plot
      s.tables['F4.3']!.cells = s.tables['F4.3']!.cells.map((r, i) => r.map(() => (i < 2 ? '**' : 0)));
      for (const t of Object.values(s.tables))
        t.note = '12 invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.';
      await writeExport(dir, s, {
        lang: 'nl',
        threshold: 10,
        declarations: TABLE_DECLARATIONS,
        notes: () => ({ readme: 'x\n' }),
      });
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);

      // column headers: never broken inside a word (no overflow-wrap:anywhere, no automatic hyphens)
      const styles = await page
        .locator('table.data thead th')
        .first()
        .evaluate((el) => {
          const c = getComputedStyle(el);
          return { wrap: c.overflowWrap, brk: c.wordBreak, hyph: c.hyphens };
        });
      expect(styles).toEqual({ wrap: 'normal', brk: 'normal', hyph: 'manual' });
      // and every header word fits on its line: a word wider than its cell would be cut or overflow
      const tooNarrow = await page
        .locator('table.data thead th')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(tooNarrow).toEqual([]);
      // at a desktop width every table fits its column: no column (F3.1's "Totaal") behind a horizontal scrollbar
      if (width >= 1280) {
        const scrolled = await page
          .locator('section[data-table-id] .scroll')
          .evaluateAll((els) =>
            els
              .filter((e) => e.scrollWidth > e.clientWidth + 1)
              .map((e) => e.closest('section')?.getAttribute('data-table-id')),
          );
        expect(scrolled).toEqual([]);
      }

      // chart text as drawn on the page: font size × the scale the SVG is shown at
      const smallest = await page.locator('figure svg').evaluateAll((svgs) =>
        Math.min(
          ...svgs.flatMap((svg) => {
            const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
            return [...svg.querySelectorAll('text')]
              .filter((t) => (t.textContent ?? '').trim() !== '')
              .map((t) => parseFloat(t.getAttribute('font-size') ?? '0') * scale);
          }),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(11);

      const f43 = await page.locator('figure[data-figure-id="F4.3"] svg text').allTextContents();
      expect(f43.join(' ')).toContain('Alle waarden afgeschermd (**) of nul');
      await expect(page.locator('section[data-table-id="3.1"] p.note').innerText()).resolves.toContain(
        'terzijde gelegd',
      );

      const shots = process.env.MG_SCREENS ?? mkdtempSync(join(tmpdir(), 'mg-shots-'));
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `report-${width}.png`), fullPage: false });
      await page.locator('section[data-table-id="3.3"]').screenshot({ path: join(shots, `report-3.3-${width}.png`) });
      await page.locator('section[data-table-id="F4.3"]').screenshot({ path: join(shots, `report-F4.3-${width}.png`) });
      await page.close();
    });
  }

  it("audit.html and the comparison page fit at 800 px and show each suppressed cell's interval", async () => {
    const { auditHtml } = await import('../../reports/auditHtml.js');
    const { compareRuns, comparisonHtml } = await import('../../reports/compareRuns.js');
    const dir = mkdtempSync(join(tmpdir(), 'mg-audit-'));
    const s = sampleExport();
    // the sample as "internal": suppressed cells get a value, a mark and an audited interval
    const internal = {
      period: s.period,
      tables: {} as Record<
        string,
        {
          title: string;
          rows: (typeof s.tables)[string]['rows'];
          columns: (typeof s.tables)[string]['columns'];
          cells: (number | null)[][];
        }
      >,
    };
    const marks: Record<string, ('primary' | 'secondary' | null)[][]> = {};
    const cells: import('../../reports/auditHtml.js').AuditedCell[] = [];
    for (const [id, t] of Object.entries(s.tables)) {
      internal.tables[id] = {
        title: t.title,
        rows: t.rows,
        columns: t.columns,
        cells: t.cells.map((r) => r.map((v) => (v === '**' ? 4 : v))),
      };
      marks[id] = t.cells.map((r) => r.map((v) => (v === '**' ? 'primary' : null)));
      t.cells.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === '**')
            cells.push({
              table: id,
              row: t.rows[i]!.key,
              column: t.columns[j]!.key,
              value: 4,
              kind: 'primary',
              interval: [0, 12],
              protection: 2,
            });
        }),
      );
    }
    writeFileSync(
      join(dir, 'audit.html'),
      auditHtml(internal, marks, {
        lang: 'nl',
        declarations: TABLE_DECLARATIONS,
        params: { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 },
        cells,
      }),
    );
    const later = structuredClone(s);
    later.period = { start: '2017-01-01', end: '2023-12-31' };
    (later.tables['3.1']!.cells[0] as (number | string | null)[])[0] = 72519;
    writeFileSync(
      join(dir, 'comparison.html'),
      comparisonHtml(compareRuns(s, later, TABLE_DECLARATIONS), {
        lang: 'nl',
        declarations: TABLE_DECLARATIONS,
        oldName: 'run-2022',
        newName: 'run-2023',
        oldPeriod: s.period,
        newPeriod: later.period,
        threshold: 10,
        protectedAgainstOld: false,
      }),
    );
    const shots = process.env.MG_SCREENS ?? mkdtempSync(join(tmpdir(), 'mg-shots-'));
    mkdirSync(shots, { recursive: true });
    for (const name of ['audit', 'comparison']) {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.goto(pathToFileURL(join(dir, `${name}.html`)).href, { waitUntil: 'load' });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, name).toBeLessThanOrEqual(0);
      if (name === 'audit') {
        const items = await page.locator('ul.cells li').allInnerTexts();
        expect(items).toHaveLength(cells.length);
        for (const x of items) expect(x).toMatch(/vereist \[2, 6\] \(p = 2\); bewezen interval \[0, 12\]: voldoet$/);
        await page.locator('section[data-table-id="3.6"]').screenshot({ path: join(shots, 'audit-3.6-800.png') });
      }
      await page.screenshot({ path: join(shots, `${name}-800.png`) });
      await page.close();
    }
  });
});
