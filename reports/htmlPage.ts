import type { Lang } from './footnotes.js';

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Styles shared by report.html and the audit page: plain, printable, Windows fonts first. */
const PAGE_CSS = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", Arial, "DejaVu Sans", sans-serif; font-size: 15px; line-height: 1.45; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.15em; margin: 2.2em 0 0.6em; border-top: 2px solid #1f4e79; padding-top: 0.6em; }
h2 .caption { color: #1f4e79; }
p.meta { color: #444; margin: 0 0 1em; }
nav ol { columns: 2; padding-left: 1.4em; margin: 0.4em 0 1.2em; }
nav a { color: #1f4e79; }
figure { margin: 0.6em 0 1em; overflow-x: auto; }
figure svg { display: block; max-width: none; height: auto; }
figure svg text { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
.scroll { overflow-x: auto; }
table.data { border-collapse: collapse; margin: 0.4em 0 0.4em; font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 4px 8px; border-bottom: 1px solid #d9d9d9; vertical-align: bottom; }
table.data thead th, table.data tr.section th { text-align: right; font-weight: 600; border-bottom: 2px solid #333; width: 5.5em; hyphens: manual; overflow-wrap: normal; word-break: normal; }
table.data thead th:first-child { text-align: left; width: auto; }
table.data tbody th { text-align: left; font-weight: normal; max-width: 22em; }
table.data tbody tr:not(.section) th { min-width: 10em; }
table.data tbody tr.section th { font-weight: 600; padding-top: 0.9em; border-bottom: 2px solid #333; }
table.data td { text-align: right; white-space: nowrap; }
td.suppressed { color: #666; }
td.primary, .legend span.primary { background: #f8d7d4; color: #7a0000; font-weight: 600; }
td.secondary, .legend span.secondary { background: #fdebc8; color: #6b4700; font-weight: 600; }
td.earlier, .legend span.earlier { background: #dde4f7; color: #1f2f6b; font-weight: 600; }
ul.notes { list-style: none; padding: 0; margin: 0.3em 0 0; font-size: 0.88em; color: #333; }
ul.notes li { margin: 0.1em 0; }
ul.notes b { display: inline-block; min-width: 2em; }
p.verdict { margin: 0.2em 0 0.6em; }
p.verdict.bad { color: #7a0000; }
ul.cells { padding-left: 1.2em; margin: 0.3em 0 0; font-size: 0.9em; }
ul.cells li { margin: 0.15em 0; }
p.note { background: #fff4d6; border-left: 4px solid #b58100; padding: 4px 10px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 8px; }
@media print { h2 { page-break-before: auto; } section { page-break-inside: avoid; } }
`;

/** A complete self-contained HTML document: inline CSS, no scripts, no external resources. */
export function htmlPage(lang: Lang, title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // nothing on this page may load anything: a locked-down machine has no network, and nothing should be needed
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
