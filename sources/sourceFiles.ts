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
export function discoverSources(entries: readonly DirectoryEntry[], config: Config, inputDir: string): DiscoveredSources {
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
  checkAmbiguous(files);
  const missing = SOURCE_KEYS.filter((k) => config.sources[k].required && files[k].length === 0);
  if (missing.length > 0) {
    throw new InputError(
      messages.missingSources(inputDir),
      missing.map((k) => messages.missingSource(SOURCE_NAMES[k], config.sources[k].prefix)),
    );
  }
  return { files, ignored };
}

/** Trailing marks of a copy that users leave next to the original ("X - kopie", "X (1)", "X_old", "X.bak"). */
const COPY_MARK = /(\s*-\s*(KOPIE|COPY)(\s*\(\d+\))?|\s*\(\d+\)|[\s_.-]+(KOPIE|COPY|OLD|OUD|BAK|BACKUP|ORIG|ORIGINAL|PREV|VORIG|TMP)\d*)$/;

/**
 * What a file name stands for, ignoring what tells copies and versions of one file apart: the extension (the CSV and
 * the Parquet of one file), copy marks, and a trailing version (HOOGSTEOPL2019TABV1 and …V2). Two files of one source
 * with the same stem are candidates for the same data: reading both would count it twice.
 */
function canonicalStem(name: string): string {
  let s = name.replace(/\.[^.]*$/, '').toUpperCase().trim();
  while (COPY_MARK.test(s)) s = s.replace(COPY_MARK, '');
  return s.replace(/[\s_.-]*V\d+$/, '');
}

/** GBAPERSOONKTAB, the restricted variant of GBAPERSOONTAB with the same key and fields. */
const isGbaRestricted = (name: string) => /^GBAPERSOON\d*KTAB/i.test(name);

/** Ambiguous candidates for one source stop the run, listing them (the user keeps one; nothing is guessed). */
function checkAmbiguous(files: Record<SourceKey, InputFile[]>): void {
  const gba = files.gba;
  const restricted = gba.filter((f) => isGbaRestricted(f.name));
  if (restricted.length > 0 && restricted.length < gba.length) throw new InputError(messages.gbaVariants(), gba.map((f) => f.name));
  for (const key of SOURCE_KEYS) {
    const groups = new Map<string, InputFile[]>();
    for (const f of files[key]) {
      const stem = canonicalStem(f.name);
      // HOOGSTEOPLTAB is read per year: two files of one year are candidates for the same data too
      const group = key === 'education' ? String(yearFromFileName(f.name) ?? stem) : stem;
      groups.set(group, [...(groups.get(group) ?? []), f]);
    }
    const clashes = [...groups.values()].filter((g) => g.length > 1);
    if (clashes.length > 0) throw new InputError(messages.ambiguousSource(SOURCE_NAMES[key]), clashes.map((g) => g.map((f) => f.name).join(', ')));
  }
}

/** The year in a file name such as HOOGSTEOPL2019TABV1.sav (first 19xx/20xx group of four digits). */
export function yearFromFileName(name: string): number | undefined {
  const m = /(?<!\d)(19\d\d|20\d\d)(?!\d)/.exec(name) ?? /(19\d\d|20\d\d)/.exec(name);
  return m ? Number(m[1]) : undefined;
}
