import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkerNoteText, messages, type Language } from '../core/messages.js';
import { escapeHtml } from '../reports/htmlPage.js';
import { isDataFile, parseSha256Sums, SUMS_FILE, sha256Hex, sumLine, type FileDigest } from '../reports/exportSums.js';
import type { Findings } from './findings.js';
import { CERTIFICATE_FILE } from '../disclosure/certificate.js';
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
const CERTIFICATE = `internal/${CERTIFICATE_FILE}`;

/** A note of export/ as read once: its path, language and lines. */
interface NoteRead {
  rel: string;
  lang: Language;
  lines: readonly string[];
}

/**
 * The certificate (run --certificate, docs/certificate.md) bound to the export: both notes and internal/audit.html
 * state its SHA-256 (the line the verifiers read, the same in both languages) and it describes export/tables.json as
 * it is; a note stating one without the file fails too. Given the notes and the page as checkExportSums read them.
 */
function certificateBinding(
  outDir: string,
  exportFiles: ReadonlyMap<string, string>,
  notes: readonly NoteRead[],
  page: string,
): string[] {
  const failures: string[] = [];
  const bytes = existsSync(join(outDir, CERTIFICATE)) ? readFileSync(join(outDir, CERTIFICATE)) : null;
  const sha = bytes ? sha256Hex(bytes) : '';
  for (const { rel, lang, lines } of notes) {
    const stated = lines.some((l) => l.startsWith(checkerNoteText[lang].certificateHash('')));
    if (bytes && !lines.includes(checkerNoteText[lang].certificateHash(sha)))
      failures.push(messages.auditCertificateHash(rel, CERTIFICATE));
    else if (!bytes && stated) failures.push(messages.auditCertificateMissing(rel, CERTIFICATE));
  }
  if (!bytes) return failures;
  if (!page.includes(escapeHtml(checkerNoteText.en.certificateHash(sha))))
    failures.push(messages.auditCertificateHash(AUDIT_PAGE, CERTIFICATE));
  let tablesSha: unknown;
  try {
    tablesSha = (JSON.parse(bytes.toString('utf8')) as { exports?: { tablesSha256?: unknown }[] }).exports?.[0]
      ?.tablesSha256;
  } catch {
    tablesSha = undefined;
  }
  if (tablesSha !== exportFiles.get('tables.json'))
    failures.push(messages.auditCertificateTables(CERTIFICATE, 'export/tables.json'));
  return failures;
}

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

  const notes: NoteRead[] = NOTES.filter(({ file }) => existsSync(join(exportDir, file))).map(({ file, lang }) => ({
    rel: `export/${file}`,
    lang,
    lines: readText(outDir, `export/${file}`).split(/\r?\n/),
  }));
  for (const { rel, lang, lines: list } of notes) {
    const lines = new Set(list);
    for (const d of actual)
      if (isDataFile(d.file) && !lines.has(`  ${sumLine(d)}`))
        failures.push(messages.auditNoteHash(rel, `export/${d.file}`));
    if (!lines.has(checkerNoteText[lang].madeWith(software.version, software.commit)))
      failures.push(messages.auditNoteSoftware(rel, software.version, software.commit));
  }

  const page = readText(outDir, AUDIT_PAGE);
  failures.push(...certificateBinding(outDir, actualOf, notes, page));

  const withSums = existsSync(join(exportDir, SUMS_FILE))
    ? [...actual, { file: SUMS_FILE, sha256: sha256Hex(readFileSync(join(exportDir, SUMS_FILE))) }]
    : actual;
  for (const d of withSums)
    if (!page.includes(escapeHtml(sumLine(d)))) failures.push(messages.auditPageHash(AUDIT_PAGE, `export/${d.file}`));

  return { notes: [messages.auditSumsChecked(actual.length)], failures };
}
