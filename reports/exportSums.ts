import { createHash } from 'node:crypto';

/**
 * What binds the evidence to the export in hand (docs/decisions.md, "Evidence bound to the export"):
 *
 * - `export/SHA256SUMS` lists the SHA-256 of every other file of export/, in the format of GNU `sha256sum`
 *   ("<64 hex>  <path>", paths relative to export/ with "/", sorted), so `sha256sum -c SHA256SUMS` inside export/
 *   checks them all;
 * - the notes (README.txt, LEESMIJ.txt and the summary sheet of tables.xlsx) state the SHA-256 of every data file
 *   (every file of export/ except the notes themselves and SHA256SUMS: a file cannot state its own hash);
 * - internal/audit.html states the SHA-256 of every file of export/, SHA256SUMS included.
 */
export const SUMS_FILE = 'SHA256SUMS';

/** The files of export/ that carry the checker's note, and so cannot be among the files it states the hash of. */
const NOTE_FILES: ReadonlySet<string> = new Set(['README.txt', 'LEESMIJ.txt', 'tables.xlsx']);

export interface FileDigest {
  /** Path relative to export/, "/"-separated. */
  file: string;
  sha256: string;
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const byFile = (a: FileDigest, b: FileDigest) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Is this export file a data file (stated in the notes), rather than a note or SHA256SUMS? */
export function isDataFile(rel: string): boolean {
  return rel !== SUMS_FILE && !NOTE_FILES.has(rel);
}

/** The SHA-256 of the given files (relative path → content), sorted by path. */
export function digestsOf(files: Readonly<Record<string, string | Uint8Array>>): FileDigest[] {
  return Object.entries(files)
    .map(([file, content]) => ({ file, sha256: sha256Hex(content) }))
    .sort(byFile);
}

/** One line of a SHA256SUMS file (two spaces: text mode of `sha256sum`). */
export function sumLine(d: FileDigest): string {
  return `${d.sha256}  ${d.file}`;
}

/** The text of export/SHA256SUMS for the export files given (SHA256SUMS itself left out). */
export function sha256SumsText(files: Readonly<Record<string, string | Uint8Array>>): string {
  const listed = Object.fromEntries(Object.entries(files).filter(([rel]) => rel !== SUMS_FILE));
  return digestsOf(listed)
    .map((d) => `${sumLine(d)}\n`)
    .join('');
}

/** A SHA256SUMS text read back: its digests, or the 1-based number of the first line that is not one. */
export function parseSha256Sums(text: string): { digests: FileDigest[] } | { badLine: number } {
  const digests: FileDigest[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let k = 0; k < lines.length; k++) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(lines[k]!.replace(/\r$/, ''));
    if (!m) return { badLine: k + 1 };
    digests.push({ sha256: m[1]!, file: m[2]! });
  }
  return { digests };
}
