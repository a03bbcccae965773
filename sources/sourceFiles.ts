import { extname } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';

export type SourceKey = 'srg' | 'uwv' | 'wmo' | 'gba' | 'education';
/** Processing order: provision sources first (they define the study persons), then the characteristics. */
export const SOURCE_KEYS: readonly SourceKey[] = ['srg', 'uwv', 'wmo', 'gba', 'education'];

export const SOURCE_NAMES: Record<SourceKey, string> = {
  srg: 'PWETSRGVOORZIENINGTAB',
  uwv: 'UWV extract (UWVVOORZIENING)',
  wmo: 'WMOBUS',
  gba: 'GBAPERSOONTAB',
  education: 'HOOGSTEOPLTAB',
};

export type FileFormat = 'csv' | 'parquet' | 'sav';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** File name as listed (used in messages and the manifest). */
  name: string;
  size: number;
  format: FileFormat;
}

export interface DirectoryEntry {
  name: string;
  path: string;
  size: number;
}

const FORMATS: Record<string, FileFormat> = { '.csv': 'csv', '.parquet': 'parquet', '.sav': 'sav', '.zsav': 'sav' };

export function formatOf(name: string): FileFormat | undefined {
  return FORMATS[extname(name).toLowerCase()];
}

export interface DiscoveredSources {
  files: Record<SourceKey, InputFile[]>;
  /** Files in the folder that belong to no source (reported in the manifest). */
  ignored: string[];
}

/**
 * Stage "read", part 1: which files make up which source. A file belongs to the source whose configured prefix
 * its name starts with (case-insensitive; the longest prefix wins); CSV, Parquet and SPSS .sav by extension.
 * A source may be split over several files (read together). Pure: the directory listing comes from outside.
 */
export function discoverSources(
  entries: readonly DirectoryEntry[],
  config: Config,
  inputDir: string,
): DiscoveredSources {
  const files = { srg: [], uwv: [], wmo: [], gba: [], education: [] } as Record<SourceKey, InputFile[]>;
  const ignored: string[] = [];
  const prefixes = SOURCE_KEYS.map((k) => [k, config.sources[k].prefix.toUpperCase()] as const).sort(
    (a, b) => b[1].length - a[1].length,
  );
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const format = formatOf(e.name);
    const match = prefixes.find(([, p]) => e.name.toUpperCase().startsWith(p));
    if (!format || !match) {
      ignored.push(e.name);
      continue;
    }
    files[match[0]].push({ path: e.path, name: e.name, size: e.size, format });
  }
  checkLookalikes(ignored, prefixes);
  checkAmbiguous(files);
  checkWmoYears(files.wmo, config.period);
  const missing = SOURCE_KEYS.filter((k) => config.sources[k].required && files[k].length === 0);
  if (missing.length > 0) {
    throw new InputError(
      messages.missingSources(inputDir),
      missing.map((k) => messages.missingSource(SOURCE_NAMES[k], config.sources[k].prefix)),
    );
  }
  return { files, ignored };
}

/** Characters a name may hold for the letter meant (a zero for an O, a one for an I or L …), folded to one form. */
const LOOKALIKE: Record<string, string> = { '0': 'O', '1': 'I', L: 'I', '5': 'S', '8': 'B' };
const fold = (s: string) => s.replace(/[0158L]/g, (c) => LOOKALIKE[c]!);

/** Optimal string alignment distance (one edit: a letter added, dropped, changed, or two swapped), capped at 2. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return Math.min(d[a.length]![b.length]!, 2);
}

/**
 * The source whose prefix a file name nearly starts with, or undefined: with look-alike characters folded
 * (`WM02020BUSV1.csv`, a zero for the O), or, for prefixes of 6 letters or more, one edit away (`GBAPERSON2022TAB…`).
 * Short prefixes (WMO) allow only look-alikes: "WHO" or "UWW" are other names, not typos of them.
 */
function nearlyPrefixed(name: string, prefixes: readonly (readonly [SourceKey, string])[]): SourceKey | undefined {
  const upper = name.toUpperCase();
  for (const [key, p] of prefixes) {
    if (fold(upper).startsWith(fold(p))) return key;
    if (p.length >= 6 && [-1, 0, 1].some((k) => editDistance(upper.slice(0, p.length + k), p) <= 1)) return key;
  }
  return undefined;
}

/**
 * A file of a source's format whose name nearly starts with a source's prefix is not ignored silently: left out,
 * its rows would be missing from every table without a word. The run stops naming it (docs/decisions.md).
 */
