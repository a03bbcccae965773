import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkerNoteText, messages, type Language } from '../core/messages.js';
import { escapeHtml } from '../reports/htmlPage.js';
import { isDataFile, parseSha256Sums, SUMS_FILE, sha256Hex, sumLine, type FileDigest } from '../reports/exportSums.js';
import type { Findings } from './findings.js';
import { listFiles, readText } from './runFiles.js';

export interface ExportSumsInput {
  outDir: string;
  /** manifest.json `software`: the program the notes must name. */
  software: { version: string; commit: string };
}

/** The notes of export/ and the language each is written in. */
const NOTES: readonly { file: string; lang: Language }[] = [
  { file: 'README.txt', lang: 'en' },
  { file: 'LEESMIJ.txt', lang: 'nl' },
];

const AUDIT_PAGE = 'internal/audit.html';

/**
 * Evidence bound to the export (reports/exportSums.ts): export/SHA256SUMS must list every other file of export/ with
 * the SHA-256 it has; README.txt and LEESMIJ.txt must state the SHA-256 every data file has and the program of
 * manifest.json; internal/audit.html must state the SHA-256 every file of export/ has. So the evidence handed to a
 * checker describes exactly the export in hand, and a file changed, added or removed afterwards fails the audit.
 */
export function checkExportSums({ outDir, software }: ExportSumsInput): Findings {
  const failures: string[] = [];
  const exportDir = join(outDir, 'export');
  const sumsRel = `export/${SUMS_FILE}`;
  const actual: FileDigest[] = listFiles(exportDir)
    .filter((rel) => rel !== SUMS_FILE)
    .map((rel) => ({ file: rel, sha256: sha256Hex(readFileSync(join(exportDir, ...rel.split('/')))) }));
  const actualOf = new Map(actual.map((d) => [d.file, d.sha256]));

  if (!existsSync(join(exportDir, SUMS_FILE))) failures.push(messages.auditSumsMissing(sumsRel));
  else {
    const parsed = parseSha256Sums(readText(outDir, sumsRel));
    if ('badLine' in parsed) failures.push(messages.auditSumsBadLine(sumsRel, parsed.badLine));
    else {
      const listed = new Set<string>();
      for (const d of parsed.digests) {
        listed.add(d.file);
        const have = actualOf.get(d.file);
        if (have === undefined) failures.push(messages.auditSumListedMissing(`export/${d.file}`, sumsRel));
        else if (have !== d.sha256) failures.push(messages.auditSumDiffers(`export/${d.file}`, sumsRel));
      }
      for (const d of actual)
        if (!listed.has(d.file)) failures.push(messages.auditSumNotListed(`export/${d.file}`, sumsRel));
    }
  }

  for (const { file, lang } of NOTES) {
    if (!existsSync(join(exportDir, file))) continue;
    const rel = `export/${file}`;
    const lines = new Set(readText(outDir, rel).split(/\r?\n/));
    for (const d of actual)
      if (isDataFile(d.file) && !lines.has(`  ${sumLine(d)}`))
        failures.push(messages.auditNoteHash(rel, `export/${d.file}`));
    if (!lines.has(checkerNoteText[lang].madeWith(software.version, software.commit)))
      failures.push(messages.auditNoteSoftware(rel, software.version, software.commit));
  }

  const page = readText(outDir, AUDIT_PAGE);
  const withSums = existsSync(join(exportDir, SUMS_FILE))
    ? [...actual, { file: SUMS_FILE, sha256: sha256Hex(readFileSync(join(exportDir, SUMS_FILE))) }]
    : actual;
  for (const d of withSums)
    if (!page.includes(escapeHtml(sumLine(d)))) failures.push(messages.auditPageHash(AUDIT_PAGE, `export/${d.file}`));

  return { notes: [messages.auditSumsChecked(actual.length)], failures };
}