function checkLookalikes(ignored: readonly string[], prefixes: readonly (readonly [SourceKey, string])[]): void {
  const near = ignored.flatMap((name) => {
    const key = formatOf(name) ? nearlyPrefixed(name, prefixes) : undefined;
    return key ? [{ name, key }] : [];
  });
  if (near.length > 0)
    throw new InputError(
      messages.nearlySourceNames(),
      near.map(({ name, key }) =>
        messages.nearlySource(name, SOURCE_NAMES[key], prefixes.find(([k]) => k === key)![1]),
      ),
    );
}

/** The year of a WMOBUS file named as CBS names them (WMO<YYYY>BUSV<n>), else undefined. */
const wmoYear = (name: string) => {
  const m = /^WMO(\d{4})BUS/i.exec(name);
  return m ? Number(m[1]) : undefined;
};

/**
 * WMOBUS comes as one file per year, and a missing year lowers every Wmo count without a word. When every file is
 * named by its year, a year of the period P missing between the first and the last file's year (a gap: a file lost
 * or misnamed) stops the run. Years of P before the first or after the last file (not delivered yet, or a study
 * of fewer years) are taken as the user's choice (docs/decisions.md). A WMOBUS file not named so (one file for all
 * years) cannot be checked and is taken as it is.
 */
function checkWmoYears(files: readonly InputFile[], period: { start: string; end: string }): void {
  const years = files.map((f) => wmoYear(f.name));
  if (years.length === 0 || years.some((y) => y === undefined)) return;
  const have = new Set(years as number[]);
  const first = Math.min(...have);
  const last = Math.max(...have);
  const gaps: number[] = [];
  for (
    let y = Math.max(first, Number(period.start.slice(0, 4)));
    y <= Math.min(last, Number(period.end.slice(0, 4)));
    y++
  )
    if (!have.has(y)) gaps.push(y);
  if (gaps.length > 0)
    throw new InputError(
      messages.wmoYearsMissing(gaps, period.start, period.end),
      files.map((f) => f.name),
    );
}

/** Trailing marks of a copy that users leave next to the original ("X - kopie", "X (1)", "X_old", "X.bak"). */
const COPY_MARK =
  /(\s*-\s*(KOPIE|COPY)(\s*\(\d+\))?|\s*\(\d+\)|[\s_.-]+(KOPIE|COPY|OLD|OUD|BAK|BACKUP|ORIG|ORIGINAL|PREV|VORIG|TMP)\d*)$/;

/**
 * What a file name stands for, ignoring what tells copies and versions of one file apart: the extension (the CSV and
 * the Parquet of one file), copy marks, and a trailing version (HOOGSTEOPL2019TABV1 and …V2). Two files of one source
 * with the same stem are candidates for the same data: reading both would count it twice.
 */
function canonicalStem(name: string): string {
  let s = name
    .replace(/\.[^.]*$/, '')
    .toUpperCase()
    .trim();
  while (COPY_MARK.test(s)) s = s.replace(COPY_MARK, '');
  return s.replace(/[\s_.-]*V\d+$/, '');
}

/** GBAPERSOONKTAB, the restricted variant of GBAPERSOONTAB with the same key and fields. */
const isGbaRestricted = (name: string) => /^GBAPERSOON\d*KTAB/i.test(name);

/** Ambiguous candidates for one source stop the run, listing them (the user keeps one; nothing is guessed). */
function checkAmbiguous(files: Record<SourceKey, InputFile[]>): void {
  const gba = files.gba;
  const restricted = gba.filter((f) => isGbaRestricted(f.name));
  if (restricted.length > 0 && restricted.length < gba.length)
    throw new InputError(
      messages.gbaVariants(),
      gba.map((f) => f.name),
    );
  for (const key of SOURCE_KEYS) {
    const groups = new Map<string, InputFile[]>();
    for (const f of files[key]) {
      const stem = canonicalStem(f.name);
      // HOOGSTEOPLTAB is read per year: two files of one year are candidates for the same data too
      const group = key === 'education' ? String(yearFromFileName(f.name) ?? stem) : stem;
      groups.set(group, [...(groups.get(group) ?? []), f]);
    }
    const clashes = [...groups.values()].filter((g) => g.length > 1);
    if (clashes.length > 0)
      throw new InputError(
        messages.ambiguousSource(SOURCE_NAMES[key]),
        clashes.map((g) => g.map((f) => f.name).join(', ')),
      );
  }
}

/** The year in a file name such as HOOGSTEOPL2019TABV1.sav (first 19xx/20xx group of four digits). */
export function yearFromFileName(name: string): number | undefined {
  const m = /(?<!\d)(19\d\d|20\d\d)(?!\d)/.exec(name) ?? /(19\d\d|20\d\d)/.exec(name);
  return m ? Number(m[1]) : undefined;
}
